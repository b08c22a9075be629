/**
 * Dynamic rules of upselling: upsell.* (isp-certification.md).
 *
 * Where upsells come from. Per locale, one shared exploration (run once, used by every rule here)
 * visits each path that can trigger an Upsell, each as a fresh user who owns nothing: the launch;
 * every `certify.freeUtterances`; every `certify.premiumUtterances` of each product; each
 * consumable's `useUtterance` at a zero balance; the first "what can I buy"; "help"; and "tell me
 * more about {product}" for each product. Every visit opens the skill first (declining anything the
 * launch offers), then says the path's utterance. When Alexa's purchase dialog starts, the tester
 * says "no" (DECLINED) and, after an Upsell, says the same utterance again in the session that
 * continues. Every answer of the skill (speech, reprompt, directive) and every Upsell is kept.
 *
 * - upsell.no-price: no answer heard in the exploration — speech, reprompt or upsellMessage,
 *   answers to purchase results included — contains a price (a currency sign or code with an
 *   amount, dollars/euros/cents, a number "per month", "price"). Free-trial wording without an
 *   amount ("free for seven days") is fine. Alexa says the price herself.
 * - upsell.yes-no-question: every upsellMessage seen ends in a question mark; in English and
 *   German its last sentence also starts like a yes/no question ("Do…", "Would…", "Want…",
 *   "How about…"; "Möchtest…", "Willst…", "Soll…"), so "Which one do you want?" fails. Other
 *   languages: the question mark only.
 * - upsell.differs-from-prompt: every upsellMessage seen is compared with the product's
 *   purchasePromptDescription in that locale (Alexa reads the prompt right after it): it fails when
 *   one contains the other (words compared, case and punctuation ignored) or their likeness (shared
 *   words ÷ all words) is 0.8 or more.
 * - upsell.not-owned: per entitlement and subscription, a visit of a user who owns it (Amazon says
 *   ENTITLED) walks every path above (its own premium utterances and "tell me more about" it
 *   first), declining any offer: the skill must never send an Upsell, nor a Buy nobody asked for,
 *   for that product, nor ask a question that offers it (names it with a purchase word: "Would you
 *   like to buy Cave Quest?") — the answer to "what can I buy" excepted, which
 *   discover.lists-purchasable judges. Consumables are not checked: buying more is allowed.
 * - upsell.not-again-after-decline (guidance): per product upsold on some path, in that path's
 *   visit: the answer to the DECLINED result is no Upsell/Buy of it, and saying the same utterance
 *   again in the session that continues gets no Upsell of it.
 * - upsell.frequency (guidance): one visit walks launch → every free utterance → every premium
 *   utterance → each consumable's use at zero, saying "no" to every offer and going on. A session
 *   lasts from the launch until the session really ends (the purchase hop does not end it). It
 *   fails when a session holds more Upsells than `certify.maxUpsellsPerSession` (default 1), or
 *   when two turns in a row each bring an Upsell (the "no" said to Alexa is not a turn of its own).
 *
 * Without the `certify` settings a path needs (freeUtterances, premiumUtterances.<product> — `[]`
 * when nothing asks for its content —, consumables.<product>; under `certify.locales.<locale>`
 * outside English), the path is not explored; a rule then reports what it found wrong, or
 * `skipped` with a note naming what to add to skillshop.json — never a guessed pass. Rules that
 * judge upsellMessages report `skipped` when the skill sent no Upsell on the paths explored, and
 * per product when it was never upsold and its own path was not explored.
 */
import { purchaseWordIn, type Answer } from '../../explore/answers';
import type { LocaleTester, ProductUnderTest } from '../../explore/explorer';
import { likeness, namedIn, priceIn, verdict } from '../../explore/judge';
import type { Step, Visit } from '../../explore/visit';
import type { Finding } from '../../types';
import type { DynamicImplementation } from './define';

// ---- the shared exploration ------------------------------------------------------------------

