/**
 * Sample utterance rules, from "Create Intents, Utterances, and Slots"
 * (https://developer.amazon.com/en-US/docs/alexa/custom-skills/create-intents-utterances-and-slots.html):
 * samples may hold letters of any script, spaces, and these punctuation marks only: periods in
 * abbreviations ("a. b. c."), possessive apostrophes (and the elisions French and Italian need:
 * "j'ai", "l'achat"), underscores and hyphens. Numbers are spelled out. Slots are referenced as
 * `{SlotName}`, case-sensitively; the old `{literal|SlotName}` form is rejected.
 */
import type { Problem } from '../problems';
import { jsonPath } from '../problems';

const SLOT_REFERENCE = /\{([^{}]*)\}/g;

/** The slot names a sample references, in order. */
export function slotReferences(text: string): string[] {
  return [...text.matchAll(SLOT_REFERENCE)].map((match) => (match[1] ?? '').trim());
}

/** Lower case, single spaces, trimmed: two samples that normalize alike are the same to Alexa. */
export function normalizeSample(text: string, locale: string): string {
  return text.toLocaleLowerCase(locale).replace(/\s+/g, ' ').trim();
}

/**
 * Problems of one sample of `intent`, whose slots are `slots`. `kind` says what the sample is
 * ("sample" or "slot sample") in messages.
 */
export function sampleProblems(text: string, slots: readonly string[], intent: string, file: string, path: (string | number)[], kind = 'sample'): Problem[] {
  const at = jsonPath(...path);
  const problems: Problem[] = [];
  const problem = (severity: Problem['severity'], rule: string, message: string, fix: string) =>
    problems.push({ severity, file, path: at, rule: `sample/${rule}`, message, fix });

  if (text.trim() === '') {
    problem('error', 'empty', `An empty ${kind} in ${intent}.`, 'Remove it, or write what users say.');
    return problems;
  }
  for (const reference of slotReferences(text)) {
    if (reference.includes('|')) {
      const slot = reference.split('|').pop()?.trim() ?? '';
      problem('error', 'literal-slot', `"${text}" uses the old {literal|${slot}} form, which Alexa rejects.`, `Write {${slot}} and add the literal to ${slot}'s type values.`);
    } else if (reference === '') {
      problem('error', 'slot-empty', `"${text}" has an empty slot reference {}.`, 'Put the slot\'s name between the braces, or remove them.');
    } else if (!slots.includes(reference)) {
      const sameLetters = slots.find((slot) => slot.toLowerCase() === reference.toLowerCase());
      problem('error', 'slot-undeclared', `"${text}" references {${reference}}, which ${intent} does not declare${sameLetters ? ` (it declares {${sameLetters}}: slot names are case-sensitive)` : ''}.`,
        sameLetters ? `Write {${sameLetters}}.` : `Declare an input "${reference}" in ${intent}, or fix the reference.`);
    }
  }
  const outside = text.replace(SLOT_REFERENCE, ' ');
  if (/[{}]/.test(outside)) {
    problem('error', 'braces', `"${text}" has an unmatched brace.`, 'Slot references are written {SlotName}; remove stray braces.');
  }
  if (/\p{N}/u.test(outside)) {
    problem('error', 'digits', `"${text}" has digits; Alexa needs numbers spelled out.`, 'Spell numbers out ("twenty one"), or use an AMAZON.NUMBER slot.');
  }
  const others = [...new Set(outside.replace(/[\p{L}\p{M}\p{N}\s.'’_\-{}]/gu, ''))];
  if (others.length > 0) {
    problem('error', 'characters', `"${text}" has characters samples cannot have: ${others.map((c) => JSON.stringify(c)).join(' ')}.`,
      'Use only letters, spaces, periods in abbreviations, possessive apostrophes, underscores and hyphens; drop question marks and commas.');
  }
  if (/(^|[^\p{L}\p{M}])\./u.test(outside)) {
    problem('error', 'periods', `"${text}" has a period that does not end an abbreviation.`, 'Periods are only allowed in abbreviations such as "a. b. c.".');
  } else if (/\p{L}{2,}\./u.test(outside)) {
    problem('warning', 'periods', `"${text}" has a period after a word; Alexa allows periods only in abbreviations.`, 'Remove the period unless the word is an abbreviation.');
  }
  if (/(^|[^\p{L}\p{M}])['’]/u.test(outside)) {
    problem('warning', 'apostrophes', `"${text}" has an apostrophe that is not part of a word; Alexa allows possessive apostrophes.`, 'Remove quotation marks; keep apostrophes inside words ("sam\'s").');
  }
  return problems;
}
