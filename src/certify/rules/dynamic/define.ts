/**
 * A dynamic rule: for every selected ISP locale where products are sold, the rule's check drives
 * the skill through visits of a LocaleTester and judges what it heard. What cannot be explored
 * (no app, no tester utterances for a locale) is reported `skipped` with what to add — never a pass.
 */
import type { LocaleTester } from '../../explore/explorer';
import { skip } from '../../explore/judge';
import type { CertifyContext, Finding } from '../../types';

export type DynamicCheck = (tester: LocaleTester, context: CertifyContext) => Promise<Finding[]>;

export interface DynamicCheckOptions {
  /** Runs in locales without tester utterances too (the check uses none). */
  withoutUtterances?: boolean;
}

/**
 * What a group file gives for a rule id: a check run per locale tester (the usual case), or one
 * that looks at the whole skill itself (e.g. the locales where nothing is sold).
 */
export type DynamicImplementation =
  | ({ perLocale: DynamicCheck } & DynamicCheckOptions)
  | { wholeSkill: (context: CertifyContext) => Promise<Finding[]> };

/** Runs `check` per locale tester; a locale without tester utterances is skipped with a note. */
export async function forEachLocale(context: CertifyContext, check: DynamicCheck, options: DynamicCheckOptions = {}): Promise<Finding[]> {
  const exploration = await context.exploration();
  if ('unavailable' in exploration) return [{ status: 'skipped', evidence: [], fix: exploration.unavailable }];
  if (exploration.localeTesters.length === 0) {
    return [{ status: 'skipped', evidence: [], fix: `No ISP locale in the selection (${context.locales.join(', ')}) has a model and products to explore.` }];
  }
  const findings: Finding[] = [];
  for (const tester of exploration.localeTesters) {
    if (tester.products.length === 0) {
      findings.push(skip(tester, `No product is published in ${tester.locale}: the purchase paths are explored where products are sold.`));
      continue;
    }
    if (!tester.utterances && !options.withoutUtterances) {
      findings.push(skip(tester, `No tester utterances for ${tester.locale} yet: add them under "certify": { "utterances": { "${tester.locale}": { … } } } in skillshop.json.`));
      continue;
    }
    try {
      findings.push(...await check(tester, context));
    } catch (error) {
      findings.push(skip(tester, `The exploration stopped with an error, so this rule could not be checked: ${(error as Error)?.message ?? String(error)}`));
    }
  }
  return findings;
}
