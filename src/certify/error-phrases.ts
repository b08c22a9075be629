/**
 * Error-phrase detection, as the certification rules define one: speech like "error", "problem",
 * "something went wrong", "try again", "contact us". Used on what the skill says after a purchase
 * result; a tester hearing one of these fails the skill.
 *
 * @example
 * findErrorPhrase('Sorry, something went wrong.') // 'something went wrong'
 */
const PATTERNS: readonly RegExp[] = [
  /\berrors?\b/iu,
  /\bproblems?\b/iu,
  /\bsomething went wrong\b/iu,
  /\bwent wrong\b/iu,
  /\btry again\b/iu,
  /\bcontact us\b/iu,
];

/** The first error phrase in `text` (SSML tags ignored), or undefined. */
export function findErrorPhrase(text: string): string | undefined {
  const plain = text.replace(/<[^>]*>/g, ' ');
  let first: { index: number; match: string } | undefined;
  for (const pattern of PATTERNS) {
    const match = pattern.exec(plain);
    if (match && (first === undefined || match.index < first.index)) first = { index: match.index, match: match[0] };
  }
  return first?.match;
}
