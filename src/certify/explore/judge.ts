/**
 * How the dynamic rules judge what a tester heard: small, named checks over answers, and the
 * finding a rule reports (the failures first, then the transcripts that show them).
 */
import { tokenize } from '../../simulator/nlu/tokens';
import type { Finding } from '../types';
import { findErrorPhrase, findPrice, mentions, purchaseWordIn, type Answer } from './answers';
import type { LocaleTester, ProductUnderTest } from './explorer';
import type { Visit } from './visit';

/** "an Upsell", "a Buy". */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** Why an answer is not a graceful one: invalid, silent, or with an error phrase. Empty when it is. */
export function ungraceful(answer: Answer | undefined, what: string): string[] {
  if (!answer) return [`${what}: the skill was never asked (no request reached it)`];
  if (answer.invalid !== undefined) return [`${what}: Alexa rejected the answer (${answer.invalid})`];
  const problems: string[] = [];
  if (!answer.speech) problems.push(`${what}: the skill says nothing`);
  const error = findErrorPhrase(answer.speech);
  if (error) problems.push(`${what}: the skill says "${error}" — an error phrase`);
  return problems;
}

/** Why the answer does not keep the conversation going: session closed, or open without a reprompt. */
export function notContinuing(answer: Answer | undefined, what: string): string[] {
  if (!answer || answer.invalid !== undefined) return [];
  if (answer.directive) return [`${what}: the skill answers with another ${answer.directive.name} directive instead of continuing`];
  if (!answer.sessionOpen) return [`${what}: the session ends (shouldEndSession is not false)`];
  if (!answer.reprompt) return [`${what}: the session stays open without a reprompt`];
  return [];
}

/** A price in the speech, reprompt or upsellMessage. */
export function priceIn(answer: Answer): string | undefined {
  return findPrice(answer.speech) ?? findPrice(answer.reprompt) ?? (answer.directive?.upsellMessage !== undefined ? findPrice(answer.directive.upsellMessage) : undefined);
}

/** The product's name (or a synonym) said in `speech`. */
export function namedIn(speech: string, product: ProductUnderTest): string | undefined {
  return product.names.find((name) => mentions(speech, name));
}

/** The answer offers the product: a Buy or Upsell for it, or speech naming it with a purchase word. */
export function offers(answer: Answer | undefined, product: ProductUnderTest, locale: string): string | undefined {
  if (!answer) return undefined;
  const directive = answer.directive;
  if (directive && directive.name !== 'Cancel' && directive.referenceName === product.referenceName) return `${article(directive.name)} ${directive.name} directive for ${product.referenceName}`;
  const name = namedIn(answer.speech, product);
  const word = purchaseWordIn(answer.speech, locale);
  return name && word ? `speech naming "${name}" with "${word}"` : undefined;
}

/**
 * The answer serves content: valid, spoken, no purchase directive, no offer of the product and no
 * error phrase. Undefined when it does, else why not.
 */
export function notServed(answer: Answer | undefined, product: ProductUnderTest, locale: string): string | undefined {
  if (!answer) return 'no answer';
  if (answer.invalid !== undefined) return `no valid answer (${answer.invalid})`;
  if (answer.directive) return `${article(answer.directive.name)} ${answer.directive.name} directive for ${answer.directive.referenceName ?? answer.directive.productId}`;
  if (!answer.speech) return 'no speech';
  const offer = offers(answer, product, locale);
  if (offer) return offer;
  const error = findErrorPhrase(answer.speech);
  if (error) return `the error phrase "${error}"`;
  return undefined;
}

export interface VerdictOptions {
  tester: LocaleTester;
  product?: ProductUnderTest;
  visits: readonly Visit[];
  /** What is wrong; none → pass. */
  failures: readonly string[];
  /** What to change, when something failed. */
  fix: string;
  /** Lines to add after the failures (what was checked, for a pass). */
  notes?: readonly string[];
}

/** The finding of a rule for one locale (and product): failures first, marked ✗, then the transcripts. */
export function verdict({ tester, product, visits, failures, fix, notes = [] }: VerdictOptions): Finding {
  return {
    status: failures.length > 0 ? 'fail' : 'pass',
    locale: tester.locale,
    ...(product ? { product: product.referenceName } : {}),
    evidence: [...failures.map((failure) => `✗ ${failure}`), ...notes, ...visits.flatMap((visit) => visit.transcript)],
    ...(failures.length > 0 ? { fix } : {}),
  };
}

/** A skipped finding with the note that says what to add (never a pass). */
export function skip(tester: LocaleTester, note: string, product?: ProductUnderTest): Finding {
  return { status: 'skipped', locale: tester.locale, ...(product ? { product: product.referenceName } : {}), evidence: [], fix: note };
}

/** How alike two speeches are: shared words ÷ all words (Jaccard over their word sets), 0..1. */
export function likeness(a: string, b: string): number {
  const words = (text: string) => new Set(tokenize(text).keys);
  const left = words(a);
  const right = words(b);
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared / (left.size + right.size - shared);
}

/** From this likeness on, two answers are taken to serve the same content. */
export const SAME_CONTENT = 0.6;

/**
 * Premium content is recognised by what an owner hears: the answer serves it when it carries no
 * purchase directive and its speech is like the owner's answer to the same request. Undefined
 * when it does, else why not.
 */
export function notLikeOwner(answer: Answer | undefined, owner: Answer): string | undefined {
  if (!answer) return 'no answer';
  if (answer.invalid !== undefined) return `no valid answer (${answer.invalid})`;
  if (answer.directive) return `${article(answer.directive.name)} ${answer.directive.name} directive instead of the content`;
  const alike = likeness(answer.speech, owner.speech);
  return alike >= SAME_CONTENT ? undefined : `speech unlike what an owner hears (likeness ${alike.toFixed(2)} < ${SAME_CONTENT})`;
}
