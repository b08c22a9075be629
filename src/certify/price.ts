/**
 * Price detection, as the certification rules define a price: a currency sign or code with an
 * amount, the words dollars / euros / cents (and their singulars), "per month" (or week, year)
 * with a number, or the word "price". Alexa itself says the price; the skill and the catalog's
 * texts must not.
 *
 * @example
 * findPrice('Only $1.99 a month!') // '$1.99'
 * findPrice('A new cave every month.') // undefined
 */
const AMOUNT = String.raw`\d+(?:[.,]\d+)*`;
const SIGNS = String.raw`[$€£¥￥]`;
const CODES = String.raw`(?:USD|EUR|GBP|JPY)`;

const PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`${SIGNS}\s?${AMOUNT}`, 'u'),
  new RegExp(String.raw`${AMOUNT}\s?${SIGNS}`, 'u'),
  new RegExp(String.raw`\b${CODES}\s?${AMOUNT}`, 'iu'),
  new RegExp(String.raw`${AMOUNT}\s?${CODES}\b`, 'iu'),
  /\b(?:dollars?|euros?|cents?)\b/iu,
  // A number that counts days/weeks/months/years is a duration ("your first 30 days are free, a
  // month of stories"), not an amount: free-trial wording without a price is allowed.
  new RegExp(String.raw`${AMOUNT}(?![\s-]*(?:days?|weeks?|months?|years?)\b)(?:\s+\S+){0,3}?\s+(?:per|a|each|every)\s+(?:month|year|week)\b`, 'iu'),
  /\bper\s+(?:month|year|week)\s+(?:for\s+)?\d/iu,
  /\bpric(?:e|es|ed|ing)\b/iu,
];

/** The first price-like fragment of `text`, or undefined. */
export function findPrice(text: string): string | undefined {
  let first: { index: number; match: string } | undefined;
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (match && (first === undefined || match.index < first.index)) first = { index: match.index, match: match[0] };
  }
  return first?.match;
}
