/**
 * English (en-US, en-GB, en-AU, en-CA, en-IN).
 *
 * Built-in phrasings: Amazon's "Standard built-in intents" list
 * (https://developer.amazon.com/en-US/docs/alexa/custom-skills/standard-built-in-intents.html),
 * plus common variants; entries marked `// ?` are our guess.
 * Invocation phrases: "Understand how users invoke custom skills"
 * (https://developer.amazon.com/en-US/docs/alexa/custom-skills/understanding-how-users-invoke-custom-skills.html).
 * "exit" and "quit" are not StopIntent: Alexa ends the session itself and sends a
 * SessionEndedRequest (request types reference, SessionEndedRequest).
 */
import type { PhraseTable } from './phrase-table';

const units: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

export const english: PhraseTable = {
  builtIns: {
    'AMAZON.StopIntent': ['stop', 'off', 'shut up', 'be quiet', 'stop it', 'stop that'],
    'AMAZON.CancelIntent': ['cancel', 'never mind', 'nevermind', 'forget it', 'cancel that'],
    'AMAZON.HelpIntent': [
      'help', 'help me', 'can you help me', 'what can i do', 'what can i say',
      'i need help', // ?
      'how does this work', // ?
    ],
    'AMAZON.YesIntent': [
      'yes', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'yes please', 'sure thing', 'of course',
      'absolutely', 'certainly', // ?
    ],
    'AMAZON.NoIntent': ['no', 'nope', 'no thanks', 'no thank you', 'not now', 'nah', 'no way' /* ? */],
    'AMAZON.NavigateHomeIntent': ['go home', 'home'],
    'AMAZON.RepeatIntent': ['repeat', 'repeat that', 'say that again', 'say it again', 'again' /* ? */],
    'AMAZON.StartOverIntent': ['start over', 'restart', 'start again', 'begin again' /* ? */],
    'AMAZON.NextIntent': ['next', 'skip', 'skip forward', 'next one' /* ? */],
    'AMAZON.PreviousIntent': ['previous', 'go back', 'back', 'skip back', 'back up'],
    'AMAZON.PauseIntent': ['pause', 'pause that', 'hold on' /* ? */],
    'AMAZON.ResumeIntent': ['resume', 'continue', 'keep going'],
    'AMAZON.MoreIntent': ['more', 'tell me more', 'show me more' /* ? */],
  },
  wakeWords: ['alexa', 'echo', 'computer', 'amazon', 'ziggy'],
  prefixes: ['can you', 'could you', 'please', "let's", 'i want to', 'i wanna', "i'd like to", 'i would like to'],
  invocationArticles: ['the'],
  launch: [
    'open {invocation}', 'start {invocation}', 'launch {invocation}', 'play {invocation}',
    'talk to {invocation}', 'begin {invocation}', 'load {invocation}', 'run {invocation}',
    'resume {invocation}', 'use {invocation}', 'ask {invocation}', 'tell {invocation}',
    'start playing {invocation}', 'play the game {invocation}', 'start the game {invocation}',
    'do {invocation}',
  ],
  oneShot: [
    'ask {invocation} to {request}', 'ask {invocation} for {request}', 'ask {invocation} about {request}',
    'ask {invocation} if {request}', 'ask {invocation} whether {request}', 'ask {invocation} {request}',
    'tell {invocation} to {request}', 'tell {invocation} that {request}', 'tell {invocation} {request}',
    'open {invocation} and {request}', 'open {invocation} to {request}',
    'start {invocation} and {request}', 'launch {invocation} and {request}',
    'use {invocation} to {request}', 'use {invocation} and {request}',
    'talk to {invocation} about {request}',
    '{request} using {invocation}', '{request} with {invocation}', '{request} from {invocation}',
  ],
  exit: ['exit', 'quit'],
  fillers: [
    'i', "i'd", "i'm", 'please', 'um', 'uh', 'er', 'erm', 'hmm', 'so', 'well', 'hey', 'oh', 'just',
    'can', 'could', 'would', 'will', 'you', "let's", 'want', 'wanna', 'to', 'like', 'thanks', 'thank',
    'now', 'then', 'the', 'a', 'an',
  ],
  articles: ['the', 'a', 'an', 'my', 'this', 'that'],
  numbers: {
    units,
    multipliers: { hundred: 100 },
    scales: { thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 },
    joiners: ['and'],
    one: ['a', 'an'],
    minus: ['minus', 'negative'],
  },
};
