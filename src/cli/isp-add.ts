/**
 * `skillshop isp add`: creates `platforms/alexaSkill/isps/<type>/<referenceName>.json` from the
 * type's template. In a terminal it asks for what the flags did not give, like the old
 * `ask add isp`; anywhere else (CI, scripts) every required value must come as a flag, and a
 * missing one is a usage error naming it, never a prompt that waits forever.
 */
import { createInterface } from 'node:readline/promises';
import { isSkillshopError, skillshopError } from '../errors';
import { loadCatalog, writeProduct } from '../isp/catalog';
import {
  CURRENCIES,
  ISP_LOCALES,
  LOCALE_MARKETPLACE,
  MARKETPLACE_CURRENCY,
  PAYMENT_FREQUENCIES,
  PRODUCT_TYPES,
  REFERENCE_NAME_PATTERN,
  isIspLocale,
  type Currency,
  type IspLocale,
  type PaymentFrequency,
  type ProductDefinitionType,
} from '../isp/product-definition';
import { marketplacesOf, productTemplate, type ProductTemplateOptions } from '../isp/templates';
import { closestMatch, validateProduct } from '../isp/validate-product';
import { parseCommandArgs } from './args';

const usage =
  'skillshop isp add [--type entitlement|subscription|consumable] [--reference-name <name>] [--name <display name>] ' +
  '[--price <amount>] [--currency USD|GBP|EUR|JPY] [--locale en-US]... [--frequency MONTHLY|YEARLY] [--trial-days N] [--yes] [--force]';

/** Where questions are asked; tests pass streams instead of the terminal. */
export interface PromptIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Ask for missing values (true in a terminal). */
  interactive: boolean;
}

function terminalIo(): PromptIo {
  return { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) };
}

export async function ispAdd(args: string[], io: PromptIo = terminalIo()): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    type: { type: 'string' },
    'reference-name': { type: 'string' },
    name: { type: 'string' },
    price: { type: 'string' },
    currency: { type: 'string' },
    locale: { type: 'string', multiple: true },
    frequency: { type: 'string' },
    'trial-days': { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
    force: { type: 'boolean' },
  }, usage);
  if (positionals.length > 0) throw usageError(`Unexpected argument ${positionals.join(' ')}.`);
  const flag = (name: string) => values[name] as string | undefined;
  const force = Boolean(values.force);
  const projectDir = process.cwd();
  const taken = new Map(loadCatalog(projectDir).products.map((product) => [product.referenceName, product.file]));
  const checkFree = (referenceName: string): string => {
    const file = taken.get(referenceName);
    if (!force && file) {
      throw skillshopError('ISP_PRODUCT_EXISTS', `Product "${referenceName}" already exists (${file}). Choose another reference name, or pass --force to replace it.`);
    }
    return referenceName;
  };
  const localeFlags = values.locale as unknown as string[] | undefined;

  let options: ProductTemplateOptions;
  if (io.interactive && !values.yes) {
    options = await askForProduct(io, { ...Object.fromEntries(Object.entries(values).filter(([, value]) => typeof value === 'string')), locales: localeFlags }, checkFree);
  } else {
    const missing = ['type', 'reference-name', 'name', 'price'].filter((name) => flag(name) === undefined);
    const type = flag('type') === undefined ? undefined : parseType(flag('type')!);
    if (type === 'SUBSCRIPTION' && flag('frequency') === undefined) missing.push('frequency');
    if (missing.length > 0) {
      throw usageError(`Missing ${missing.map((name) => `--${name}`).join(', ')}. Without a terminal to ask in, skillshop isp add needs them as flags.`);
    }
    const locales = parseLocales(localeFlags?.join(',') ?? 'en-US');
    options = {
      type: type!,
      referenceName: checkFree(parseReferenceName(flag('reference-name')!)),
      name: parseName(flag('name')!),
      price: parsePrice(flag('price')!),
      locales,
      currency: parseCurrency(flag('currency'), locales),
      ...(type === 'SUBSCRIPTION' ? { frequency: parseFrequency(flag('frequency')!), trialDays: parseTrialDays(flag('trial-days') ?? '0') } : {}),
    };
  }

  const definition = productTemplate(options);
  const file = writeProduct(projectDir, definition, { force });
  const toFill = validateProduct(definition, file).filter((problem) => problem.severity === 'warning').length;
  const prices = Object.entries(definition.publishingInformation.pricing ?? {}).map(([marketplace, entry]) => `${marketplace} ${entry!.defaultPriceListing.price} ${entry!.defaultPriceListing.currency}`);
  console.log(`Created ${file}`);
  console.log(`  ${definition.type} "${options.name}" (${definition.referenceName}), ${prices.join(', ')}`);
  if (prices.length > 1) console.log('  Prices in other currencies are a starting point, not an exchange rate: check them.');
  console.log('');
  console.log('Next steps:');
  console.log(`  1. Edit ${file}: replace the ${toFill} TODO texts and example.com URLs (icons, privacy policy).`);
  console.log('  2. skillshop isp validate   — lists what is still missing, with the JSON path of each field.');
  console.log(`  3. Sell it from a handler by its reference name: "${definition.referenceName}".`);
  return 0;
}

