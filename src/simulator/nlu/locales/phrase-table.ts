/**
 * What one language contributes to the NLU: the built-in intents' usual phrasings, how users
 * invoke a skill, and the small words the matcher may skip. One data file per language
 * (en.ts, de.ts, …); `tableFor(locale)` picks one.
 */
import type { NumberWords } from '../numbers';

/** Built-in intents the NLU knows phrasings for. The model still has to declare them. */
export type BuiltInIntent =
  | 'AMAZON.StopIntent'
  | 'AMAZON.CancelIntent'
  | 'AMAZON.HelpIntent'
  | 'AMAZON.YesIntent'
  | 'AMAZON.NoIntent'
  | 'AMAZON.NavigateHomeIntent'
  | 'AMAZON.RepeatIntent'
  | 'AMAZON.StartOverIntent'
  | 'AMAZON.NextIntent'
  | 'AMAZON.PreviousIntent'
  | 'AMAZON.PauseIntent'
  | 'AMAZON.ResumeIntent'
  | 'AMAZON.MoreIntent';

export interface PhraseTable {
  /** Phrasings per built-in intent, matched like the model's own samples (after them). */
  builtIns: Readonly<Partial<Record<BuiltInIntent, readonly string[]>>>;
  /** Said first and ignored: "alexa, open cave quest". */
  wakeWords: readonly string[];
  /** May stand before a whole invocation phrase: "can you open cave quest". */
  prefixes: readonly string[];
  /** May stand right before the invocation name: "open the cave quest". */
  invocationArticles: readonly string[];
  /** Invoke with no request → LaunchRequest. `{invocation}` is the invocation name. */
  launch: readonly string[];
  /**
   * Invoke and ask at once → IntentRequest for `{request}`. Tried in order, first match wins, so
   * put "ask {invocation} to {request}" before "ask {invocation} {request}".
   */
  oneShot: readonly string[];
  /** Alexa itself closes the session: SessionEndedRequest, reason USER_INITIATED. */
  exit: readonly string[];
  /**
   * Words that may be skipped at the very start or end of an utterance ("i", "please"); a sample
   * that says them literally still ranks higher. Must not be a built-in phrase on its own.
   */
  fillers: readonly string[];
  /**
   * Words a slot value may start with that entity resolution ignores ("the cave quest" resolves
   * to Cave Quest). An entry ending in an apostrophe is an elided article glued to the next word
   * (French and Italian "l'").
   */
  articles: readonly string[];
  /** AMAZON.NUMBER words; digits are always numbers. */
  numbers: NumberWords;
}
