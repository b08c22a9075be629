/**
 * Checks one in-skill product definition and reports every problem at once.
 *
 * Two passes. The schema pass (the compiled TypeBox validator of product-definition.ts) finds what
 * Amazon rejects: wrong types, missing required fields, values outside an enum, unknown locales
 * and marketplaces; those are errors. Unknown fields are only warnings (Amazon ignores some, and a
 * typo is better pointed out than refused). Once the shape is right, the rules pass adds what
 * certification needs (facts §4) as warnings, plus the few cross-field errors a schema cannot say.
 *
 * Length limits: Amazon's ISP schema and SMAPI model document none for product text. The skill
 * store documents summary ≤ 160 characters, description ≤ 4000 and three example phrases for
 * skills, and products are shown the same way, so going over those is a warning, not an error.
 *
 * @example
 * const problems = validateProduct(JSON.parse(text), 'platforms/alexaSkill/isps/entitlement/cave_quest.json');
 * if (hasErrors(problems)) console.error(problems.map(formatProblem).join('\n'));
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import type { TSchema } from '@sinclair/typebox';
import { jsonPath, type Problem } from '../problems';
import {
  InSkillProductDefinitionSchema,
  ISP_LOCALES,
  MARKETPLACE_COUNTRY,
  MARKETPLACE_CURRENCY,
  MARKETPLACES,
  type InSkillProductDefinition,
  type LocalePublishing,
  type Marketplace,
} from './product-definition';

const check = TypeCompiler.Compile(InSkillProductDefinitionSchema);

const SUMMARY_MAX = 160;
const DESCRIPTION_MAX = 4000;
const EXAMPLE_PHRASES_MAX = 3;
/** Hosts that only ever hold placeholders (RFC 2606); a product must not ship with them. */
const PLACEHOLDER_HOST = /(^|\.)(example\.(com|org|net)|localhost)$/i;
/** Template text skillshop writes where only the developer can say what goes there. */
const PLACEHOLDER_TEXT = /\bTODO\b/;
/** Certification rejects list prices in product text: Alexa says the price itself. */
const PRICE_IN_TEXT = /[$€£¥]\s?\d|\d\s?[$€£¥]|\b\d+[.,]\d{2}\s?(USD|EUR|GBP|JPY|dollars?|euros?|pounds?)\b/i;

type Part = string | number;

export interface ProductCheck {
  /** The definition, when it has the schema's shape (unknown fields aside); absent otherwise. */
  definition?: InSkillProductDefinition;
  problems: Problem[];
}

/** Every problem of one product file's content; `file` is only used to label the problems. */
export function validateProduct(value: unknown, file: string): Problem[] {
  return checkProduct(value, file).problems;
}

/** Like validateProduct, and hands back the typed definition when its shape is right. */
export function checkProduct(value: unknown, file: string): ProductCheck {
  const problems = schemaProblems(value, file);
  if (problems.some((problem) => problem.severity === 'error')) return { problems };
  const definition = value as InSkillProductDefinition;
  problems.push(...ruleProblems(definition, file));
  return { definition, problems };
}

// ---------------------------------------------------------------------------------------------
// Schema pass: TypeBox's errors, in words a person can act on.

function schemaProblems(value: unknown, file: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const error of check.Errors(value)) {
    // A missing field is also reported as "not a string" at the same path; say it once.
    if (seen.has(error.path)) continue;
    seen.add(error.path);
    const parts = pointerToParts(error.path, value);
    problems.push({ file, path: jsonPath(...parts), ...describe(error, parts) });
  }
  return problems;
}

type Finding = Pick<Problem, 'severity' | 'message' | 'fix' | 'rule'>;