/** Asks for each value the flags did not give; a bad answer is explained and asked again. */
async function askForProduct(io: PromptIo, given: Record<string, unknown>, checkFree: (name: string) => string): Promise<ProductTemplateOptions> {
  const rl = createInterface({ input: io.input, output: io.output, terminal: Boolean((io.input as { isTTY?: boolean }).isTTY) });
  // Reading lines through the iterator (not rl.question) keeps answers that arrive before the
  // question, e.g. when they are piped in.
  const lines = rl[Symbol.asyncIterator]();
  let cancelled = false;
  rl.on('SIGINT', () => {
    cancelled = true;
    rl.close();
  });
  const ask = async <T>(question: string, fallback: string | undefined, parse: (text: string) => T): Promise<T> => {
    for (;;) {
      io.output.write(`? ${question}${fallback === undefined ? '' : ` (${fallback})`}: `);
      const next = await lines.next();
      if (next.done) throw usageError(cancelled ? 'Cancelled; nothing was written.' : 'The input ended before every question was answered.');
      const text = String(next.value).trim() || fallback || '';
      try {
        return parse(text);
      } catch (error) {
        if (!isSkillshopError(error, 'CLI_USAGE') && !isSkillshopError(error, 'ISP_PRODUCT_EXISTS')) throw error;
        io.output.write(`  ${error.message.split('\n')[0]}\n`);
      }
    }
  };
  const value = <T>(key: string, parse: (text: string) => T): T | undefined => (typeof given[key] === 'string' ? parse(given[key] as string) : undefined);
  try {
    const type = value('type', parseType) ?? await ask('Type: 1) entitlement (bought once)  2) subscription  3) consumable (bought again after use)', '1', parseType);
    const referenceName = value('reference-name', (text) => checkFree(parseReferenceName(text)))
      ?? await ask('Reference name (letters, digits, _; used in code and as the file name)', undefined, (text) => checkFree(parseReferenceName(text)));
    const name = value('name', parseName) ?? await ask('Name customers hear', titleOf(referenceName), parseName);
    const price = value('price', parsePrice) ?? await ask('Price', '0.99', parsePrice);
    const locales = Array.isArray(given.locales)
      ? parseLocales((given.locales as string[]).join(','))
      : await ask(`Locales, comma-separated (${ISP_LOCALES.join(', ')})`, 'en-US', parseLocales);
    const currency = parseCurrency(given.currency as string | undefined, locales);
    if (type !== 'SUBSCRIPTION') return { type, referenceName, name, price, locales, currency };
    const frequency = value('frequency', parseFrequency) ?? await ask('Billed MONTHLY or YEARLY', 'MONTHLY', parseFrequency);
    const trialDays = value('trial-days', parseTrialDays) ?? await ask('Free trial days (0 to 365)', '0', parseTrialDays);
    return { type, referenceName, name, price, locales, currency, frequency, trialDays };
  } finally {
    rl.close();
  }
}

