/**
 * `new App(config)`: every option, its default, and its check at construction time.
 */
import { skillshopError } from '../errors';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { createConsoleLogger, type Logger } from '../logger';
import type { StorageConfig } from '../storage';
import type { RequestVerifierOptions } from '../hosting/verify';
import { REFUND_POLICIES, type RefundPolicy } from '../isp/inventory';

export interface AppConfig {
  /** The project folder (storage paths resolve against it). Default: the current directory. */
  projectDir?: string;
  /**
   * Where user data lives. Default: SQLite at `.skillshop/data/skillshop.db` in the project
   * (or `SKILLSHOP_STORAGE`). `{ type: 'memory' }` for tests.
   */
  storage?: StorageConfig;
  /** A handler that produces no output within this time gets ON_ERROR. Default 6000 ms (Alexa waits 8 s). */
  handlerTimeoutMs?: number;
  /** Timeout of each Monetization service call. Default 2500 ms. */
  monetizationTimeoutMs?: number;
  /** Maps incoming intent names to handler names, e.g. `{ 'AMAZON.HelpIntent': 'HelpIntent' }`. */
  intentMap?: Record<string, string>;
  /** Skill ids (`amzn1.ask.skill.…`) this app answers; requests for other skills are refused. */
  applicationIds?: string[];
  /**
   * Alexa request verification of the web service (on by default). `false` turns it off — for
   * local tools only; never in production.
   */
  verification?: false | RequestVerifierOptions;
  /** What the user hears when a handler fails and ON_ERROR does not answer. */
  errorSpeech?: string;
  /** Persist `this.user().data` after each request. Default true. */
  persistUserData?: boolean;
  logger?: Logger;
  clock?: Clock;
  /** Random numbers in [0, 1), used to pick one of several speech variants. */
  random?: () => number;
  /** The fetch used for Monetization calls (tests, proxies). */
  fetch?: typeof fetch;
  /** Consumables: units per purchase and what a refund does to them (see `inSkillPurchase().getInventory`). */
  isp?: IspConfig;
}

/**
 * @example
 * new App({ isp: { consumables: { gold_coins: { unitsPerPurchase: 100 } }, refundPolicy: 'clamp' } });
 */
export interface IspConfig {
  /** Per consumable, by reference name: how many units one purchase gives (a whole number ≥ 1; default 1). */
  consumables?: Record<string, { unitsPerPurchase?: number }>;
  /**
   * What happens when Amazon's purchase count falls below what the user has used (a refund, a
   * test reset): `clamp` (default) lowers `used` to what was bought, so nothing is left until the
   * next purchase; `reset` sets `used` back to 0, so the user gets the whole remaining purchase again.
   */
  refundPolicy?: RefundPolicy;
}

export interface IspSettings {
  /** Reference name → units per purchase; a consumable not listed gives 1 unit per purchase. */
  readonly unitsPerPurchase: ReadonlyMap<string, number>;
  readonly refundPolicy: RefundPolicy;
}

/** The config with every default applied. */
export interface AppSettings {
  projectDir: string;
  storage: StorageConfig | undefined;
  handlerTimeoutMs: number;
  monetizationTimeoutMs: number;
  intentMap: Readonly<Record<string, string>>;
  applicationIds: readonly string[];
  verification: false | RequestVerifierOptions;
  errorSpeech: string;
  persistUserData: boolean;
  logger: Logger;
  clock: Clock;
  random: () => number;
  fetch: typeof fetch | undefined;
  isp: IspSettings;
}

const KNOWN_KEYS = new Set([
  'projectDir', 'storage', 'handlerTimeoutMs', 'monetizationTimeoutMs', 'intentMap', 'applicationIds',
  'verification', 'errorSpeech', 'persistUserData', 'logger', 'clock', 'random', 'fetch', 'isp',
]);

