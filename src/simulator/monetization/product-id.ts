/**
 * Stable product ids for the emulator. Amazon assigns `amzn1.adg.product.<uuid>` when a product is
 * created; offline there is no such call, so the id is derived from the referenceName (the same
 * name always gives the same id, across runs and machines), unless the caller maps names to the
 * ids recorded at deploy.
 */
import { createHash } from 'node:crypto';

export const PRODUCT_ID_PREFIX = 'amzn1.adg.product.';

/**
 * A version-4-shaped UUID from a SHA-256 of the seed. The same algorithm as the runtime tests'
 * fake (test/helpers/fake-monetization.ts), so ids agree between the two.
 *
 * @example
 * productIdFor('cave_quest'); // 'amzn1.adg.product.…' — always the same for 'cave_quest'
 */
export function productIdFor(referenceName: string): string {
  const hex = createHash('sha256').update(referenceName).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return PRODUCT_ID_PREFIX + uuid;
}