function usageError(message: string): Error {
  return skillshopError('CLI_USAGE', `${message}\nUsage: ${usage}`);
}

function parseType(text: string): ProductDefinitionType {
  const byNumber: Record<string, ProductDefinitionType> = { '1': 'ENTITLEMENT', '2': 'SUBSCRIPTION', '3': 'CONSUMABLE' };
  const type = byNumber[text] ?? PRODUCT_TYPES.find((candidate) => candidate === text.toUpperCase());
  if (!type) throw usageError(`--type must be entitlement, subscription or consumable, not "${text}".`);
  return type;
}

function parseReferenceName(text: string): string {
  if (!new RegExp(REFERENCE_NAME_PATTERN).test(text)) {
    const suggestion = text.trim().replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
    const hint = /^[A-Za-z0-9_]{3,50}$/.test(suggestion) ? ` (e.g. "${suggestion}")` : '';
    throw usageError(`--reference-name must be 3 to 50 letters, digits or underscores${hint}, not "${text}".`);
  }
  return text;
}

function parseName(text: string): string {
  if (text.trim() === '') throw usageError('--name must not be empty: it is what customers hear.');
  return text.trim();
}

function parsePrice(text: string): number {
  const price = Number(text);
  if (text.trim() === '' || !Number.isFinite(price) || price <= 0) throw usageError(`--price must be a number above 0 without a currency sign, e.g. 0.99, not "${text}".`);
  return price;
}

function parseLocales(text: string): IspLocale[] {
  const locales = text.split(',').map((locale) => locale.trim()).filter((locale) => locale !== '');
  if (locales.length === 0) throw usageError('Give at least one --locale.');
  for (const locale of locales) {
    if (!isIspLocale(locale)) {
      const hint = closestMatch(locale, ISP_LOCALES, 1);
      throw usageError(`--locale "${locale}" does not support in-skill purchasing${hint ? ` (did you mean ${hint}?)` : ''}; use ${ISP_LOCALES.join(', ')}.`);
    }
  }
  return [...new Set(locales as IspLocale[])];
}

/** The currency `--price` is in; it must be one the chosen locales' marketplaces sell in. */
function parseCurrency(text: string | undefined, locales: IspLocale[]): Currency {
  const marketplaces = marketplacesOf(locales);
  if (text === undefined) return MARKETPLACE_CURRENCY[marketplaces[0]!];
  const currency = CURRENCIES.find((candidate) => candidate === text.toUpperCase());
  if (!currency) throw usageError(`--currency must be one of ${CURRENCIES.join(', ')}, not "${text}".`);
  if (!marketplaces.some((marketplace) => MARKETPLACE_CURRENCY[marketplace] === currency)) {
    const sold = locales.map((locale) => `${locale}: ${LOCALE_MARKETPLACE[locale]} ${MARKETPLACE_CURRENCY[LOCALE_MARKETPLACE[locale]]}`).join(', ');
    throw usageError(`--currency ${currency} is not used by the marketplaces of the chosen locales (${sold}).`);
  }
  return currency;
}

function parseFrequency(text: string): PaymentFrequency {
  const frequency = PAYMENT_FREQUENCIES.find((candidate) => candidate === text.toUpperCase());
  if (!frequency) throw usageError(`--frequency must be MONTHLY or YEARLY, not "${text}".`);
  return frequency;
}

function parseTrialDays(text: string): number {
  const days = Number(text);
  if (!/^\d+$/.test(text.trim()) || days > 365) throw usageError(`--trial-days must be a whole number from 0 to 365, not "${text}".`);
  return days;
}

function titleOf(referenceName: string): string {
  return referenceName.split('_').filter(Boolean).map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' ');
}
