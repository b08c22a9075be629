/**
 * Error-phrase detection, as the certification rules define one: speech like "error", "problem",
 * "something went wrong", "try again", "contact us" — and the same in the other ISP languages
 * (German, French, Spanish, Italian, Japanese). Used on what the skill says after a purchase
 * result; a tester hearing one of these fails the skill.
 *
 * @example
 * findErrorPhrase('Sorry, something went wrong.') // 'something went wrong'
 */
// \b is ASCII-only in JavaScript, so words with accents are bounded by letters explicitly.
const word = (pattern: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, 'iu');

const PATTERNS: readonly RegExp[] = [
  // English
  /\berrors?\b/iu,
  /\bproblems?\b/iu,
  /\bsomething went wrong\b/iu,
  /\bwent wrong\b/iu,
  /\btry again\b/iu,
  /\bcontact us\b/iu,
  // German
  word('fehler|fehlern|schiefgelaufen|schiefgegangen|versuche es (?:später )?(?:noch einmal|erneut)|kontaktiere uns|kontaktieren sie uns'),
  // French
  word('erreurs?|problèmes?|réessaye[rz]?|contactez-nous'),
  // Spanish and Italian
  word('errore|errori|problemas?|algo salió mal|inténtalo de nuevo|vuelve a intentarlo|contáctanos|qualcosa è andato storto|riprova(?:re)?|contattaci'),
  // Japanese
  /エラー|問題が発生|もう一度お試し/u,
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