/** A way into the skill that may bring an Upsell. */
interface TriggerPath {
  /** For evidence: `launch`, `"explore the deep mine" (premium content of treasure_map)`. */
  label: string;
  /** What the user says; the launch phrase for the launch path. */
  utterance: string;
  kind: 'launch' | 'free' | 'premium' | 'consumable' | 'whatCanIBuy' | 'help' | 'tellMeAbout';
  /** The product whose content (or details) the path asks for. */
  product?: ProductUnderTest;
}

/** One answer of the skill and the utterance of the turn it came in. */
interface Heard {
  visit: Visit;
  utterance: string;
  answer: Answer;
}

/** One Upsell directive the skill sent. */
interface UpsellSeen {
  visit: Visit;
  /** The utterance of the turn that brought it. */
  utterance: string;
  /** The product's referenceName (or its id when it is not in the catalog). */
  product: string;
  message: string | undefined;
}

/** What happened around an Upsell sent on a path: the answer to DECLINED, and the repeat. */
interface DeclineSeen {
  visit: Visit;
  path: TriggerPath;
  product: string;
  /** The skill's answer to the DECLINED result. */
  afterDecline: Answer | undefined;
  /** The session went on after the answer to DECLINED (so the trigger was said again). */
  continued: boolean;
  /** What the repeated trigger (and its dialogs) brought back for the same product. */
  again: string[];
}

interface Explored {
  paths: TriggerPath[];
  /** Paths that could not be explored, as settings to add. */
  missing: Missing[];
  visits: Visit[];
  heard: Heard[];
  upsells: UpsellSeen[];
  declines: DeclineSeen[];
}

/** A `certify` setting a path needs and the project lacks. */
interface Missing {
  /** The product it concerns; none for freeUtterances. */
  product?: string;
  /** Its key under `certify` (or `certify.locales.<locale>`): `premiumUtterances.treasure_map`. */
  key: string;
  /** What to put there. */
  example: string;
}

const explorations = new WeakMap<LocaleTester, Promise<Explored>>();

/** The shared exploration of a locale, run once per certify run. */
function explore(tester: LocaleTester): Promise<Explored> {
  let found = explorations.get(tester);
  if (!found) {
    found = runExploration(tester);
    explorations.set(tester, found);
  }
  return found;
}

const quote = (text: string) => JSON.stringify(text);

/** What the user says to use one unit of a consumable; undefined when the settings do not tell (non-English). */
function useUtterance(tester: LocaleTester, referenceName: string): string | undefined {
  const entry = tester.content.consumables?.[referenceName];
  if (!entry) return undefined;
  return entry.useUtterance ?? (tester.locale.startsWith('en-') ? `use a ${entry.unit}` : undefined);
}

/** The paths of a locale, in exploration order, and the settings missing for the others. */
function triggerPaths(tester: LocaleTester): { paths: TriggerPath[]; missing: Missing[] } {
  const paths: TriggerPath[] = [{ label: 'launch', utterance: tester.launchPhrase(), kind: 'launch' }];
  const missing: Missing[] = [];
  const { freeUtterances, premiumUtterances } = tester.content;
  if (freeUtterances) for (const utterance of freeUtterances) paths.push({ label: `${quote(utterance)} (free content)`, utterance, kind: 'free' });
  else missing.push({ key: 'freeUtterances', example: '["what a user without purchases asks for"]' });
  for (const product of tester.products) {
    const premium = premiumUtterances?.[product.referenceName];
    if (premium) {
      for (const utterance of premium) paths.push({ label: `${quote(utterance)} (premium content of ${product.referenceName})`, utterance, kind: 'premium', product });
    } else if (product.type !== 'CONSUMABLE') {
      missing.push({ product: product.referenceName, key: `premiumUtterances.${product.referenceName}`, example: `["what asks for the content of ${product.name}"], or [] when nothing does` });
    }
  }
  for (const product of tester.ofType('CONSUMABLE')) {
    const utterance = useUtterance(tester, product.referenceName);
    if (utterance) paths.push({ label: `${quote(utterance)} (using a ${product.referenceName} at a zero balance)`, utterance, kind: 'consumable', product });
    else if (tester.content.consumables?.[product.referenceName]) missing.push({ product: product.referenceName, key: `consumables.${product.referenceName}.useUtterance`, example: '"what the user says to use one"' });
    else missing.push({ product: product.referenceName, key: `consumables.${product.referenceName}`, example: `{ "unit": "…", "useUtterance": "…" }` });
  }
  const utterances = tester.utterances!;
  const whatCanIBuy = utterances.whatCanIBuy[0];
  if (whatCanIBuy) paths.push({ label: quote(tester.fill(whatCanIBuy)), utterance: tester.fill(whatCanIBuy), kind: 'whatCanIBuy' });
  const help = utterances.help[0];
  if (help) paths.push({ label: quote(tester.fill(help)), utterance: tester.fill(help), kind: 'help' });
  const tellMeAbout = utterances.tellMeAbout.find((template) => template.includes('{product}'));
  if (tellMeAbout) {
    for (const product of tester.products) paths.push({ label: quote(tester.fill(tellMeAbout, product)), utterance: tester.fill(tellMeAbout, product), kind: 'tellMeAbout', product });
  }
  return { paths, missing };
}