function describe(error: ValueError, parts: Part[]): Finding {
  const key = String(parts[parts.length - 1] ?? '');
  const schema = error.schema as TSchema & Record<string, unknown>;
  const error_ = (rule: string, message: string, fix: string): Finding => ({ severity: 'error', rule, message, fix });
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties: {
      const known = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
      const hint = closestMatch(key, known);
      if (sameList(known, ISP_LOCALES)) {
        return error_('isp/unknown-locale', `"${key}" is not a locale that supports in-skill purchasing`,
          hint ? `Did you mean "${hint}"? Locales: ${ISP_LOCALES.join(', ')}.` : `Use one of ${ISP_LOCALES.join(', ')}, or remove "${key}".`);
      }
      if (sameList(known, MARKETPLACES)) {
        // amazon.ca is one edit from amazon.com but a different store: only hint at spelling slips.
        const hint = closestMatch(key, known, 0);
        return error_('isp/unknown-marketplace', `"${key}" is not a marketplace that sells in-skill products`,
          hint ? `Did you mean "${hint}"? Marketplaces: ${MARKETPLACES.join(', ')}.` : `Use one of ${MARKETPLACES.join(', ')}.`);
      }
      return {
        severity: 'warning',
        rule: 'isp/unknown-field',
        message: `unknown field "${key}"${hint ? ` (did you mean ${hint}?)` : ''}`,
        fix: hint ? `Rename it to "${hint}".` : `Remove it; known fields here: ${known.join(', ')}.`,
      };
    }
    case ValueErrorType.ObjectRequiredProperty:
      return error_('isp/required', `missing required field "${key}"`, `Add "${key}": ${String(schema.description ?? 'see skillshop isp schema')}`);
    case ValueErrorType.ObjectMinProperties:
      return error_('isp/required', `"${key}" is empty`, key === 'pricing'
        ? 'Add at least one marketplace, e.g. "amazon.com": { "releaseDate": "2026-01-01", "defaultPriceListing": { "price": 0.99, "currency": "USD" } }, or remove "pricing".'
        : `Add at least one locale (${ISP_LOCALES.join(', ')}).`);
    case ValueErrorType.Object:
      return error_('isp/type', `${label(key)} must be an object, not ${kindOf(error.value)}`, 'Write it as { … } (see skillshop isp schema).');
    case ValueErrorType.Array:
      return error_('isp/type', `${label(key)} must be a list, not ${kindOf(error.value)}`, `Write it as [ … ], e.g. ${key === 'distributionCountries' ? '["US"]' : '["first", "second"]'}.`);
    case ValueErrorType.String:
      return error_('isp/type', `${label(key)} must be a string, not ${kindOf(error.value)}`, 'Put the value in double quotes.');
    case ValueErrorType.Number:
      return error_('isp/type', `${label(key)} must be a number, not ${kindOf(error.value)}`, 'Write the number without quotes, e.g. 0.99.');
    case ValueErrorType.Integer:
      return error_('isp/type', `${label(key)} must be a whole number, not ${kindOf(error.value)}`, 'Write a whole number without quotes, e.g. 7.');
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
      return error_('isp/range', `${label(key)} must be from ${String(schema.minimum)} to ${String(schema.maximum)}, not ${String(error.value)}`, String(schema.description ?? ''));
    case ValueErrorType.NumberExclusiveMinimum:
      return error_('isp/range', `${label(key)} must be more than 0, not ${String(error.value)}`, 'Set a price above 0; free content needs no product.');
    case ValueErrorType.StringMinLength:
      return error_('isp/required', `${label(key)} is empty`, String(schema.description ?? 'Fill it in.'));
    case ValueErrorType.Literal:
      return error_('isp/enum', `${label(key)} must be ${JSON.stringify(schema.const)}, not ${show(error.value)}`, `Set it to ${JSON.stringify(schema.const)}.`);
    case ValueErrorType.Union:
      return describeEnum(schema, key, error.value, error_);
    case ValueErrorType.StringPattern:
      return describePattern(schema, key, error.value, error_);
    default:
      return error_('isp/schema', `${label(key)}: ${error.message}`, 'See skillshop isp schema.');
  }
}

function describeEnum(schema: Record<string, unknown>, key: string, value: unknown, error_: (rule: string, message: string, fix: string) => Finding): Finding {
  const options = ((schema.anyOf as { const?: unknown }[] | undefined) ?? []).map((option) => String(option.const));
  if (options.length > 12) {
    // The country list: naming all of them would drown the message.
    const hint = typeof value === 'string' && options.includes(value.toUpperCase()) ? value.toUpperCase() : undefined;
    return error_('isp/enum', `${show(value)} is not a country code Amazon distributes to`,
      hint ? `Did you mean "${hint}"? Country codes are upper case.` : 'Use an ISO 3166-1 alpha-2 code such as "US", "GB" or "DE".');
  }
  const hint = typeof value === 'string' ? closestMatch(value, options) : undefined;
  return error_('isp/enum', `${label(key)} must be one of ${options.join(', ')}, not ${show(value)}`,
    hint ? `Did you mean "${hint}"?` : `Use one of ${options.join(', ')}.`);
}

