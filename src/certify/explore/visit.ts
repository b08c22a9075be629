/**
 * One scripted visit of a certification tester: a fresh user in one locale, the state set up the
 * way Alexa would have it (products owned, faults, off sale…), then turns — and a transcript of
 * everything, which is the evidence a finding shows.
 */
import type { FaultName } from '../../simulator/faults';
import { tableFor } from '../../simulator/nlu';
import type { ForcedPurchaseOutcome, ParentDecision, Simulator } from '../../simulator/simulator';
import type { Turn } from '../../simulator/turn';
import { reached } from '../rules/model';
import { answersOf, type Answer } from './answers';
import type { LocaleTester, ProductUnderTest } from './explorer';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What one turn of a visit produced. */
export interface Step {
  turn: Turn;
  /** The skill's answers, in order: to the utterance, then to a purchase result. */
  answers: Answer[];
  /** The answer to what the user said (not to a purchase result). */
  reply: Answer | undefined;
  /** The answer to the purchase result, when a purchase dialog finished in this turn and the skill was told. */
  afterPurchase: Answer | undefined;
  /** What Alexa herself said (purchase dialog lines, "There was a problem…"). */
  alexa: string[];
  /** Alexa asked a purchase question and waits for yes or no. */
  awaitingAnswer: boolean;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 300 ? `${text.slice(0, 297)}…` : text);
}

export class Visit {
  /** The evidence: state changes, utterances, answers, directives and Alexa's lines, in order. */
  readonly transcript: string[];
  readonly steps: Step[] = [];

  constructor(
    readonly tester: LocaleTester,
    private readonly simulator: Simulator,
    private readonly advance: (ms: number) => void,
    label: string,
  ) {
    this.transcript = [`— ${tester.locale}: ${label} —`];
  }

  get locale(): string {
    return this.tester.locale;
  }

  get sessionOpen(): boolean {
    return this.simulator.sessionOpen;
  }

  get awaitingAnswer(): boolean {
    return this.simulator.awaitingPurchaseAnswer;
  }

  /** Adds a line of its own to the transcript (what the rule concluded from a step, say). */
  note(line: string): void {
    this.transcript.push(line);
  }

  // ---- state, as Alexa and Amazon would change it ------------------------------------------

  /** The user owns the product (bought earlier, elsewhere); a consumable gains `packs` purchases. */
  own(product: ProductUnderTest, packs = 1): this {
    // A product off sale now may have been bought before: Amazon refuses only new purchases.
    const offSale = !this.simulator.isPurchasable(product.referenceName);
    if (offSale) this.simulator.setPurchasable(product.referenceName, true);
    for (let i = 0; i < (product.type === 'CONSUMABLE' ? packs : 1); i++) this.simulator.grant(product.referenceName);
    if (offSale) this.simulator.setPurchasable(product.referenceName, false);
    this.transcript.push(`state: owns ${product.label}${product.type === 'CONSUMABLE' ? ` (${packs} purchase${packs === 1 ? '' : 's'})` : ''}`);
    return this;
  }

  /** Amazon refunds (an entitlement, one consumable purchase) or cancels (a subscription). */
  revoke(product: ProductUnderTest): this {
    const result = this.simulator.revoke(product.referenceName);
    this.transcript.push(`state: Amazon ${product.type === 'SUBSCRIPTION' ? 'cancels' : 'refunds'} ${product.label} (${result})`);
    return this;
  }

  fault(name: FaultName): this {
    this.simulator.fault(name);
    this.transcript.push(`state: ${name}`);
    return this;
  }

  offSale(product: ProductUnderTest): this {
    this.simulator.setPurchasable(product.referenceName, false);
    this.transcript.push(`state: ${product.label} is not purchasable (NOT_PURCHASABLE)`);
    return this;
  }

  parent(decision: ParentDecision, product: ProductUnderTest): this {
    this.simulator.parent(decision, product.referenceName);
    this.transcript.push(`state: the parent ${decision === 'approve' ? 'approves' : decision === 'deny' ? 'denies' : 'lets expire'} the purchase of ${product.label}`);
    return this;
  }

  /** The user disables and re-enables the skill: a new user id; Amazon keeps the purchases. */
  reenable(): this {
    this.simulator.reenable();
    this.transcript.push('state: the user disables and re-enables the skill (a new user id; purchases stay with the account)');
    return this;
  }

  /** Time passes (subscription periods and trials end). */
  later(days: number): this {
    this.advance(days * DAY_MS);
    this.transcript.push(`state: ${days} days later`);
    return this;
  }