/** The product an answer's directive is for: its referenceName, or the id when unknown. */
function directiveProduct(answer: Answer): string | undefined {
  return answer.directive ? (answer.directive.referenceName ?? answer.directive.productId) : undefined;
}

/**
 * Says `utterance`, then "no" to every purchase question Alexa asks (an Upsell after DECLINED
 * could chain): the steps of one user turn.
 */
async function turn(visit: Visit, utterance: string): Promise<Step[]> {
  const steps = [await visit.say(utterance)];
  for (let i = 0; i < 3 && visit.awaitingAnswer; i++) steps.push(await visit.no());
  return steps;
}

const answersOfSteps = (steps: readonly Step[]) => steps.flatMap((step) => step.answers);

async function runExploration(tester: LocaleTester): Promise<Explored> {
  const { paths, missing } = triggerPaths(tester);
  const explored: Explored = { paths, missing, visits: [], heard: [], upsells: [], declines: [] };
  const keep = (visit: Visit, utterance: string, steps: readonly Step[]) => {
    for (const answer of answersOfSteps(steps)) {
      explored.heard.push({ visit, utterance, answer });
      if (answer.directive?.name === 'Upsell') explored.upsells.push({ visit, utterance, product: directiveProduct(answer)!, message: answer.directive.upsellMessage });
    }
  };
  for (const path of paths) {
    const visit = tester.visit(`${path.label}, owning nothing`);
    explored.visits.push(visit);
    if (path.kind !== 'launch') keep(visit, tester.launchPhrase(), await turn(visit, tester.launchPhrase()));
    const steps = await turn(visit, path.utterance);
    keep(visit, path.utterance, steps);
    const upsell = steps[0]!.reply?.directive?.name === 'Upsell' ? steps[0]!.reply : undefined;
    if (upsell) {
      const product = directiveProduct(upsell)!;
      const afterDecline = steps[1]?.afterPurchase;
      const continued = visit.sessionOpen;
      const again: string[] = [];
      if (afterDecline?.directive && afterDecline.directive.name !== 'Cancel' && directiveProduct(afterDecline) === product) {
        again.push(`the answer to DECLINED is another ${afterDecline.directive.name} of ${product}`);
      }
      if (continued) {
        visit.note(`(the tester says ${quote(path.utterance)} again in the session that continues)`);
        const repeat = await turn(visit, path.utterance);
        keep(visit, path.utterance, repeat);
        for (const answer of answersOfSteps(repeat)) {
          if (answer.directive?.name === 'Upsell' && directiveProduct(answer) === product) {
            again.push(`${quote(path.utterance)} said again after DECLINED brings another Upsell of ${product}${answer.isPurchaseResult ? ' (in the answer to a purchase result)' : ''}`);
          }
        }
      }
      explored.declines.push({ visit, path, product, afterDecline, continued, again });
    }
    await visit.leave();
  }
  return explored;
}

// ---- settings the exploration lacked -----------------------------------------------------------

