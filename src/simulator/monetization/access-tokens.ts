/**
 * The emulator's `apiAccessToken`s. Alexa gives the skill a fresh token with every request and the
 * Monetization service knows the user from it (`/users/~current/`), so the emulator issues a token
 * per user: an HS256 JWT (the shape real Alexa tokens have) whose `sub` is the user id, signed with
 * a per-emulator secret. A token the emulator did not sign, or signed with another secret, is
 * unknown: 401. Inject `secret` for tokens that stay the same across runs.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const ISSUER = 'skillshop-monetization-emulator';

export class AccessTokens {
  private readonly secret: Buffer;

  constructor(secret: string | Uint8Array = randomBytes(32)) {
    this.secret = Buffer.from(secret);
    if (this.secret.length === 0) throw new RangeError('The token secret must not be empty');
  }

  /** @example tokens.tokenFor('amzn1.ask.account.TEST') // 'eyJhbGciOiJIUzI1NiIs…' */
  tokenFor(userId: string): string {
    if (typeof userId !== 'string' || userId === '') throw new TypeError('userId must be a non-empty string (e.g. amzn1.ask.account.…)');
    const payload = base64url(JSON.stringify({ iss: ISSUER, sub: userId }));
    return `${HEADER}.${payload}.${this.sign(`${HEADER}.${payload}`)}`;
  }

  /** The user a token was issued for; `undefined` for anything this emulator did not sign. */
  userOf(token: string): string | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      const sub = (claims as { sub?: unknown } | null)?.sub;
      return typeof sub === 'string' && sub !== '' ? sub : undefined;
    } catch {
      return undefined;
    }
  }

  private sign(input: string): string {
    return createHmac('sha256', this.secret).update(input).digest('base64url');
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
