/**
 * What a tester hears and sees in one simulator turn, reduced to what the dynamic rules judge:
 * the skill's answers (speech, reprompt, whether the session stays open, the purchase directive),
 * and small detectors over speech — a product named, an offer, a number.
 */
import type { ResponseEnvelope } from '../../alexa/response';
import { ssmlToText } from '../../alexa/ssml';
import { purchaseDirectiveOf } from '../../simulator/check-response';
import { tableFor } from '../../simulator/nlu';
import { numberParser, type NumberParser } from '../../simulator/nlu/numbers';
import { keyOf, tokenize } from '../../simulator/nlu/tokens';
import type { Turn } from '../../simulator/turn';
import { findErrorPhrase } from '../error-phrases';
import { findPrice } from '../price';

export interface PurchaseDirectiveSeen {
  name: string;
  productId: string;
  /** The product's referenceName; undefined when the id is not in the catalog. */
  referenceName: string | undefined;
  upsellMessage?: string;
}

/** One answer of the skill: to what the user said, or to a purchase result. */
export interface Answer {
  /** `LaunchRequest`, `IntentRequest BuySkillItemIntent`, `Connections.Response Buy ACCEPTED`, … */
  request: string;
  /** The request answered a purchase result (Connections.Response). */
  isPurchaseResult: boolean;
  /** The purchase result the request carried (`ACCEPTED`…, or `status 500`). */
  purchaseResult?: string;
  /** The skill's speech as text; '' when it said nothing. */
  speech: string;
  reprompt: string;
  /** The session stays open after this answer (shouldEndSession false and no purchase directive). */
  sessionOpen: boolean;
  directive: PurchaseDirectiveSeen | undefined;
  /** Why Alexa rejected the answer (invalid response, no answer, HTTP error); undefined when valid. */
  invalid: string | undefined;
}

function text(speech: { type?: string; text?: string; ssml?: string } | undefined): string {
  if (!speech) return '';
  return (speech.type === 'SSML' ? ssmlToText(speech.ssml ?? '') : (speech.text ?? '')).trim();
}

function describeRequest(request: Record<string, unknown>): { label: string; result?: string } {
  const type = String(request.type);
  if (type === 'IntentRequest') return { label: `IntentRequest ${(request.intent as { name?: string } | undefined)?.name ?? '?'}` };
  if (type === 'Connections.Response') {
    const status = request.status as { code?: string } | undefined;
    const payload = request.payload as { purchaseResult?: string } | undefined;
    const result = status?.code !== '200' ? `status ${status?.code}` : (payload?.purchaseResult ?? '(no purchaseResult)');
    return { label: `Connections.Response ${String(request.name)} ${result}`, result };
  }
  return { label: type };
}

/**
 * The skill's answers in a turn, in order (SessionEndedRequests left out: Alexa speaks none of
 * their answers). `productOf` maps a product id to its referenceName.
 */
export function answersOf(turn: Turn, productOf: (productId: string) => string | undefined): Answer[] {
  const answers: Answer[] = [];
  turn.requests.forEach((envelope, i) => {
    const request = envelope.request as unknown as Record<string, unknown>;
    if (request.type === 'SessionEndedRequest') return;
    const { label, result } = describeRequest(request);
    const body = turn.responses[i] as ResponseEnvelope | undefined;
    const last = i === turn.requests.length - 1 || turn.requests.slice(i + 1).every((r) => (r.request as { type?: string }).type === 'SessionEndedRequest');
    const invalid = body === undefined || typeof body !== 'object' || !body.response
      ? (turn.error ?? 'no valid answer')
      : last && turn.error !== undefined ? turn.error : undefined;
    const response = body?.response;
    const found = response ? purchaseDirectiveOf(body) : undefined;
    const payload = (found?.payload ?? {}) as { InSkillProduct?: { productId?: string }; upsellMessage?: string };
    const productId = String(payload.InSkillProduct?.productId ?? '');
    const directive = found ? {
      name: String(found.name),
      productId,
      referenceName: productOf(productId),
      ...(typeof payload.upsellMessage === 'string' ? { upsellMessage: payload.upsellMessage } : {}),
    } : undefined;
    answers.push({
      request: label,
      isPurchaseResult: request.type === 'Connections.Response',
      ...(result !== undefined ? { purchaseResult: result } : {}),
      speech: text(response?.outputSpeech),
      reprompt: text(response?.reprompt?.outputSpeech),
      sessionOpen: !directive && response?.shouldEndSession === false && invalid === undefined,
      directive,
      invalid,
    });
  });
  return answers;
}

/** Words that offer something for sale, per language (with the product's name they make an offer). */
const PURCHASE_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['buy', 'purchase', 'subscribe', 'subscription', 'unlock', 'upgrade', 'premium', 'shop', 'for sale', 'get access'],
  de: ['kaufen', 'kauf', 'kaufe', 'erwerben', 'abonnieren', 'abo', 'abonnement', 'freischalten', 'premium', 'shop'],
  fr: ['acheter', 'achat', 'abonner', 'abonnement', 'débloquer', 'premium', 'boutique'],
  es: ['comprar', 'compra', 'suscribirte', 'suscripción', 'desbloquear', 'premium', 'tienda'],
  it: ['acquistare', 'comprare', 'acquisto', 'abbonarti', 'abbonamento', 'sbloccare', 'premium', 'negozio'],
  ja: ['購入', '買', '定期購読', 'サブスクリプション', 'プレミアム'],
};

function language(locale: string): string {
  return locale.split('-')[0]!.toLowerCase();
}

/** Whether `phrase` occurs in `speech` as whole words (case, punctuation and accent insensitive). */
export function mentions(speech: string, phrase: string): boolean {
  const key = keyOf(phrase);
  if (key === '') return false;
  const spoken = keyOf(speech);
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(phrase)) return spoken.includes(key);
  return ` ${spoken} `.includes(` ${key} `);
}

/** The first purchase word (buy, subscribe, premium…) in the speech, or undefined. */
export function purchaseWordIn(speech: string, locale: string): string | undefined {
  return (PURCHASE_WORDS[language(locale)] ?? PURCHASE_WORDS.en!).find((word) => mentions(speech, word) || (language(locale) === 'ja' && speech.includes(word)));
}

const parsers = new Map<string, NumberParser>();

/** Every number said in `speech`, as digits or as number words of the locale ("seven", "sieben"). */
export function numbersIn(speech: string, locale: string): number[] {
  let parser = parsers.get(language(locale));
  if (!parser) {
    parser = numberParser(tableFor(locale).numbers);
    parsers.set(language(locale), parser);
  }
  const keys = tokenize(speech).keys;
  const found: number[] = [];
  for (let i = 0; i < keys.length; ) {
    let matched = 0;
    for (let end = Math.min(keys.length, i + 6); end > i; end--) {
      const value = parser.parse(keys, i, end);
      if (value !== null) {
        found.push(Number(value));
        matched = end - i;
        break;
      }
    }
    i += Math.max(1, matched);
  }
  return found;
}

export { findErrorPhrase, findPrice };