  /** What Amazon says the user holds of a product now. */
  holds(product: ProductUnderTest): { entitled: boolean; count: number } {
    const summary = this.simulator.entitlements().find((entry) => entry.referenceName === product.referenceName);
    return { entitled: summary?.entitled ?? false, count: summary?.activeEntitlementCount ?? 0 };
  }

  // ---- turns ------------------------------------------------------------------------------

  /** The user opens the skill ("open <invocation>"). */
  launch(): Promise<Step> {
    return this.say(this.tester.launchPhrase());
  }

  async say(utterance: string): Promise<Step> {
    return this.play(await this.simulator.say(utterance));
  }

  /** Yes or no to Alexa's purchase question, in the locale's words. */
  yes(): Promise<Step> {
    return this.say(this.tester.yesWord);
  }

  no(): Promise<Step> {
    return this.say(this.tester.noWord);
  }

  /** Ends Alexa's purchase dialog with a result the user cannot say (see Simulator.answerPurchase). */
  async answer(outcome: ForcedPurchaseOutcome): Promise<Step> {
    return this.play(await this.simulator.answerPurchase(outcome));
  }

  /** The user opens the skill, and walks away from a purchase question the launch may start. */
  async open(): Promise<void> {
    await this.launch();
    if (this.awaitingAnswer) await this.leave();
  }

  /**
   * Says `utterance` in an open session, as a tester would: leaves a purchase question Alexa is
   * waiting on, and opens the skill first when no session is open.
   */
  async ask(utterance: string): Promise<Step> {
    if (this.awaitingAnswer) await this.leave();
    if (!this.sessionOpen) await this.open();
    return this.say(utterance);
  }

  /** The user walks away (or says "exit"): the session ends. */
  async leave(): Promise<void> {
    if (this.simulator.sessionOpen || this.simulator.awaitingPurchaseAnswer) this.play(await this.simulator.quit());
  }

  private play(turn: Turn): Step {
    const answers = answersOf(turn, (productId) => this.tester.byId(productId)?.referenceName);
    const alexa = turn.lines.filter((line) => line.speaker === 'alexa').map((line) => line.text);
    const step: Step = {
      turn,
      answers,
      reply: answers.find((answer) => !answer.isPurchaseResult),
      afterPurchase: answers.find((answer) => answer.isPurchaseResult),
      alexa,
      awaitingAnswer: turn.awaitingPurchaseAnswer,
    };
    this.steps.push(step);
    this.transcript.push(...this.describe(step));
    return step;
  }

  private describe(step: Step): string[] {
    const lines: string[] = [];
    const { turn } = step;
    lines.push(`user: ${quote(turn.user)}${turn.nlu ? ` → ${reached(turn.nlu)}` : ''}`);
    const alexaLines = step.alexa.map((line) => `alexa: ${quote(line)}`);
    let alexaSaid = false;
    for (const answer of step.answers) {
      if (answer.isPurchaseResult) {
        lines.push(...alexaLines);
        alexaSaid = true;
        lines.push(`alexa → skill: ${answer.request} (a new session)`);
      }
      lines.push(...describeAnswer(answer));
    }
    if (!alexaSaid) lines.push(...alexaLines);
    if (turn.purchase && turn.purchase.purchaseResult === undefined && turn.purchase.statusCode === undefined) {
      lines.push(`alexa: (no purchase result is sent to the skill)`);
    }
    if (step.awaitingAnswer) lines.push('(Alexa waits for yes or no)');
    return lines;
  }
}

export function describeAnswer(answer: Answer): string[] {
  const lines: string[] = [];
  if (answer.invalid !== undefined) lines.push(`skill: (no valid answer: ${answer.invalid})`);
  else if (answer.speech) lines.push(`skill: ${quote(answer.speech)}`);
  else lines.push('skill: (no speech)');
  if (answer.directive) {
    const { name, referenceName, productId, upsellMessage } = answer.directive;
    lines.push(`skill → ${name} ${referenceName ?? productId}${upsellMessage !== undefined ? ` with upsellMessage ${quote(upsellMessage)}` : ''}`);
  } else if (answer.invalid === undefined) {
    lines.push(answer.sessionOpen ? `  (session open${answer.reprompt ? `, reprompt ${quote(answer.reprompt)}` : ', no reprompt'})` : '  (session ends)');
  }
  return lines;
}

/** The locale's plain yes and no (what Alexa's purchase dialog understands). */
export function yesNoWords(locale: string): { yes: string; no: string } {
  const table = tableFor(locale);
  return {
    yes: table.builtIns['AMAZON.YesIntent']?.[0] ?? 'yes',
    no: table.builtIns['AMAZON.NoIntent']?.[0] ?? 'no',
  };
}
