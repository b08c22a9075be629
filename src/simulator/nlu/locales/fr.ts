/**
 * French (fr-FR, fr-CA). Entries marked `// ?` are our guess, not Amazon's published list.
 * Numbers: digits, the words up to "quatre-vingt-dix-neuf" (70–99 are listed because French
 * counts them in twenties), "cent", "mille".
 */
import type { PhraseTable } from './phrase-table';

const units: Record<string, number> = {
  'zéro': 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9,
  dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16,
  vingt: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60,
  'soixante dix': 70, 'soixante et onze': 71, 'quatre vingt': 80, 'quatre vingts': 80, 'quatre vingt dix': 90,
};
// 72–76 and 91–96 are "soixante-douze", "quatre-vingt-onze": twenty-based, so listed.
const teens: Record<string, number> = { onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16 };
for (const [teen, value] of Object.entries(teens)) {
  if (value > 11) units[`soixante ${teen}`] = 60 + value;
  units[`quatre vingt ${teen}`] = 80 + value;
}

export const french: PhraseTable = {
  builtIns: {
    'AMAZON.StopIntent': ['stop', 'arrête', 'arrête toi', 'tais toi' /* ? */, 'silence' /* ? */],
    'AMAZON.CancelIntent': ['annuler', 'annule', 'laisse tomber', 'oublie' /* ? */, 'peu importe' /* ? */],
    'AMAZON.HelpIntent': ['aide', 'aide moi', 'à l\'aide', 'que puis je faire' /* ? */, 'que puis je dire' /* ? */],
    'AMAZON.YesIntent': ['oui', 'ouais', 'd\'accord', 'ok', 'okay', 'bien sûr', 'oui s\'il te plaît', 'oui s\'il vous plaît', 'volontiers' /* ? */, 'absolument' /* ? */],
    'AMAZON.NoIntent': ['non', 'non merci', 'pas maintenant', 'nan' /* ? */],
    'AMAZON.NavigateHomeIntent': ['accueil' /* ? */, 'retour à l\'accueil' /* ? */],
    'AMAZON.RepeatIntent': ['répète', 'répéter', 'redis' /* ? */],
    'AMAZON.StartOverIntent': ['recommencer', 'recommence', 'on recommence' /* ? */],
    'AMAZON.NextIntent': ['suivant', 'suivante', 'passe' /* ? */],
    'AMAZON.PreviousIntent': ['précédent', 'précédente', 'retour' /* ? */],
    'AMAZON.PauseIntent': ['pause', 'mets en pause' /* ? */],
    'AMAZON.ResumeIntent': ['reprendre', 'reprends', 'continue', 'continuer'],
    'AMAZON.MoreIntent': ['plus' /* ? */, 'encore' /* ? */],
  },
  wakeWords: ['alexa', 'echo', 'computer', 'amazon', 'ziggy'],
  prefixes: ['s\'il te plaît', 's\'il vous plaît', 'peux tu'],
  invocationArticles: [],
  launch: [
    'ouvre {invocation}', 'ouvrir {invocation}', 'lance {invocation}', 'lancer {invocation}',
    'démarre {invocation}', 'joue {invocation}', 'joue à {invocation}', 'parle à {invocation}',
    'demande à {invocation}', 'utilise {invocation}' /* ? */,
  ],
  oneShot: [
    'demande à {invocation} de {request}', 'demande à {invocation} si {request}', 'demande à {invocation} {request}',
    'dis à {invocation} de {request}', 'dis à {invocation} que {request}',
    'ouvre {invocation} et {request}', 'lance {invocation} et {request}',
    '{request} avec {invocation}' /* ? */,
  ],
  exit: ['quitter', 'quitte' /* ? */],
  fillers: ['s\'il', 'te', 'vous', 'plaît', 'euh', 'hum', 'bon', 'alors', 'je', 'voudrais', 'veux', 'merci'],
  articles: ['le', 'la', 'les', 'un', 'une', 'des', 'du', 'de', 'mon', 'ma', 'mes', 'l\''],
  numbers: {
    units,
    multipliers: { cent: 100, cents: 100 },
    scales: { mille: 1_000, million: 1_000_000, millions: 1_000_000, milliard: 1_000_000_000, milliards: 1_000_000_000 },
    joiners: ['et'],
    minus: ['moins'],
  },
};