/** Where a locale's content settings live in skillshop.json. */
function settingsPath(tester: LocaleTester): string {
  return tester.locale.startsWith('en-') ? 'certify' : `certify.locales.${tester.locale}`;
}

/** The missing settings that matter for `products` (and freeUtterances); all of them without `products`. */
function missingFor(explored: Explored, products?: readonly string[]): Missing[] {
  return explored.missing.filter((entry) => entry.product === undefined || products === undefined || products.includes(entry.product));
}

function addNote(tester: LocaleTester, missing: readonly Missing[]): string {
  const where = settingsPath(tester);
  const keys = missing.map((entry) => `${where}.${entry.key} (${entry.example})`).join(', ');
  return `Some paths that may send an Upsell were not explored in ${tester.locale}: add ${keys} to skillshop.json.`;
}

/**
 * The finding: a failure whatever the settings; a pass only when every path the rule needs was
 * explored, else skipped with what to add.
 */
function conclude(tester: LocaleTester, explored: Explored, options: { product?: ProductUnderTest | string; products?: readonly string[]; visits: readonly Visit[]; failures: readonly string[]; fix: string; notes?: readonly string[] }): Finding {
  const product = typeof options.product === 'string' ? tester.product(options.product) : options.product;
  const finding = verdict({ tester, ...(product ? { product } : {}), visits: options.visits, failures: options.failures, fix: options.fix, notes: options.notes ?? [] });
  if (!product && typeof options.product === 'string') finding.product = options.product;
  if (finding.status === 'fail') return finding;
  const missing = missingFor(explored, options.products);
  if (missing.length === 0) return finding;
  return { ...finding, status: 'skipped', fix: `Nothing wrong on the paths explored, but ${addNote(tester, missing).replace(/^Some/, 'some')}` };
}

function pathList(explored: Explored): string {
  return explored.paths.map((path) => path.label).join(', ');
}

/** No Upsell anywhere: the rules that judge upsellMessages have nothing to judge. */
function noUpsell(tester: LocaleTester, explored: Explored): Finding {
  const missing = missingFor(explored);
  return {
    status: 'skipped',
    locale: tester.locale,
    evidence: [],
    fix: `The skill sent no Upsell on the paths explored: ${pathList(explored)}.${missing.length > 0 ? ` ${addNote(tester, missing)}` : ''}`,
  };
}

/** Upsells seen, by product, in the locale's product order (unknown products last). */
function upsellsByProduct(tester: LocaleTester, explored: Explored): Map<string, UpsellSeen[]> {
  const order = (reference: string) => {
    const index = tester.products.findIndex((product) => product.referenceName === reference);
    return index === -1 ? tester.products.length : index;
  };
  const byProduct = new Map<string, UpsellSeen[]>();
  for (const upsell of [...explored.upsells].sort((a, b) => order(a.product) - order(b.product))) {
    byProduct.set(upsell.product, [...(byProduct.get(upsell.product) ?? []), upsell]);
  }
  return byProduct;
}

/** Products never upsold whose own path was not explored: skipped, with what to add. */
function unexplored(tester: LocaleTester, explored: Explored, upsold: ReadonlySet<string>): Finding[] {
  return tester.products
    .filter((product) => !upsold.has(product.referenceName) && explored.missing.some((entry) => entry.product === product.referenceName))
    .map((product) => ({
      status: 'skipped' as const, locale: tester.locale, product: product.referenceName, evidence: [],
      fix: `${product.label} was not upsold on the paths explored. ${addNote(tester, missingFor(explored, [product.referenceName]))}`,
    }));
}

/** The distinct messages of a product's upsells, each with the utterances that brought it. */
function distinctMessages(upsells: readonly UpsellSeen[]): { message: string | undefined; utterances: string[]; visits: Visit[] }[] {
  const out: { message: string | undefined; utterances: string[]; visits: Visit[] }[] = [];
  for (const upsell of upsells) {
    let entry = out.find((item) => item.message === upsell.message);
    if (!entry) out.push(entry = { message: upsell.message, utterances: [], visits: [] });
    if (!entry.utterances.includes(upsell.utterance)) entry.utterances.push(upsell.utterance);
    // One visit shows a message (a launch that upsells would otherwise repeat in every visit).
    if (entry.visits.length === 0) entry.visits.push(upsell.visit);
  }
  return out;
}

