/**
 * The purchase directives a skill sends to hand the user over to Alexa's purchase dialog.
 * https://developer.amazon.com/en-US/docs/alexa/in-skill-purchase/add-isps-to-a-skill.html
 *
 * Rules the response carrying one must follow (enforced by the response builder, not here): it is
 * the only directive, there is no outputSpeech or reprompt, and `shouldEndSession` is omitted or
 * true. Sending it ends the session; the answer comes back later as a `Connections.Response`
 * (see purchase-result.ts) in a new session.
 */
import { skillshopError } from '../errors';
import type { Directive } from '../alexa/response';

export type PurchaseConnectionName = 'Buy' | 'Upsell' | 'Cancel';

export interface PurchaseDirective extends Directive {
  type: 'Connections.SendRequest';
  name: PurchaseConnectionName;
  /** `InSkillProduct` with a capital I: Alexa ignores any other spelling. */
  payload: { InSkillProduct: { productId: string }; upsellMessage?: string };
  /** Echoed back in the `Connections.Response`. */
  token: string;
}

/**
 * Starts Alexa's purchase dialog for a product the user asked for.
 *
 * `token` comes back untouched in the purchase result: the only place, besides persistent storage,
 * to carry state across the purchase hop (the result arrives in a new session without attributes).
 * The default, `Buy:<productId>`, just names what was asked.
 *
 * @example
 * return { version: '1.0', response: { directives: [buyDirective(product.productId)], shouldEndSession: true } };
 */
export function buyDirective(productId: string, token?: string): PurchaseDirective {
  return purchaseDirective('Buy', productId, undefined, token);
}

/**
 * Offers a product the user did not ask for: Alexa first reads `upsellMessage` (a yes/no question
 * of the skill's own), then, on yes, its usual offer.
 *
 * @example
 * upsellDirective(quest.productId, 'The cave goes deeper in the expansion. Want to hear more?')
 */
export function upsellDirective(productId: string, upsellMessage: string, token?: string): PurchaseDirective {
  if (typeof upsellMessage !== 'string' || upsellMessage.trim() === '') {
    throw new TypeError(
      'upsellDirective needs an upsellMessage: the yes/no question Alexa reads before the offer, ' +
        `e.g. "Want to hear about the expansion?" (got ${JSON.stringify(upsellMessage) ?? 'undefined'})`,
    );
  }
  return purchaseDirective('Upsell', productId, upsellMessage, token);
}

/**
 * Cancels a subscription, or starts a refund of an entitlement or consumable (Alexa sends the
 * refund link to the Alexa app). Same directive for both: Alexa picks by product type.
 */
export function cancelDirective(productId: string, token?: string): PurchaseDirective {
  return purchaseDirective('Cancel', productId, undefined, token);
}

function purchaseDirective(
  name: PurchaseConnectionName,
  productId: string,
  upsellMessage: string | undefined,
  token: string | undefined,
): PurchaseDirective {
  // Usually a lookup that found nothing (`product?.productId`) upstream, hence PRODUCT_NOT_FOUND.
  if (typeof productId !== 'string' || productId.trim() === '') {
    throw skillshopError(
      'PRODUCT_NOT_FOUND',
      `A ${name} directive needs the product's productId (amzn1.adg.product.…), got ${JSON.stringify(productId) ?? 'undefined'}. ` +
        'Look the product up first (getProductByReferenceName) and check it exists.',
      { details: { directive: name } },
    );
  }
  if (token !== undefined && typeof token !== 'string') {
    throw new TypeError(`The ${name} directive's token must be a string, got ${typeof token}`);
  }
  const payload: PurchaseDirective['payload'] = { InSkillProduct: { productId } };
  if (upsellMessage !== undefined) payload.upsellMessage = upsellMessage;
  return { type: 'Connections.SendRequest', name, payload, token: token ?? `${name}:${productId}` };
}
