/** What a deploy reports as it goes: the CLI prints these as progress; `--json` prints only the result. */
import type { Problem } from '../problems';
import type { PlanAction } from './plan';
import type { RetryNotice } from './smapi-client';

export type DeployEvent =
  | { type: 'build'; locales: string[]; problems: Problem[]; written: string[] }
  | { type: 'plan'; actions: PlanAction[] }
  | { type: 'upload'; bytes: number; files: number }
  | { type: 'import'; importId: string; newSkill: boolean }
  | { type: 'import-status'; status: string; resources: { name: string; status: string }[] }
  | { type: 'skill'; skillId: string; created: boolean }
  | { type: 'done'; action: PlanAction }
  | { type: 'failed'; action: PlanAction; message: string }
  | { type: 'retry'; notice: RetryNotice }
  | { type: 'note'; message: string };

export type DeployEventHandler = (event: DeployEvent) => void;
