/**
 * Spanish (es-ES, es-MX, es-US). Entries marked `// ?` are our guess, not Amazon's published list.
 * Numbers: digits, the words up to "novecientos", "mil".
 */
import type { PhraseTable } from './phrase-table';

const units: Record<string, number> = {
  cero: 0, uno: 1, un: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9,
  diez: 10, once: 11, doce: 12, trece: 13, catorce: 14, quince: 15,
  'dieciséis': 16, diecisiete: 17, dieciocho: 18, diecinueve: 19,
  veinte: 20, veintiuno: 21, 'veintidós': 22, 'veintitrés': 23, veinticuatro: 24, veinticinco: 25,
  'veintiséis': 26, veintisiete: 27, veintiocho: 28, veintinueve: 29,
  treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90,
  cien: 100, ciento: 100, doscientos: 200, trescientos: 300, cuatrocientos: 400, quinientos: 500,
  seiscientos: 600, setecientos: 700, ochocientos: 800, novecientos: 900,
};

export const spanish: PhraseTable = {
  builtIns: {
    'AMAZON.StopIntent': ['para', 'detente', 'basta', 'stop', 'alto' /* ? */, 'cállate' /* ? */],
    'AMAZON.CancelIntent': ['cancelar', 'cancela', 'olvídalo', 'no importa' /* ? */, 'déjalo' /* ? */],
    'AMAZON.HelpIntent': ['ayuda', 'ayúdame', 'qué puedo hacer' /* ? */, 'qué puedo decir' /* ? */],
    'AMAZON.YesIntent': ['sí', 'vale', 'claro', 'ok', 'okey', 'de acuerdo', 'sí por favor', 'por supuesto', 'venga' /* ? */],
    'AMAZON.NoIntent': ['no', 'no gracias', 'ahora no', 'nop' /* ? */],
    'AMAZON.NavigateHomeIntent': ['inicio' /* ? */, 'ir al inicio' /* ? */],
    'AMAZON.RepeatIntent': ['repite', 'repetir', 'otra vez' /* ? */],
    'AMAZON.StartOverIntent': ['empezar de nuevo', 'vuelve a empezar' /* ? */, 'reiniciar' /* ? */],
    'AMAZON.NextIntent': ['siguiente', 'próximo' /* ? */],
    'AMAZON.PreviousIntent': ['anterior', 'atrás' /* ? */],
    'AMAZON.PauseIntent': ['pausa', 'pausar' /* ? */],
    'AMAZON.ResumeIntent': ['continúa', 'continuar', 'reanudar' /* ? */],
    'AMAZON.MoreIntent': ['más' /* ? */],
  },
  wakeWords: ['alexa', 'echo', 'computer', 'amazon', 'ziggy'],
  prefixes: ['por favor', 'puedes'],
  invocationArticles: [],
  launch: [
    'abre {invocation}', 'abrir {invocation}', 'inicia {invocation}', 'empieza {invocation}',
    'juega {invocation}', 'juega a {invocation}', 'pon {invocation}', 'lanza {invocation}' /* ? */,
    'habla con {invocation}', 'pregunta a {invocation}', 'usa {invocation}' /* ? */,
  ],
  oneShot: [
    'pregunta a {invocation} por {request}', 'pregunta a {invocation} si {request}', 'pregunta a {invocation} {request}',
    'dile a {invocation} que {request}', 'pide a {invocation} que {request}', 'pídele a {invocation} que {request}',
    'abre {invocation} y {request}', '{request} en {invocation}' /* ? */, '{request} con {invocation}' /* ? */,
  ],
  exit: ['salir', 'sal' /* ? */],
  fillers: ['por', 'favor', 'eh', 'em', 'pues', 'bueno', 'quiero', 'gracias', 'yo'],
  articles: ['el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'mi', 'mis'],
  numbers: {
    units,
    scales: { mil: 1_000, 'millón': 1_000_000, millones: 1_000_000 },
    joiners: ['y'],
    minus: ['menos'],
  },
};
