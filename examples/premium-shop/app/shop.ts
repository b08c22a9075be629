/**
 * The shop: what is for sale, what the player owns, when an upsell is welcome, the token that
 * carries "what the player was doing" through Alexa's purchase dialog, and the answers to
 * "buy …", "refund …", "tell me more about …".
 */
import { isEntitled, type HandlerContext, type InSkillProduct } from 'skillshop';
import { offerChoice } from './choice';
import { noteDirective, noteUpsell, visit } from './player';
import type { Round } from './questions';
import { speechFor } from './speech';

export const CLUE_PACK = 'clue_pack';
export const CLUES_PER_PACK = 5;
/** Upsells a visit may hold: one, so a player who hears an offer is not asked again and again. */
const UPSELLS_PER_VISIT = 1;

/** Purchasable, and not already owned (a consumable can always be bought again). */
export function isForSale(product: InSkillProduct): boolean {
  return product.purchasable === 'PURCHASABLE' && (product.type === 'CONSUMABLE' || !isEntitled(product));
}

/** An entitlement or subscription Amazon says the player has (a cancelled subscription counts until its period ends). */
export function owns(product: InSkillProduct): boolean {
  return product.type !== 'CONSUMABLE' && isEntitled(product);
}

/**
 * Whether an upsell of `product` is welcome now: it is for sale, the player does not own it, has
 * not declined it, has heard no other offer this visit, and can buy by voice.
 */
export async function mayUpsell(context: HandlerContext, product: InSkillProduct): Promise<boolean> {
  if (!isForSale(product)) return false;
  const current = visit(context);
  if (current.upsold.length >= UPSELLS_PER_VISIT || current.declined.includes(product.referenceName)) return false;
  return context.isp.isVoicePurchasingEnabled();
}

/** What to pick up again once Alexa's purchase dialog is over. */
export type Resume = Round | 'clue' | 'clues' | 'nothing';
const RESUMES: readonly Resume[] = ['planets', 'galaxies', 'daily', 'clue', 'clues', 'nothing'];

/** What buying a product directly leads to: its content, right away. */
export function resumeAfterBuying(referenceName: string): Resume {
  return referenceName === 'galaxy_pack' ? 'galaxies' : referenceName === 'star_club' ? 'daily' : referenceName === CLUE_PACK ? 'clues' : 'nothing';
}

const TOKEN_PREFIX = 'space-trivia';

/** The directive's token: Alexa hands it back with the result, in a session that has forgotten everything else. */
export function purchaseToken(referenceName: string, resume: Resume): string {
  return `${TOKEN_PREFIX}:${referenceName}:${resume}`;
}

export function readPurchaseToken(token: string | undefined): { referenceName?: string; resume?: Resume } {
  const [prefix, referenceName, resume] = (token ?? '').split(':');
  if (prefix !== TOKEN_PREFIX || !referenceName) return {};
  return { referenceName, ...(RESUMES.includes(resume as Resume) ? { resume: resume as Resume } : {}) };
}

/** Sends the upsell directive (the whole answer: Alexa takes over) and remembers it for this visit. */
export function upsell(context: HandlerContext, product: InSkillProduct, resume: Resume): void {
  const message = speechFor(context).upsell[product.referenceName];
  if (message === undefined) throw new Error(`No upsell message for ${product.referenceName}.`);
  noteUpsell(context, product.referenceName);
  context.isp.upsell(product.productId, message, purchaseToken(product.referenceName, resume));
}

// ---- buying, returning, describing ------------------------------------------------------------

const TYPE_ORDER = ['ENTITLEMENT', 'SUBSCRIPTION', 'CONSUMABLE'];

/** Amazon's product list, in the order the shop presents it: the pack, the club, the clues. */
export async function products(context: HandlerContext): Promise<InSkillProduct[]> {
  const list = await context.isp.getProductList();
  return [...list].sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type));
}

export async function productsForSale(context: HandlerContext): Promise<InSkillProduct[]> {
  return (await products(context)).filter(isForSale);
}

/** "Buy X": one Buy directive, unless the player owns it, it is off sale, or voice purchasing is off. */
export async function buy(context: HandlerContext, product: InSkillProduct): Promise<void> {
  const say = speechFor(context);
  if (owns(product)) return void context.ask(say.alreadyOwned(product), say.whatNext);
  if (product.purchasable !== 'PURCHASABLE') return void context.ask(say.notAvailable(product), say.whatNext);
  if (!(await context.isp.isVoicePurchasingEnabled())) return void context.ask(say.voicePurchasingOff, say.whatNext);
  noteDirective(context);
  context.isp.buy(product.productId, purchaseToken(product.referenceName, resumeAfterBuying(product.referenceName)));
}

/** "Refund X" / "cancel X": Alexa's Cancel directive does both; a product not owned comes back NOT_ENTITLED. */
export function cancel(context: HandlerContext, product: InSkillProduct): void {
  noteDirective(context);
  context.isp.cancel(product.productId, purchaseToken(product.referenceName, 'nothing'));
}

export async function askWhichToBuy(context: HandlerContext, unknown: boolean): Promise<void> {
  const say = speechFor(context);
  const forSale = await productsForSale(context);
  const question = say.whichProduct(forSale, unknown);
  if (forSale.length > 0) offerChoice(context, { action: 'pick-buy' });
  context.ask(question, forSale.length > 0 ? question : say.whatNext);
}

export async function askWhichToRefund(context: HandlerContext): Promise<void> {
  const say = speechFor(context);
  const owned = (await products(context)).filter((product) => isEntitled(product));
  if (owned.length > 0) offerChoice(context, { action: 'pick-refund' });
  const question = say.whichRefund(owned);
  context.ask(question, owned.length > 0 ? question : say.whatNext);
}

export async function describe(context: HandlerContext, product: InSkillProduct): Promise<void> {
  const say = speechFor(context);
  if (owns(product)) return void context.ask(say.details(product, product.summary, 'owned'), say.whatNext);
  if (product.purchasable !== 'PURCHASABLE') return void context.ask(say.details(product, product.summary, 'unavailable'), say.whatNext);
  const clues = product.type === 'CONSUMABLE' ? (await context.isp.getInventory(product.referenceName)).available : undefined;
  if (!(await context.isp.isVoicePurchasingEnabled())) return void context.ask(say.details(product, product.summary, 'not-by-voice', clues), say.whatNext);
  offerChoice(context, { action: 'buy', referenceName: product.referenceName });
  const text = say.details(product, product.summary, 'for-sale', clues);
  context.ask(text, text);
}

/** The product a ProductName slot resolved to (entity resolution's id is the reference name). */
export async function namedProduct(context: HandlerContext): Promise<{ product?: InSkillProduct; said: boolean }> {
  const input = context.getInput('ProductName');
  const product = input?.id ? await context.isp.getProductByReferenceName(input.id) : undefined;
  return { ...(product ? { product } : {}), said: Boolean(input?.value) };
}
