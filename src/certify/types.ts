/** The report model of `skillshop certify`: rules, their findings, and the report built from them. */
import type { CatalogProduct } from '../isp/catalog';
import type { CompiledNlu } from '../simulator/nlu';
import type { ManifestView } from './manifest-view';
import type { Exploration } from './explore/explorer';
import type { IconFetch } from './icons';
import type { CertifySettings } from './settings';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skipped';
export type RuleKind = 'static' | 'model' | 'dynamic';

/** What one rule found about one subject (the skill, a locale, a product, or a product in a locale). */
export interface Finding {
  status: 'pass' | 'fail' | 'warn' | 'skipped';
  locale?: string;
  product?: string;
  /** What was looked at, each naming its file and JSON path, or the utterance and what it reached. */
  evidence: string[];
  /** What to change (failures and warnings), or why the check was skipped. */
  fix?: string;
}

export interface ModelLocale {
  locale: string;
  /** The file the model is written in, relative to the project. */
  file: string;
  nlu: CompiledNlu;
  /** The products published in this locale. */
  products: CatalogProduct[];
  /** referenceName → the words the model lists for it (slot values whose id is the referenceName: value and synonyms). */
  names: Record<string, string[]>;
}

export interface CertifyContext {
  dir: string;
  products: CatalogProduct[];
  settings: CertifySettings;
  manifest: ManifestView | undefined;
  /** ISP locales with a model, in the --locale selection; or why the model could not be read. */
  models: ModelLocale[] | { error: string };
  /** The locales selected with --locale (every ISP locale for `all`). */
  locales: readonly string[];
  /**
   * The simulator session the dynamic rules drive, started on first use (once per run); or why
   * the skill cannot be explored.
   */
  exploration(): Promise<Exploration | { unavailable: string }>;
  /** Fetches product icons for catalog.no-placeholders; undefined: icons are not fetched (the default). */
  fetchIcon?: IconFetch;
}

export interface Rule {
  id: string;
  title: string;
  source: string;
  /** Rests on design advice, not a stated requirement: failures are reported as warnings. */
  guidance?: boolean;
  kind: RuleKind;
  run(context: CertifyContext): Finding[] | Promise<Finding[]>;
}

/** One line of the report, as `--json` writes it. */
export interface Check {
  id: string;
  title: string;
  status: CheckStatus;
  locale?: string;
  product?: string;
  /** The evidence; the last entry is `fix: …` (or `note: …` for a skipped check) when there is one. */
  evidence: string[];
  source: string;
}

export interface CertifyReport {
  skill: { name: string; skillId: string; locales: string[]; products: string[] };
  checks: Check[];
  summary: { pass: number; fail: number; warn: number; skipped: number };
}
