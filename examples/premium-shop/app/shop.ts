/**
 * The shop's rules: what is for sale, what the player owns, when an upsell is welcome, and the
 * token that carries "what the player was doing" through Alexa's purchase dialog.
 */
import { isEntitled, type HandlerContext, type InSkillProduct } from 'skillshop';
import { noteUpsell, visit } from './player';
import type { Round } from './questions';
import { linesFor } from './speech';

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
  const message = linesFor(context.getLocale()).upsell[product.referenceName];
  if (message === undefined) throw new Error(`No upsell message for ${product.referenceName}.`);
  noteUpsell(context, product.referenceName);
  context.isp.upsell(product.productId, message, purchaseToken(product.referenceName, resume));
}