const triggers = (utterances: readonly string[]) => utterances.map(quote).join(', ');

// ---- upsell.yes-no-question ------------------------------------------------------------------

/** Words a yes/no question starts with, per language (open questions start otherwise: "which", "what"). */
const YES_NO_OPENERS: Readonly<Record<string, RegExp>> = {
  en: /^(?:do|does|did|would|will|want|wanna|shall|should|can|could|may|might|are|is|am|was|were|have|has|had|how about|what about|care to|ready to|interested|like to|fancy)(?:n't|n’t)?\b/u,
  de: /^(?:möchtest|möchten|möchtet|willst|wollen|wollt|soll|sollen|sollte|darf|dürfen|hast|haben|hättest|hätten|bist|sind|ist|kann|kannst|können|magst|mögen|würdest|würden|wäre|wärst|interessiert|gefällt|hörst|hören|lust)\b/u,
};
/** Leading fillers skipped before the opener ("So, would you like…"). */
const FILLERS: Readonly<Record<string, RegExp>> = {
  en: /^(?:so|well|now|okay|ok|then|and|hey|also|great|alright)\b[\s,]*/u,
  de: /^(?:also|na|und|nun|dann|okay|ok|prima|gut)\b[\s,]*/u,
};

/** Why an upsellMessage is not a yes/no question; undefined when it is. */
function notYesNo(message: string | undefined, locale: string): string | undefined {
  if (message === undefined) return 'the Upsell has no upsellMessage';
  const plain = message.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (plain === '') return 'the upsellMessage is empty';
  if (!/[?？][\s"'”»)]*$/u.test(plain)) return `${quote(plain)} does not end in a question mark`;
  const language = locale.split('-')[0]!;
  const opener = YES_NO_OPENERS[language];
  if (!opener) return undefined;
  const sentences = plain.split(/(?<=[.!?？。])\s+/u).filter((sentence) => sentence.trim() !== '');
  let last = (sentences.at(-1) ?? plain).toLowerCase().replace(/^[\s¿¡"'“‘«(]+/u, '');
  for (let i = 0; i < 2; i++) last = last.replace(FILLERS[language]!, '');
  if (opener.test(last)) return undefined;
  const first = last.split(/[\s,]+/u)[0] ?? '';
  return `${quote(plain)} ends in an open question (its last sentence starts with "${first}"), not a yes/no question`;
}

// ---- upsell.differs-from-prompt --------------------------------------------------------------

const LIKENESS_LIMIT = 0.8;

/** Words of a text, joined: case, punctuation and accents ignored. */
function normalised(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Why an upsellMessage is (nearly) the purchase prompt; undefined when it differs. */
function nearPrompt(message: string, prompt: string): string | undefined {
  const a = normalised(message);
  const b = normalised(prompt);
  if (a === '' || b === '') return undefined;
  if (a === b) return 'is the purchasePromptDescription';
  if (` ${b} `.includes(` ${a} `)) return 'is part of the purchasePromptDescription';
  if (` ${a} `.includes(` ${b} `)) return 'contains the whole purchasePromptDescription';
  const alike = likeness(message, prompt);
  return alike >= LIKENESS_LIMIT ? `is nearly the purchasePromptDescription (likeness ${alike.toFixed(2)} ≥ ${LIKENESS_LIMIT})` : undefined;
}

// ---- the rules ---------------------------------------------------------------------------------

const FIX = {
  noPrice: 'Take the price out of what the skill says and out of upsellMessage: Alexa says the price herself in her purchase dialog. Say what the product gives instead (free-trial wording without an amount is fine).',
  yesNo: 'End each upsellMessage with a yes/no question inviting the user to learn more, like "… Want to hear more about it?": Alexa takes the answer as yes or no, an open question ("which one…?") cannot be answered.',
  differs: (product: string) => `Write the upsellMessage of ${product} for the moment it is sent (why it helps right here, then a yes/no question), not a copy of its purchasePromptDescription: Alexa reads that prompt herself right after the upsellMessage when the user says yes.`,
  notOwned: (product: string) => `Check the entitlement before offering ${product} (an Upsell, a Buy, or a spoken "would you like to buy…"): offer it only when Amazon says NOT_ENTITLED (this.isp.getProductByReferenceName('${product}').entitled), and serve an owner the content instead.`,
  notAgain: (product: string) => `Remember that the user declined ${product} (the result arrives in a new session: keep it in persistent storage or in the directive's token) and do not upsell it again in the session that continues; answer DECLINED with the free content.`,
  frequency: (max: number) => `Upsell at most ${max === 1 ? 'once' : `${max} times`} a session and never on two turns in a row: keep when the skill last upsold in persistent storage (the purchase hop starts a new Alexa session) and serve free content in between.`,
};

function wherePrice(answer: Answer): { price: string; where: string } | undefined {
  const price = priceIn(answer);
  if (price === undefined) return undefined;
  const message = answer.directive?.upsellMessage;
  const where = answer.speech.includes(price) ? `speech ${quote(answer.speech)}` : answer.reprompt.includes(price) ? `reprompt ${quote(answer.reprompt)}` : `upsellMessage ${quote(message ?? '')}`;
  return { price, where };
}

async function noPrice(tester: LocaleTester): Promise<Finding[]> {
  const explored = await explore(tester);
  const failures: string[] = [];
  const failing = new Set<Visit>();
  for (const { visit, utterance, answer } of explored.heard) {
    const found = wherePrice(answer);
    if (!found) continue;
    const line = `${quote(utterance)} → ${answer.request}: "${found.price}" in the ${found.where}`;
    if (failures.includes(line)) continue;
    failures.push(line);
    failing.add(visit);
  }
  return [conclude(tester, explored, {
    visits: failures.length > 0 ? [...failing] : explored.visits,
    failures, fix: FIX.noPrice,
    notes: failures.length > 0 ? [] : [`no price in ${explored.heard.length} answers (speech, reprompt, upsellMessage) on the paths: ${pathList(explored)}`],
  })];
}

async function yesNoQuestion(tester: LocaleTester): Promise<Finding[]> {
  const explored = await explore(tester);
  if (explored.upsells.length === 0) return [noUpsell(tester, explored)];
  const findings: Finding[] = [];
  const language = tester.locale.split('-')[0]!;
  for (const [product, upsells] of upsellsByProduct(tester, explored)) {
    const failures: string[] = [];
    const notes: string[] = [];
    const messages = distinctMessages(upsells);
    for (const { message, utterances } of messages) {
      const problem = notYesNo(message, tester.locale);
      if (problem) failures.push(`${problem} (Upsell of ${product} after ${triggers(utterances)})`);
      else notes.push(`upsellMessage ${quote(message!)} is a ${YES_NO_OPENERS[language] ? 'yes/no question' : 'question (no yes/no openers known for this language: the question mark only)'}`);
    }
    findings.push(conclude(tester, explored, { product, products: [product], visits: [...new Set(messages.flatMap((entry) => entry.visits))], failures, fix: FIX.yesNo, notes }));
  }
  return [...findings, ...unexplored(tester, explored, new Set(explored.upsells.map((upsell) => upsell.product)))];
}

async function differsFromPrompt(tester: LocaleTester): Promise<Finding[]> {
  const explored = await explore(tester);
  if (explored.upsells.length === 0) return [noUpsell(tester, explored)];
  const findings: Finding[] = [];
  for (const [reference, upsells] of upsellsByProduct(tester, explored)) {
    const product = tester.product(reference);
    const messages = distinctMessages(upsells);
    const visits = [...new Set(messages.flatMap((entry) => entry.visits))];
    const prompt = product?.purchasePrompt?.replace(/\{PREMIUM_CONTENT_TITLE\}/g, product.name);
    if (prompt === undefined || prompt.trim() === '') {
      findings.push({
        status: 'skipped', locale: tester.locale, product: reference, evidence: visits.flatMap((visit) => visit.transcript),
        fix: product ? `${product.label} has no purchasePromptDescription in ${tester.locale} to compare with (catalog.* rules report it).` : `The Upsell names ${reference}, which is not a product of ${tester.locale}.`,
      });
      continue;
    }
    const failures: string[] = [];
    const notes: string[] = [`purchasePromptDescription (${tester.locale}): ${quote(prompt)}`];
    for (const { message, utterances } of messages) {
      if (message === undefined) continue;
      const problem = nearPrompt(message, prompt);
      if (problem) failures.push(`the upsellMessage ${quote(message)} (after ${triggers(utterances)}) ${problem}`);
      else notes.push(`upsellMessage ${quote(message)}: likeness ${likeness(message, prompt).toFixed(2)} < ${LIKENESS_LIMIT}, neither contains the other`);
    }
    findings.push(conclude(tester, explored, { product: reference, products: [reference], visits, failures, fix: FIX.differs(reference), notes }));
  }
  return [...findings, ...unexplored(tester, explored, new Set(explored.upsells.map((upsell) => upsell.product)))];
}

/** A question of the speech that offers the product (names it with a purchase word): "Would you like to buy Cave Quest?". */
function offeredInSpeech(answer: Answer, product: ProductUnderTest, locale: string): string | undefined {
  const sentences = answer.speech.split(/(?<=[.!?？。])\s*/u);
  return sentences.find((sentence) => /[?？]\s*$/u.test(sentence) && namedIn(sentence, product) !== undefined && purchaseWordIn(sentence, locale) !== undefined)?.trim();
}

async function notOwned(tester: LocaleTester): Promise<Finding[]> {
  const explored = await explore(tester);
  const findings: Finding[] = [];
  for (const product of tester.ofType('ENTITLEMENT', 'SUBSCRIPTION')) {
    const visit = tester.visit(`every path that may upsell, owning ${product.label}`).own(product);
    const held = visit.holds(product);
    visit.note(`Amazon says: ${held.entitled ? 'ENTITLED' : 'NOT_ENTITLED'}`);
    // Its own paths first: a skill that upsells once a session must not hide them behind another offer.
    const walk = [
      ...explored.paths.filter((path) => path.kind === 'launch'),
      ...explored.paths.filter((path) => path.kind !== 'launch' && path.product === product),
      ...explored.paths.filter((path) => path.kind !== 'launch' && path.product !== product),
    ];
    const failures: string[] = [];
    for (const path of walk) {
      for (const answer of answersOfSteps(await turn(visit, path.utterance))) {
        const said = `${quote(path.utterance)}${answer.isPurchaseResult ? ` (in the answer to ${answer.request})` : ''}`;
        const directive = answer.directive;
        if (directive && directive.name !== 'Cancel' && directiveProduct(answer) === product.referenceName) {
          failures.push(`${said} brings ${directive.name === 'Upsell' ? 'an Upsell' : 'a Buy nobody asked for'} of ${product.referenceName}, which the user owns`);
        }
        // What "what can I buy" lists is discover.lists-purchasable's to judge.
        const offer = directive || path.kind === 'whatCanIBuy' ? undefined : offeredInSpeech(answer, product, tester.locale);
        if (offer) failures.push(`${said} asks ${quote(offer)}, offering ${product.referenceName}, which the user owns`);
      }
    }
    await visit.leave();
    if (!held.entitled) {
      findings.push({ status: 'skipped', locale: tester.locale, product: product.referenceName, evidence: visit.transcript, fix: `The simulator could not give the user ${product.label}, so an owner's visit could not be checked.` });
      continue;
    }
    findings.push(conclude(tester, explored, { product, products: [product.referenceName], visits: [visit], failures, fix: FIX.notOwned(product.referenceName) }));
  }
  if (findings.length === 0) findings.push({ status: 'skipped', locale: tester.locale, evidence: [], fix: `No entitlement or subscription is sold in ${tester.locale}; consumables may be upsold to owners (buying more is allowed).` });
  return findings;
}

async function notAgainAfterDecline(tester: LocaleTester): Promise<Finding[]> {
  const explored = await explore(tester);
  if (explored.declines.length === 0) return [noUpsell(tester, explored)];
  const order = (reference: string) => tester.products.findIndex((product) => product.referenceName === reference) >>> 0;
  const byProduct = new Map<string, DeclineSeen[]>();
  for (const decline of [...explored.declines].sort((a, b) => order(a.product) - order(b.product))) {
    byProduct.set(decline.product, [...(byProduct.get(decline.product) ?? []), decline]);
  }
  const findings: Finding[] = [];
  for (const [product, declines] of byProduct) {
    const failures = declines.flatMap((decline) => decline.again.map((problem) => `${problem} (upsold after ${quote(decline.path.utterance)})`));
    const notes = declines.filter((decline) => decline.again.length === 0).map((decline) => decline.continued
      ? `after ${quote(decline.path.utterance)} → Upsell → DECLINED, the answer sends no Upsell or Buy of ${product} and ${quote(decline.path.utterance)} said again brings no Upsell of ${product}`
      : `after ${quote(decline.path.utterance)} → Upsell → DECLINED, the session ends, so no re-offer can follow in it`);
    findings.push(conclude(tester, explored, { product, products: [product], visits: declines.map((decline) => decline.visit), failures, fix: FIX.notAgain(product), notes }));
  }
  return [...findings, ...unexplored(tester, explored, new Set(explored.declines.map((decline) => decline.product)))];
}

async function frequency(tester: LocaleTester, max: number): Promise<Finding[]> {
  const explored = await explore(tester);
  const walk = explored.paths.filter((path) => ['launch', 'free', 'premium', 'consumable'].includes(path.kind));
  const visit = tester.visit(`one session: ${walk.map((path) => path.kind === 'launch' ? 'launch' : quote(path.utterance)).join(' → ')}, saying no to every offer`);
  const failures: string[] = [];
  const sessions: string[][] = [[]];
  let previous: string | undefined;
  for (const path of walk) {
    if (path !== walk[0] && !visit.sessionOpen) {
      visit.note('(the session has ended: what follows is a new session)');
      sessions.push([]);
      previous = undefined;
    }
    const upsells = answersOfSteps(await turn(visit, path.utterance)).filter((answer) => answer.directive?.name === 'Upsell');
    const here = upsells.map((answer) => `${quote(path.utterance)} → Upsell of ${directiveProduct(answer)}${answer.isPurchaseResult ? ' (answering DECLINED)' : ''}`);
    sessions.at(-1)!.push(...here);
    if (here.length > 1) failures.push(`one turn brings ${here.length} Upsells: ${here.join('; ')}`);
    if (here.length > 0 && previous !== undefined) failures.push(`two turns in a row each bring an Upsell: ${previous}; then ${here[0]}`);
    previous = here.at(-1);
  }
  for (const upsells of sessions) {
    if (upsells.length > max) failures.unshift(`${upsells.length} Upsells in one session, more than ${max}: ${upsells.join('; ')}`);
  }
  const upsellsSeen = sessions.flat().length;
  await visit.leave();
  const notes = failures.length > 0 ? [] : [`${upsellsSeen} Upsell${upsellsSeen === 1 ? '' : 's'} in the walk (at most ${max} a session, never on two turns in a row)`];
  return [conclude(tester, explored, { visits: [visit], failures, fix: FIX.frequency(max), notes })];
}

export const UPSELL_CHECKS: Readonly<Record<string, DynamicImplementation>> = {
  'upsell.no-price': { perLocale: noPrice },
  'upsell.yes-no-question': { perLocale: yesNoQuestion },
  'upsell.differs-from-prompt': { perLocale: differsFromPrompt },
  'upsell.not-owned': { perLocale: notOwned },
  'upsell.not-again-after-decline': { perLocale: notAgainAfterDecline },
  'upsell.frequency': { perLocale: (tester, context) => frequency(tester, context.settings.maxUpsellsPerSession ?? 1) },
};