function describePattern(schema: Record<string, unknown>, key: string, value: unknown, error_: (rule: string, message: string, fix: string) => Finding): Finding {
  switch (schema.title) {
    case 'reference name':
      return error_('isp/format', `${show(value)} is not a valid reference name`, 'Use 3 to 50 letters, digits and underscores, e.g. "cave_quest"; rename the file to match.');
    case 'https URL':
      return error_('isp/https', `${label(key)} must be an https URL, not ${show(value)}`, 'Host the icon on an https server (e.g. S3) and use its https:// URL.');
    case 'date':
      return error_('isp/format', `${label(key)} must be a date, not ${show(value)}`, 'Write YYYY-MM-DD, e.g. "2026-01-01", or an ISO 8601 date-time.');
    default:
      return error_('isp/format', `${label(key)} ${show(value)} does not match ${String(schema.pattern)}`, String(schema.description ?? ''));
  }
}

// ---------------------------------------------------------------------------------------------
// Rules pass: completeness for certification, and cross-field checks.

function ruleProblems(definition: InSkillProductDefinition, file: string): Problem[] {
  const problems: Problem[] = [];
  const add = (severity: Problem['severity'], rule: string, parts: Part[], message: string, fix: string) =>
    problems.push({ severity, file, path: jsonPath(...parts), message, fix, rule });
  const missing = (parts: Part[], what: string, fix: string) => add('warning', 'isp/incomplete', parts, `${what} is missing (certification needs it)`, fix);

  const subscription = definition.subscriptionInformation;
  if (definition.type === 'SUBSCRIPTION') {
    if (!subscription) {
      add('error', 'isp/subscription', ['subscriptionInformation'], 'a subscription needs subscriptionInformation',
        'Add "subscriptionInformation": { "subscriptionPaymentFrequency": "MONTHLY", "subscriptionTrialPeriodDays": 7 }.');
    } else {
      if (subscription.subscriptionPaymentFrequency === undefined) missing(['subscriptionInformation', 'subscriptionPaymentFrequency'], 'the payment frequency', 'Set it to "MONTHLY" or "YEARLY".');
      if (subscription.subscriptionTrialPeriodDays === undefined) missing(['subscriptionInformation', 'subscriptionTrialPeriodDays'], 'the trial period', 'Set the free trial in days, 0 to 365 (0: no trial).');
    }
  } else if (subscription) {
    add('error', 'isp/subscription', ['subscriptionInformation'], `only subscriptions have subscriptionInformation, and this is ${definition.type === 'ENTITLEMENT' ? 'an' : 'a'} ${definition.type}`,
      'Remove subscriptionInformation, or change "type" to "SUBSCRIPTION" (and move the file to subscription/).');
  }

  const publishing = definition.publishingInformation;
  const privacy = definition.privacyAndCompliance?.locales;
  for (const [locale, info] of Object.entries(publishing.locales) as [string, LocalePublishing | undefined][]) {
    if (!info) continue;
    localeProblems(info, ['publishingInformation', 'locales', locale], add, missing);
    const url = privacy?.[locale as keyof typeof privacy]?.privacyPolicyUrl;
    const at: Part[] = ['privacyAndCompliance', 'locales', locale, 'privacyPolicyUrl'];
    if (url === undefined || url.trim() === '') missing(at, `the ${locale} privacy policy URL`, 'Link the privacy policy that applies to the product (https).');
    else urlProblems(url, at, add, false);
  }

  if (!definition.testingInstructions?.trim()) missing(['testingInstructions'], 'testingInstructions', 'Tell the certification team how to buy and use the product, e.g. "Say \'buy cave quest\' after launching the skill."');
  else textProblems(definition.testingInstructions, ['testingInstructions'], add, false);
  if (!publishing.taxInformation?.category) missing(['publishingInformation', 'taxInformation', 'category'], 'the tax category', 'Set "taxInformation": { "category": "SOFTWARE" } (or the category that fits).');

  const countries = publishing.distributionCountries ?? [];
  if (countries.length === 0) missing(['publishingInformation', 'distributionCountries'], 'distributionCountries', 'List the countries where the product is sold, e.g. ["US"].');
  let sellable = false;
  const pricing = Object.entries(publishing.pricing ?? {}) as [Marketplace, NonNullable<NonNullable<typeof publishing.pricing>[Marketplace]>][];
  for (const [marketplace, entry] of pricing) {
    const at: Part[] = ['publishingInformation', 'pricing', marketplace];
    const { price, currency } = entry.defaultPriceListing;
    if (currency !== MARKETPLACE_CURRENCY[marketplace]) {
      add('error', 'isp/currency', [...at, 'defaultPriceListing', 'currency'], `${marketplace} sells in ${MARKETPLACE_CURRENCY[marketplace]}, not ${currency}`,
        `Set "currency": "${MARKETPLACE_CURRENCY[marketplace]}" and the price in ${MARKETPLACE_CURRENCY[marketplace]}.`);
    } else if (currency === 'JPY' && !Number.isInteger(price)) {
      add('warning', 'isp/price', [...at, 'defaultPriceListing', 'price'], `yen prices are whole numbers, not ${price}`, 'Round the price to whole yen, e.g. 99.');
    }
    if (entry.releaseDate === undefined) missing([...at, 'releaseDate'], 'the release date', 'Add "releaseDate": "YYYY-MM-DD" (the day the product goes on sale).');
    else if (Number.isNaN(Date.parse(entry.releaseDate))) add('error', 'isp/format', [...at, 'releaseDate'], `${JSON.stringify(entry.releaseDate)} is not a real date`, 'Write an existing day as YYYY-MM-DD.');
    if (countries.includes(MARKETPLACE_COUNTRY[marketplace])) sellable = true;
  }
  if (pricing.length === 0) {
    missing(['publishingInformation', 'pricing'], 'pricing', 'Add a price for at least one marketplace, e.g. "amazon.com": { "releaseDate": "2026-01-01", "defaultPriceListing": { "price": 0.99, "currency": "USD" } }.');
  } else if (countries.length > 0 && !sellable) {
    add('warning', 'isp/incomplete', ['publishingInformation', 'distributionCountries'], 'no priced marketplace sells to any of the distribution countries',
      `Add the country of a priced marketplace (${pricing.map(([marketplace]) => `${marketplace}: ${MARKETPLACE_COUNTRY[marketplace]}`).join(', ')}).`);
  }
  return problems;
}

