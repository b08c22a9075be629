/**
 * What a deploy remembers, per ASK profile, so that the next one updates instead of creating a
 * second skill or product: `.skillshop/state.json` (commit it). Where the project is also an ASK
 * CLI project (`.ask/ask-states.json` exists), the skill id lives there, at
 * `profiles.<profile>.skillId` as the ASK CLI keeps it, and that file is edited in place.
 *
 * @example
 * const state = DeployState.load(projectDir, 'default');
 * state.product('cave_quest')?.productId;
 */
import { join } from 'node:path';
import { readProjectSettings } from '../app/project';
import { skillshopError } from '../errors';
import { formatJson, readJsonFile, writeFileAtomic, writeJsonAtomic } from '../files';
import { setJsonValue } from './json-edit';

export const STATE_FILE = '.skillshop/state.json';
export const ASK_STATES_FILE = '.ask/ask-states.json';

export interface ProductRecord {
  productId: string;
  /** Content hash of the definition last sent (or found identical at Amazon). */
  hash?: string;
  /** Amazon's ETag after that: sent as If-Match on the next update. */
  eTag?: string;
}

export interface ProfileState {
  /** Absent when .ask/ask-states.json holds it. */
  skillId?: string;
  vendorId?: string;
  skillPackage?: {
    /** Content hash of the last package Amazon imported successfully. */
    hash?: string;
    /** An import started but not seen to finish: the next deploy asks Amazon about it first. */
    pendingImportId?: string;
  };
  /** By referenceName. */
  products: Record<string, ProductRecord>;
}

interface StateFile {
  $comment?: string;
  version: 1;
  profiles: Record<string, ProfileState>;
}

const COMMENT = 'Written by skillshop deploy: the skill and product ids per ASK profile, so the next deploy updates them. Commit this file.';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export type SkillIdSource = 'ask-states' | 'state' | 'skillshop.json';

export class DeployState {
  private data: ProfileState;
  private askStatesSkillId: string | undefined;
  private readonly hasAskStates: boolean;
  private settingsSkillId: string | undefined;

  private constructor(readonly projectDir: string, readonly profile: string) {
    this.data = { products: {} };
    this.hasAskStates = false;
    const file = join(projectDir, STATE_FILE);
    const read = readJsonFile(file);
    if (!read.ok && !read.missing) throw skillshopError('DEPLOY_STATE_INVALID', `${STATE_FILE}: ${read.message}. Fix it (it is committed: compare with git), never delete it: the next deploy would create a second skill.`);
    if (read.ok) {
      const entry = isObject(read.value) && isObject(read.value.profiles) ? read.value.profiles[profile] : undefined;
      if (!isObject(read.value) || !isObject(read.value.profiles) || (entry !== undefined && !isObject(entry))) {
        throw skillshopError('DEPLOY_STATE_INVALID', `${STATE_FILE} must hold { "version": 1, "profiles": { "<profile>": { … } } }.`);
      }
      if (entry) this.data = { ...(entry as unknown as ProfileState), products: isObject(entry.products) ? (entry.products as Record<string, ProductRecord>) : {} };
    }
    const askStates = readJsonFile(join(projectDir, ASK_STATES_FILE));
    if (askStates.ok) {
      this.hasAskStates = true;
      const id = (askStates.value as { profiles?: Record<string, { skillId?: unknown }> }).profiles?.[profile]?.skillId;
      this.askStatesSkillId = typeof id === 'string' && id !== '' ? id : undefined;
    } else if (!askStates.missing) {
      throw skillshopError('DEPLOY_STATE_INVALID', `${ASK_STATES_FILE}: ${askStates.message}.`);
    }
    try {
      this.settingsSkillId = readProjectSettings(projectDir).skillId;
    } catch {
      this.settingsSkillId = undefined; // the build reports a broken skillshop.json
    }
  }

  static load(projectDir: string, profile: string): DeployState {
    return new DeployState(projectDir, profile);
  }

  /** The skill to update: ask-states.json's, else state.json's, else skillshop.json's `skillId`. */
  get skillId(): string | undefined {
    return this.skillIdFrom()?.skillId;
  }

  skillIdFrom(): { skillId: string; source: SkillIdSource } | undefined {
    if (this.hasAskStates && this.askStatesSkillId) return { skillId: this.askStatesSkillId, source: 'ask-states' };
    if (this.data.skillId) return { skillId: this.data.skillId, source: 'state' };
    if (this.settingsSkillId) return { skillId: this.settingsSkillId, source: 'skillshop.json' };
    return undefined;
  }

  get skillPackageHash(): string | undefined {
    return this.data.skillPackage?.hash;
  }

  get pendingImportId(): string | undefined {
    return this.data.skillPackage?.pendingImportId;
  }

  get vendorId(): string | undefined {
    return this.data.vendorId;
  }

  product(referenceName: string): ProductRecord | undefined {
    const record = this.data.products[referenceName];
    return record && typeof record.productId === 'string' ? record : undefined;
  }

  products(): Record<string, ProductRecord> {
    return { ...this.data.products };
  }

  // Each change is written at once, so an interrupted deploy keeps what it did.

  setSkillId(skillId: string): void {
    if (this.hasAskStates) {
      const file = join(this.projectDir, ASK_STATES_FILE);
      const read = readJsonFile(file);
      if (!read.ok) throw skillshopError('DEPLOY_STATE_INVALID', `${ASK_STATES_FILE}: ${read.message}.`);
      writeFileAtomic(file, setJsonValue(read.text, ['profiles', this.profile, 'skillId'], skillId));
      this.askStatesSkillId = skillId;
      delete this.data.skillId;
    } else {
      this.data.skillId = skillId;
    }
    this.save();
  }

  setVendorId(vendorId: string): void {
    if (this.data.vendorId === vendorId) return;
    this.data.vendorId = vendorId;
    this.save();
  }

  setSkillPackage(update: { hash?: string | undefined; pendingImportId?: string | undefined }): void {
    const next = { ...this.data.skillPackage, ...update };
    for (const key of Object.keys(next) as (keyof typeof next)[]) if (next[key] === undefined) delete next[key];
    this.data.skillPackage = next;
    this.save();
  }

  setProduct(referenceName: string, record: ProductRecord): void {
    this.data.products = { ...this.data.products, [referenceName]: record };
    this.save();
  }

  removeProduct(referenceName: string): void {
    const { [referenceName]: _gone, ...rest } = this.data.products;
    this.data.products = rest;
    this.save();
  }

  /** Rewrites this profile's entry; other profiles are read again from the file and kept. */
  private save(): void {
    const file = join(this.projectDir, STATE_FILE);
    const read = readJsonFile(file);
    const current: StateFile = read.ok && isObject(read.value) && isObject(read.value.profiles)
      ? (read.value as unknown as StateFile)
      : { $comment: COMMENT, version: 1, profiles: {} };
    const products = Object.fromEntries(Object.entries(this.data.products).sort(([a], [b]) => (a < b ? -1 : 1)));
    const next: StateFile = { $comment: current.$comment ?? COMMENT, version: 1, profiles: { ...current.profiles, [this.profile]: { ...this.data, products } } };
    if (read.ok && formatJson(next) === read.text) return;
    writeJsonAtomic(file, next);
  }
}

/**
 * referenceName → product id as recorded by the last deploy with this profile; for the simulator
 * (`productIds`), so offline ids match Amazon's.
 */
export function recordedProductIds(projectDir: string, profile = 'default'): Record<string, string> {
  const state = DeployState.load(projectDir, profile);
  return Object.fromEntries(Object.entries(state.products()).map(([name, record]) => [name, record.productId]));
}