export function resolveConfig(config: AppConfig = {}): AppSettings {
  if (config === null || typeof config !== 'object') {
    throw skillshopError('CONFIG_INVALID', 'new App(config): config must be an object.');
  }
  for (const key of Object.keys(config)) {
    if (!KNOWN_KEYS.has(key)) {
      throw skillshopError('CONFIG_INVALID', `new App(config): unknown option "${key}". Known options: ${[...KNOWN_KEYS].join(', ')}.`);
    }
  }
  positive('handlerTimeoutMs', config.handlerTimeoutMs);
  positive('monetizationTimeoutMs', config.monetizationTimeoutMs);
  if (config.applicationIds !== undefined && !(Array.isArray(config.applicationIds) && config.applicationIds.every((id) => typeof id === 'string'))) {
    throw skillshopError('CONFIG_INVALID', 'new App(config): applicationIds must be an array of skill id strings.');
  }
  return {
    projectDir: config.projectDir ?? process.cwd(),
    storage: config.storage,
    handlerTimeoutMs: config.handlerTimeoutMs ?? 6000,
    monetizationTimeoutMs: config.monetizationTimeoutMs ?? 2500,
    intentMap: { ...(config.intentMap ?? {}) },
    applicationIds: [...(config.applicationIds ?? [])],
    verification: config.verification ?? {},
    errorSpeech: config.errorSpeech ?? 'Sorry, something went wrong. Please try again later.',
    persistUserData: config.persistUserData ?? true,
    logger: config.logger ?? createConsoleLogger(),
    clock: config.clock ?? systemClock,
    random: config.random ?? Math.random,
    fetch: config.fetch,
    isp: resolveIsp(config.isp),
  };
}

function resolveIsp(isp: IspConfig | undefined): IspSettings {
  const fail = (message: string) => skillshopError('CONFIG_INVALID', `new App(config): ${message}`, { details: { setting: 'isp' } });
  if (isp === undefined) return { unitsPerPurchase: new Map(), refundPolicy: 'clamp' };
  if (!isPlainObject(isp)) throw fail('isp must be an object such as { consumables: { gold_coins: { unitsPerPurchase: 100 } } }.');
  for (const key of Object.keys(isp)) {
    if (key !== 'consumables' && key !== 'refundPolicy') throw fail(`unknown option isp.${key}. Known options: isp.consumables, isp.refundPolicy.`);
  }
  const refundPolicy = isp.refundPolicy ?? 'clamp';
  if (!(REFUND_POLICIES as readonly unknown[]).includes(refundPolicy)) {
    throw fail(`isp.refundPolicy must be ${REFUND_POLICIES.map((p) => `"${p}"`).join(' or ')}, got ${JSON.stringify(refundPolicy)}.`);
  }
  const unitsPerPurchase = new Map<string, number>();
  if (isp.consumables !== undefined) {
    if (!isPlainObject(isp.consumables)) throw fail('isp.consumables must map reference names to { unitsPerPurchase }.');
    for (const [referenceName, entry] of Object.entries(isp.consumables)) {
      const at = `isp.consumables.${referenceName}`;
      if (!isPlainObject(entry)) throw fail(`${at} must be an object such as { unitsPerPurchase: 5 }, got ${JSON.stringify(entry)}.`);
      for (const key of Object.keys(entry)) if (key !== 'unitsPerPurchase') throw fail(`unknown option ${at}.${key}. Known: unitsPerPurchase.`);
      const units = entry.unitsPerPurchase ?? 1;
      if (typeof units !== 'number' || !Number.isSafeInteger(units) || units < 1) {
        throw fail(`${at}.unitsPerPurchase must be a whole number of at least 1 (units one purchase gives), got ${JSON.stringify(units)}.`);
      }
      unitsPerPurchase.set(referenceName, units);
    }
  }
  return { unitsPerPurchase, refundPolicy: refundPolicy as RefundPolicy };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positive(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw skillshopError('CONFIG_INVALID', `new App(config): ${name} must be a positive number of milliseconds, got ${String(value)}.`);
  }
}
