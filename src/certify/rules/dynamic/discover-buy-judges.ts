/**
 * Small helpers of the discovery and buying rules (discover-buy.ts): asking in a visit the way a
 * tester does, and telling whether an answer names or offers a product without being fooled by a
 * product name inside another product's name, or a product named like the skill itself.
 */
import { mentions, purchaseWordIn, type Answer } from '../../explore/answers';
import type { LocaleTester, ProductUnderTest } from '../../explore/explorer';
import { article } from '../../explore/judge';
import type { Visit } from '../../explore/visit';
import { keyOf } from '../../../simulator/nlu/tokens';

/** `"buy treasure map"`: an utterance quoted for a failure line. */
export function quoted(utterance: string): string {
  return `"${utterance}"`;
}

/**
 * A name of `product` said in `speech`, counted only where it stands on its own: not as part of a
 * longer name of another product ("Hint Pack" inside "Hint Pack Deluxe"), and — when the product
 * is named like the skill itself ("Cave Quest" in Cave Quest) — only in a sentence that also
 * has a purchase word. Undefined when none.
 */
export function nameSaid(speech: string, product: ProductUnderTest, tester: LocaleTester): string | undefined {
  const skillName = keyOf(tester.invocation);
  for (const name of product.names) {
    const key = keyOf(name);
    if (key === '') continue;
    if (key === skillName) {
      if (sentencesOf(speech).some((sentence) => mentions(sentence, name) && purchaseWordIn(sentence, tester.locale) !== undefined)) return name;
      continue;
    }
    let spoken = ` ${keyOf(speech)} `;
    for (const other of tester.products) {
      if (other.referenceName === product.referenceName) continue;
      for (const longer of other.names.map(keyOf)) {
        if (longer.length > key.length && ` ${longer} `.includes(` ${key} `)) spoken = spoken.split(` ${longer} `).join(' | ');
      }
    }
    if (mentions(spoken, name)) return name;
  }
  return undefined;
}

/** The sentences of a speech (split at . ! ? and their CJK forms). */
export function sentencesOf(speech: string): string[] {
  return speech.split(/[.!?。！？]+/u).map((sentence) => sentence.trim()).filter((sentence) => sentence !== '');
}

/** A sentence of the speech that names the product with a purchase word ("You can buy the Treasure Map"), or undefined. */
export function offerSentence(speech: string, product: ProductUnderTest, tester: LocaleTester): string | undefined {
  return sentencesOf(speech).find((sentence) => nameSaid(sentence, product, tester) !== undefined && purchaseWordIn(sentence, tester.locale) !== undefined);
}

/** The product a purchase directive is for, as the tester knows it (undefined for an id not in the catalog). */
export function directiveProduct(answer: Answer | undefined, tester: LocaleTester): ProductUnderTest | undefined {
  const directive = answer?.directive;
  return directive?.referenceName === undefined ? undefined : tester.product(directive.referenceName);
}

/** `a Buy directive for hint_pack`. */
export function directiveText(answer: Answer): string {
  const directive = answer.directive!;
  return `${article(directive.name)} ${directive.name} directive for ${directive.referenceName ?? directive.productId}`;
}

/**
 * What a check found over its visits: failure lines, each tied to the visit that shows it. The
 * evidence of a failing check shows only the visits that failed; a passing one shows them all.
 */
export class Findings {
  readonly visits: Visit[] = [];
  readonly failures: string[] = [];
  readonly notes: string[] = [];
  private readonly failed = new Set<Visit>();

  /** Starts a visit of the check (a fresh user) and keeps it for the evidence. */
  visit(tester: LocaleTester, label: string): Visit {
    const visit = tester.visit(label);
    this.visits.push(visit);
    return visit;
  }

  fail(visit: Visit, ...lines: string[]): void {
    if (lines.length === 0) return;
    this.failures.push(...lines);
    this.failed.add(visit);
  }

  /** The visits to show: those with a failure, or every one when none failed. */
  get shown(): Visit[] {
    return this.failed.size > 0 ? this.visits.filter((visit) => this.failed.has(visit)) : [...this.visits];
  }
}
