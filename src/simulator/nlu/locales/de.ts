/**
 * German (de-DE, de-AT, de-CH). Entries marked `// ?` are our guess, not Amazon's published list;
 * the rest are the words every German Alexa user tries first. Numbers: digits, the words up to
 * ninety-nine (compounds such as "einundzwanzig" are generated), "hundert", "tausend".
 */
import type { PhraseTable } from './phrase-table';

const ones: Record<string, number> = {
  ein: 1, zwei: 2, drei: 3, vier: 4, 'fünf': 5, sechs: 6, sieben: 7, acht: 8, neun: 9,
};
const tens: Record<string, number> = {
  zwanzig: 20, 'dreißig': 30, vierzig: 40, 'fünfzig': 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90,
};
const units: Record<string, number> = {
  null: 0, eins: 1, eine: 1, zwo: 2, ...ones,
  zehn: 10, elf: 11, 'zwölf': 12, dreizehn: 13, vierzehn: 14, 'fünfzehn': 15, sechzehn: 16,
  siebzehn: 17, achtzehn: 18, neunzehn: 19, ...tens,
};
// German writes 21 as one word, "einundzwanzig": ones + "und" + tens; and 200 as "zweihundert".
for (const [one, o] of Object.entries(ones)) {
  for (const [ten, t] of Object.entries(tens)) units[`${one}und${ten}`] = t + o;
  units[`${one}hundert`] = o * 100;
}

export const german: PhraseTable = {
  builtIns: {
    'AMAZON.StopIntent': ['stopp', 'stop', 'halt', 'aus', 'sei still' /* ? */, 'ruhe' /* ? */],
    'AMAZON.CancelIntent': ['abbrechen', 'vergiss es', 'macht nichts' /* ? */, 'egal' /* ? */],
    'AMAZON.HelpIntent': ['hilfe', 'hilf mir', 'was kann ich tun' /* ? */, 'was kann ich sagen' /* ? */],
    'AMAZON.YesIntent': ['ja', 'ja bitte', 'klar', 'okay', 'ok', 'gerne', 'sicher' /* ? */, 'natürlich' /* ? */, 'jawohl' /* ? */],
    'AMAZON.NoIntent': ['nein', 'nein danke', 'nee', 'jetzt nicht' /* ? */],
    'AMAZON.NavigateHomeIntent': ['startseite' /* ? */, 'zur startseite' /* ? */],
    'AMAZON.RepeatIntent': ['wiederholen', 'wiederhole das' /* ? */, 'noch einmal' /* ? */, 'nochmal' /* ? */],
    'AMAZON.StartOverIntent': ['von vorne' /* ? */, 'neu starten' /* ? */, 'von vorne anfangen' /* ? */],
    'AMAZON.NextIntent': ['weiter', 'nächste' /* ? */, 'nächster' /* ? */],
    'AMAZON.PreviousIntent': ['zurück', 'vorherige' /* ? */],
    'AMAZON.PauseIntent': ['pause', 'pausieren' /* ? */, 'anhalten' /* ? */],
    'AMAZON.ResumeIntent': ['fortsetzen', 'weitermachen' /* ? */],
    'AMAZON.MoreIntent': ['mehr', 'mehr davon' /* ? */],
  },
  wakeWords: ['alexa', 'echo', 'computer', 'amazon', 'ziggy'],
  prefixes: ['bitte', 'kannst du'],
  invocationArticles: [],
  launch: [
    'öffne {invocation}', 'starte {invocation}', 'spiele {invocation}', 'spiel {invocation}',
    '{invocation} öffnen', '{invocation} starten', 'frage {invocation}', 'frag {invocation}',
    'sprich mit {invocation}', 'benutze {invocation}' /* ? */,
  ],
  oneShot: [
    'frage {invocation} nach {request}', 'frag {invocation} nach {request}',
    'frage {invocation} ob {request}', 'frag {invocation} ob {request}',
    'frage {invocation} {request}', 'frag {invocation} {request}',
    'sage {invocation} {request}', 'sag {invocation} {request}',
    'öffne {invocation} und {request}', 'starte {invocation} und {request}',
    'bitte {invocation} um {request}' /* ? */,
  ],
  exit: ['beenden', 'beende' /* ? */],
  fillers: ['bitte', 'ähm', 'äh', 'hm', 'also', 'mal', 'doch', 'danke', 'ich', 'möchte'],
  articles: ['der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'mein', 'meine'],
  numbers: {
    units,
    multipliers: { hundert: 100 },
    scales: { tausend: 1_000, million: 1_000_000, millionen: 1_000_000, milliarde: 1_000_000_000, milliarden: 1_000_000_000 },
    joiners: ['und'],
    minus: ['minus'],
  },
};