type Add = (severity: Problem['severity'], rule: string, parts: Part[], message: string, fix: string) => void;

function localeProblems(info: LocalePublishing, at: Part[], add: Add, missing: (parts: Part[], what: string, fix: string) => void): void {
  for (const [field, what, fix] of [
    ['summary', 'the summary', 'Write one sentence on what the product gives the customer.'],
    ['description', 'the description', 'Describe what the product gives and how to use it.'],
  ] as const) {
    const text = info[field];
    if (text === undefined || text.trim() === '') missing([...at, field], what, fix);
  }
  if (info.summary && info.summary.length > SUMMARY_MAX) {
    add('warning', 'isp/limit', [...at, 'summary'], `the summary has ${info.summary.length} characters; the Alexa app shows ${SUMMARY_MAX}`, `Shorten it to ${SUMMARY_MAX} characters.`);
  }
  if (info.description && info.description.length > DESCRIPTION_MAX) {
    add('warning', 'isp/limit', [...at, 'description'], `the description has ${info.description.length} characters; the Alexa app shows ${DESCRIPTION_MAX}`, `Shorten it to ${DESCRIPTION_MAX} characters.`);
  }
  for (const [field, size] of [['smallIconUri', '108×108'], ['largeIconUri', '512×512']] as const) {
    const url = info[field];
    if (url === undefined || url.trim() === '') missing([...at, field], `the ${size} icon`, `Add the https URL of a ${size} PNG or JPG.`);
    else urlProblems(url, [...at, field], add, true);
  }
  if (!info.examplePhrases || info.examplePhrases.length === 0) missing([...at, 'examplePhrases'], 'an example phrase', 'Add what a customer says to buy it, e.g. "Alexa, ask cave quest to buy the expansion".');
  else if (info.examplePhrases.length > EXAMPLE_PHRASES_MAX) {
    add('warning', 'isp/limit', [...at, 'examplePhrases'], `${info.examplePhrases.length} example phrases; the Alexa app shows ${EXAMPLE_PHRASES_MAX}`, `Keep the best ${EXAMPLE_PHRASES_MAX}.`);
  }
  if (!info.keywords || info.keywords.length === 0) missing([...at, 'keywords'], 'keywords', 'Add a few search terms, e.g. ["adventure", "levels"].');
  const prompts = info.customProductPrompts;
  if (!prompts?.purchasePromptDescription?.trim()) missing([...at, 'customProductPrompts', 'purchasePromptDescription'], 'the purchase prompt', 'Write what Alexa reads before offering the product (without the price).');
  if (!prompts?.boughtCardDescription?.trim()) missing([...at, 'customProductPrompts', 'boughtCardDescription'], 'the bought card text', 'Write what the Alexa app card says after the purchase.');

  const texts: [Part[], string | undefined, boolean][] = [
    [[...at, 'name'], info.name, false],
    [[...at, 'summary'], info.summary, true],
    [[...at, 'description'], info.description, true],
    [[...at, 'customProductPrompts', 'purchasePromptDescription'], prompts?.purchasePromptDescription, true],
    [[...at, 'customProductPrompts', 'boughtCardDescription'], prompts?.boughtCardDescription, false],
    ...(info.examplePhrases ?? []).map((phrase, index): [Part[], string, boolean] => [[...at, 'examplePhrases', index], phrase, false]),
    ...(info.keywords ?? []).map((keyword, index): [Part[], string, boolean] => [[...at, 'keywords', index], keyword, false]),
  ];
  for (const [parts, text, priceMatters] of texts) if (text !== undefined) textProblems(text, parts, add, priceMatters);
}

