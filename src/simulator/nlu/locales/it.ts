/**
 * Italian (it-IT). Entries marked `// ?` are our guess, not Amazon's published list.
 * Numbers: digits, the words up to "novantanove" (compounds such as "ventuno" are generated),
 * "cento", "mille"/"mila".
 */
import type { PhraseTable } from './phrase-table';

const ones: Record<string, number> = {
  uno: 1, due: 2, tre: 3, quattro: 4, cinque: 5, sei: 6, sette: 7, otto: 8, nove: 9,
};
const tens: Record<string, number> = {
  venti: 20, trenta: 30, quaranta: 40, cinquanta: 50, sessanta: 60, settanta: 70, ottanta: 80, novanta: 90,
};
const units: Record<string, number> = {
  zero: 0, un: 1, una: 1, ...ones,
  dieci: 10, undici: 11, dodici: 12, tredici: 13, quattordici: 14, quindici: 15, sedici: 16,
  diciassette: 17, diciotto: 18, diciannove: 19, ...tens,
};
// "ventuno", "ventotto": the tens drop their last vowel before uno and otto.
for (const [ten, t] of Object.entries(tens)) {
  for (const [one, o] of Object.entries(ones)) {
    units[o === 1 || o === 8 ? ten.slice(0, -1) + one : ten + one] = t + o;
  }
}

export const italian: PhraseTable = {
  builtIns: {
    'AMAZON.StopIntent': ['stop', 'basta', 'fermati', 'smettila' /* ? */],
    'AMAZON.CancelIntent': ['annulla', 'cancella', 'lascia perdere', 'non importa' /* ? */, 'lascia stare' /* ? */],
    'AMAZON.HelpIntent': ['aiuto', 'aiutami', 'cosa posso fare' /* ? */, 'cosa posso dire' /* ? */],
    'AMAZON.YesIntent': ['sì', 'certo', 'ok', 'okay', 'va bene', 'sì grazie', 'd\'accordo', 'volentieri' /* ? */],
    'AMAZON.NoIntent': ['no', 'no grazie', 'non ora', 'non adesso' /* ? */],
    'AMAZON.NavigateHomeIntent': ['home' /* ? */, 'vai alla home' /* ? */],
    'AMAZON.RepeatIntent': ['ripeti', 'ripetere', 'di nuovo' /* ? */],
    'AMAZON.StartOverIntent': ['ricomincia', 'ricominciare', 'da capo' /* ? */],
    'AMAZON.NextIntent': ['avanti', 'successivo', 'prossimo' /* ? */],
    'AMAZON.PreviousIntent': ['indietro', 'precedente'],
    'AMAZON.PauseIntent': ['pausa', 'metti in pausa' /* ? */],
    'AMAZON.ResumeIntent': ['riprendi', 'continua'],
    'AMAZON.MoreIntent': ['di più' /* ? */, 'altro' /* ? */],
  },
  wakeWords: ['alexa', 'echo', 'computer', 'amazon', 'ziggy'],
  prefixes: ['per favore', 'puoi'],
  invocationArticles: [],
  launch: [
    'apri {invocation}', 'avvia {invocation}', 'lancia {invocation}' /* ? */, 'gioca a {invocation}',
    'parla con {invocation}', 'chiedi a {invocation}', 'domanda a {invocation}', 'usa {invocation}' /* ? */,
  ],
  oneShot: [
    'chiedi a {invocation} di {request}', 'chiedi a {invocation} se {request}', 'chiedi a {invocation} {request}',
    'domanda a {invocation} {request}', 'apri {invocation} e {request}', 'avvia {invocation} e {request}',
  ],
  exit: ['esci', 'uscire' /* ? */],
  fillers: ['per', 'favore', 'ehm', 'allora', 'beh', 'grazie', 'vorrei', 'voglio', 'io'],
  articles: ['il', 'lo', 'la', 'i', 'gli', 'le', 'un', 'uno', 'una', 'mio', 'mia', 'l\'', 'un\''],
  numbers: {
    units,
    multipliers: { cento: 100 },
    scales: { mille: 1_000, mila: 1_000, milione: 1_000_000, milioni: 1_000_000 },
    joiners: ['e'],
    minus: ['meno'],
  },
};
