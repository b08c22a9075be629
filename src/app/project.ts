/**
 * A skillshop project on disk: `app/app.(js|ts|cjs|mjs)` exporting `app`, and the optional
 * `skillshop.json` settings. The CLI, the simulator and tests load a project through this.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { skillshopError } from '../errors';
import type { StorageConfig } from '../storage';
import { App } from './app';

export const APP_FILES = ['app/app.ts', 'app/app.js', 'app/app.cjs', 'app/app.mjs', 'app/app.mts', 'app/app.cts'] as const;

/** The settings file `skillshop.json` (every key optional). */
export interface ProjectSettings {
  /** The skill's id, `amzn1.ask.skill.…`: requests for other skills are refused. */
  skillId?: string;
  storage?: StorageConfig;
  [key: string]: unknown;
}

export interface LoadedProject {
  dir: string;
  appFile: string;
  app: App;
  settings: ProjectSettings;
}

export function readProjectSettings(dir: string): ProjectSettings {
  const file = join(dir, 'skillshop.json');
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw skillshopError('CONFIG_INVALID', `${file} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw skillshopError('CONFIG_INVALID', `${file} must hold a JSON object.`);
  }
  const settings = parsed as ProjectSettings;
  if (settings.skillId !== undefined && (typeof settings.skillId !== 'string' || !settings.skillId.startsWith('amzn1.ask.skill.'))) {
    throw skillshopError('CONFIG_INVALID', `${file}: skillId must look like "amzn1.ask.skill.<uuid>", got ${JSON.stringify(settings.skillId)}.`);
  }
  return settings;
}

export function findAppFile(dir: string): string {
  for (const candidate of APP_FILES) {
    const file = join(dir, candidate);
    if (existsSync(file)) return file;
  }
  throw skillshopError(
    'PROJECT_NOT_FOUND',
    `No skill in ${dir}: expected one of ${APP_FILES.join(', ')} exporting \`app\` (module.exports = { app }).`,
  );
}

/** Loads the project's app module and applies skillshop.json where the app's own config is silent. */
export async function loadProject(dir: string = process.cwd()): Promise<LoadedProject> {
  const projectDir = resolve(dir);
  const settings = readProjectSettings(projectDir);
  const appFile = findAppFile(projectDir);
  let exported: Record<string, unknown>;
  try {
    exported = await importModule(appFile);
  } catch (cause) {
    throw skillshopError('PROJECT_LOAD_FAILED', `Loading ${appFile} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
  const app = (exported.app ?? (exported.default as Record<string, unknown> | undefined)?.app ?? exported.default) as unknown;
  if (!isApp(app)) {
    throw skillshopError(
      'PROJECT_LOAD_FAILED',
      `${appFile} must export the skill's App: \`module.exports = { app }\` or \`export const app = new App()\`` +
        (app !== undefined ? ' (it exports an `app` that is not a skillshop App: is a second copy of skillshop installed?)' : '.'),
    );
  }
  app.applyProjectSettings({
    projectDir,
    ...(settings.storage !== undefined ? { storage: settings.storage } : {}),
    ...(settings.skillId ? { applicationIds: [settings.skillId] } : {}),
  });
  return { dir: projectDir, appFile, app, settings };
}

async function importModule(file: string): Promise<Record<string, unknown>> {
  if (file.endsWith('.mts')) {
    const { register } = await import('tsx/esm/api');
    const api = register({ namespace: 'skillshop' });
    return (await api.import(pathToFileURL(file).href, __filename)) as Record<string, unknown>;
  }
  if (/\.c?ts$/.test(file)) {
    // TypeScript apps run without a build step: tsx compiles them as they are required, through
    // the same module cache, so `require('skillshop')` in the app is the copy the CLI runs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { register } = require('tsx/cjs/api') as typeof import('tsx/cjs/api');
    register();
  }
  if (file.endsWith('.mjs')) return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as Record<string, unknown>;
}

function isApp(value: unknown): value is App {
  if (value instanceof App) return true;
  const candidate = value as Partial<App> | null;
  return typeof candidate?.handle === 'function' && typeof candidate.setHandler === 'function' &&
    typeof candidate.applyProjectSettings === 'function';
}