function textProblems(text: string, parts: Part[], add: Add, priceMatters: boolean): void {
  if (PLACEHOLDER_TEXT.test(text)) add('warning', 'isp/placeholder', parts, 'still holds template text (TODO)', 'Replace it with the real text for this product.');
  else if (text.trim() === '') add('warning', 'isp/incomplete', parts, 'is empty', 'Fill it in or remove it.');
  if (priceMatters && PRICE_IN_TEXT.test(text)) {
    add('warning', 'isp/price-in-text', parts, 'mentions a price; certification rejects prices in product text', 'Remove the price: Alexa tells the customer the price for the marketplace they shop in.');
  }
}

function urlProblems(text: string, parts: Part[], add: Add, httpsChecked: boolean): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    add('error', 'isp/format', parts, `${JSON.stringify(text)} is not a URL`, 'Write a full URL, e.g. https://www.example.org/privacy.');
    return;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    add('error', 'isp/format', parts, `${JSON.stringify(text)} is not a web URL`, 'Use an https:// URL.');
  } else if (url.protocol === 'http:' && !httpsChecked) {
    add('warning', 'isp/https', parts, 'uses http, not https', `Use ${text.replace(/^http:/i, 'https:')} if it works over https.`);
  }
  if (PLACEHOLDER_HOST.test(url.hostname)) add('warning', 'isp/placeholder', parts, `${url.hostname} is a placeholder`, 'Replace it with your own URL before you submit the skill.');
}

// ---------------------------------------------------------------------------------------------
// Helpers.

/** `/publishingInformation/locales/en-US` → parts; indexes of arrays become numbers. */
function pointerToParts(pointer: string, root: unknown): Part[] {
  const parts: Part[] = [];
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const part: Part = Array.isArray(node) && /^\d+$/.test(key) ? Number(key) : key;
    parts.push(part);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return parts;
}

function label(key: string): string {
  return key === '' ? 'the product file' : /^\d+$/.test(key) ? `item ${key}` : `"${key}"`;
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'string' ? 'a string' : `a ${typeof value}`} (${show(value)})`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

/** The candidate a typo most likely meant: same letters ignoring case and separators, or ≤ 2 edits away. */
export function closestMatch(word: string, candidates: readonly string[], maxEdits = 2): string | undefined {
  const squash = (text: string) => text.toLowerCase().replace(/[-_\s]/g, '');
  const exact = candidates.find((candidate) => squash(candidate) === squash(word));
  if (exact) return exact;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= Math.min(maxEdits, Math.floor(candidate.length / 3)) && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
