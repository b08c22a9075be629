/**
 * Recognises how the user addresses the skill, from the start of the utterance:
 * "alexa, open cave quest" → launch; "ask cave quest to buy cave quest" → one-shot for
 * "buy cave quest"; "exit" → Alexa ends the session.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/understanding-how-users-invoke-custom-skills.html
 *
 * The phrases come from the locale's table as templates ("ask {invocation} to {request}"),
 * compiled once with the invocation name filled in.
 */
import type { PhraseTable } from './locales';
import { keyOf } from './tokens';

export type Invocation =
  | { readonly kind: 'launch' }
  /** Words [start, end) of the utterance are the request. */
  | { readonly kind: 'one-shot'; readonly start: number; readonly end: number }
  | { readonly kind: 'exit' };

interface Template {
  /** Words before {request} (or all of them), and after it. */
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly request: boolean;
}

const split = (text: string): string[] => {
  const key = keyOf(text);
  return key === '' ? [] : key.split(' ');
};

/** The words of a template part, `{invocation}` replaced by the name's words. */
function withName(part: string, name: readonly string[]): string[] {
  const [first = '', ...rest] = part.split('{invocation}');
  return rest.reduce<string[]>((words, after) => [...words, ...name, ...split(after)], split(first));
}

function startsWith(keys: readonly string[], at: number, words: readonly string[]): boolean {
  if (at + words.length > keys.length) return false;
  for (let j = 0; j < words.length; j++) if (keys[at + j] !== words[j]) return false;
  return true;
}

export class InvocationParser {
  private readonly wakeWords: string[][];
  private readonly prefixes: string[][];
  private readonly exits: string[][];
  private readonly templates: Template[] = [];
  private readonly fillers: ReadonlySet<string>;
  private readonly firstWord: string | undefined;

  constructor(invocationName: string, table: PhraseTable, fillers: ReadonlySet<string>) {
    const name = split(invocationName);
    this.firstWord = name[0];
    this.fillers = fillers;
    this.wakeWords = table.wakeWords.map(split);
    this.prefixes = table.prefixes.map(split);
    this.exits = table.exit.map(split);
    if (name.length === 0) return;
    // Users may say "the" before the name ("give me my horoscope from the daily horoscopes").
    const names = [name, ...table.invocationArticles.map((article) => [...split(article), ...name])];
    const compile = (text: string): void => {
      const [head = '', tail] = text.split('{request}');
      for (const variant of names) {
        this.templates.push({ before: withName(head, variant), after: tail === undefined ? [] : withName(tail, variant), request: tail !== undefined });
      }
    };
    for (const text of table.launch) compile(text);
    for (const text of table.oneShot) compile(text);
  }

  /** Where the utterance starts once a wake word ("alexa") is dropped. */
  afterWakeWord(keys: readonly string[]): number {
    for (const wake of this.wakeWords) if (wake.length > 0 && startsWith(keys, 0, wake)) return wake.length;
    return 0;
  }

  /** How the words from `start` address the skill, or null when they do not. */
  parse(keys: readonly string[], start: number): Invocation | null {
    let end = keys.length;
    while (end > start && this.fillers.has(keys[end - 1]!)) end--;
    for (const exit of this.exits) if (exit.length > 0 && exit.length === end - start && startsWith(keys, start, exit)) return { kind: 'exit' };
    if (this.firstWord === undefined || !keys.includes(this.firstWord)) return null;
    let at = start;
    for (let stripped = true; stripped; ) {
      stripped = false;
      for (const prefix of this.prefixes) {
        if (prefix.length > 0 && startsWith(keys, at, prefix)) {
          at += prefix.length;
          stripped = true;
        }
      }
    }
    for (const template of this.templates) {
      if (!startsWith(keys, at, template.before)) continue;
      const from = at + template.before.length;
      if (!template.request) {
        if (from === end || from === keys.length) return { kind: 'launch' };
        continue;
      }
      if (template.after.length === 0) return from < keys.length ? { kind: 'one-shot', start: from, end: keys.length } : { kind: 'launch' };
      // "{request} from cave quest", maybe followed by "please".
      for (let to = keys.length; to >= end; to--) {
        const afterStart = to - template.after.length;
        if (afterStart > from && startsWith(keys, afterStart, template.after)) return { kind: 'one-shot', start: from, end: afterStart };
      }
    }
    return null;
  }
}
