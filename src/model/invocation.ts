/**
 * Amazon's invocation name requirements, from "Choose the Invocation Name for a Custom Skill"
 * (https://developer.amazon.com/en-US/docs/alexa/custom-skills/choose-the-invocation-name-for-a-custom-skill.html#cert-invocation-name-req)
 * and its launch phrases from "Understand How Users Invoke Custom Skills"
 * (https://developer.amazon.com/en-US/docs/alexa/custom-skills/understanding-how-users-invoke-custom-skills.html).
 *
 * Errors are the rules Amazon states as requirements: 2–50 characters; lower case (in any script:
 * "ä", "é" and Japanese kana are fine, "Ä" is not); only letters, spaces, apostrophes and periods —
 * numbers spelled out; none of the wake words ("alexa", "amazon", "echo", "computer"), "skill",
 * "app", or the launch phrases the requirement names ("launch", "ask", "tell", "load", "begin",
 * "enable") — plus "open", the most common launch word.
 * Warnings are the rules that depend on meaning or that Amazon enforces only at certification:
 * other launch words ("start", "play", …) and connecting words, one-word names, two-word names
 * with an article or preposition, periods not after a single letter.
 */
import type { Problem } from '../problems';
import { jsonPath } from '../problems';

/** Wake words and words Amazon forbids in every language. */
const FORBIDDEN_EVERYWHERE = ['alexa', 'amazon', 'echo', 'computer', 'skill', 'app'];
/** English launch phrases named by the requirement (and "open"). */
const FORBIDDEN_ENGLISH = ['launch', 'ask', 'tell', 'load', 'begin', 'enable', 'open'];
/** Other English launch phrases and connecting words: confusing, possibly rejected at certification. */
const DISCOURAGED_ENGLISH = ['start', 'play', 'resume', 'run', 'use', 'talk', 'from', 'by', 'if', 'and', 'whether', 'using'];
/** For two-word names: "a bicycle", "for fun". */
const ARTICLES_AND_PREPOSITIONS = ['the', 'a', 'an', 'for', 'to', 'of', 'my'];

function words(name: string): string[] {
  return name.split(/\s+/).filter((word) => word !== '').map((word) => word.replace(/[.'’]+$/u, '').replace(/['’]s$/u, ''));
}

/** Every problem with an invocation name, at `path` of `file`. */
export function invocationProblems(name: string | undefined, locale: string, file: string, path: (string | number)[]): Problem[] {
  const at = jsonPath(...path);
  const problem = (severity: Problem['severity'], rule: string, message: string, fix: string): Problem =>
    ({ severity, file, path: at, rule: `invocation/${rule}`, message, fix });
  if (name === undefined) {
    return [problem('error', 'missing', 'The model has no Alexa invocation name: users could not open the skill.',
      'Add "invocation": "<two or more words>" (or "invocation": { "alexa": "<two or more words>" }).')];
  }
  const problems: Problem[] = [];
  const length = [...name].length;
  if (length < 2 || length > 50) {
    problems.push(problem('error', 'length', `The invocation name has ${length} characters; Alexa needs 2 to 50.`, 'Choose a name of 2 to 50 characters.'));
  }
  if (/[\p{Lu}\p{Lt}]/u.test(name)) {
    problems.push(problem('error', 'case', `"${name}" has upper-case letters; invocation names are lower case.`, `Write it "${name.toLocaleLowerCase(locale)}".`));
  }
  if (/\p{N}/u.test(name)) {
    problems.push(problem('error', 'digits', `"${name}" has digits; numbers must be spelled out.`, 'Spell numbers out, e.g. "twenty one" for 21.'));
  }
  const others = [...new Set(name.replace(/[\p{L}\p{M}\p{N}\s.'’]/gu, ''))];
  if (others.length > 0) {
    problems.push(problem('error', 'characters', `"${name}" has characters invocation names cannot have: ${others.map((c) => JSON.stringify(c)).join(' ')}.`,
      'Use only letters, spaces, possessive apostrophes ("sam\'s") and periods in abbreviations ("a. b. c.").'));
  }
  if (name !== name.trim() || /\s{2,}/.test(name)) {
    problems.push(problem('warning', 'spaces', 'The invocation name has leading, trailing or double spaces.', 'Separate words with single spaces.'));
  }
  if (/(^|[^\p{L}])\p{L}{2,}\./u.test(name) || /(^|\s)\./u.test(name)) {
    problems.push(problem('warning', 'periods', 'Periods belong only in abbreviations spelt letter by letter ("a. b. c.").', 'Remove the period, or spell the abbreviation out letter by letter.'));
  }
  const lower = words(name.toLocaleLowerCase(locale));
  const english = locale.startsWith('en');
  for (const word of new Set(lower)) {
    if (FORBIDDEN_EVERYWHERE.includes(word) || (english && FORBIDDEN_ENGLISH.includes(word))) {
      problems.push(problem('error', 'launch-word', `The invocation name contains "${word}", a wake word or launch phrase Alexa reserves.`, `Remove "${word}" from the invocation name.`));
    } else if (english && DISCOURAGED_ENGLISH.includes(word)) {
      problems.push(problem('warning', 'launch-word', `The invocation name contains "${word}", a launch phrase or connecting word; Alexa may misunderstand it.`, `Consider a name without "${word}".`));
    }
  }
  if (lower.length === 1 && length >= 2 && !locale.startsWith('ja')) { // Japanese writes no spaces between words
    problems.push(problem('warning', 'one-word', `"${name}" is one word; Amazon accepts one-word names only for a brand you own (or, in German, a compound word).`, 'Use two or more words, e.g. add what the skill does.'));
  }
  if (english && lower.length === 2 && lower.some((word) => ARTICLES_AND_PREPOSITIONS.includes(word))) {
    problems.push(problem('warning', 'two-words', `A two-word invocation name cannot include an article or preposition ("${name}").`, 'Drop the article or preposition, or add a word.'));
  }
  return problems;
}
