/**
 * Japanese (ja-JP). Written without spaces: the tokenizer makes each character a word, so these
 * phrases match character by character. Entries marked `// ?` are our guess, not Amazon's
 * published list. No fillers: single characters are too ambiguous to skip.
 * Numbers: digits (full-width too) and kanji numerals (二十一, 三百, 二万).
 */
import type { PhraseTable } from './phrase-table';

export const japanese: PhraseTable = {
  builtIns: {
    'AMAZON.StopIntent': ['ストップ', '止めて', 'やめて', '停止' /* ? */],
    'AMAZON.CancelIntent': ['キャンセル', '取り消し' /* ? */],
    'AMAZON.HelpIntent': ['ヘルプ', '助けて', '使い方を教えて' /* ? */],
    'AMAZON.YesIntent': ['はい', 'うん', 'ええ' /* ? */, 'オッケー', 'いいよ' /* ? */, 'お願いします' /* ? */],
    'AMAZON.NoIntent': ['いいえ', 'いや', 'ううん' /* ? */, '結構です' /* ? */, 'いらない' /* ? */],
    'AMAZON.NavigateHomeIntent': ['ホーム' /* ? */],
    'AMAZON.RepeatIntent': ['もう一度' /* ? */, '繰り返して' /* ? */],
    'AMAZON.StartOverIntent': ['最初から' /* ? */],
    'AMAZON.NextIntent': ['次' /* ? */, '次へ' /* ? */],
    'AMAZON.PreviousIntent': ['前へ' /* ? */, '戻る' /* ? */],
    'AMAZON.PauseIntent': ['一時停止' /* ? */],
    'AMAZON.ResumeIntent': ['再開' /* ? */],
    'AMAZON.MoreIntent': ['もっと' /* ? */],
  },
  wakeWords: ['alexa', 'アレクサ', 'echo', 'computer', 'amazon'],
  prefixes: [],
  invocationArticles: [],
  launch: [
    '{invocation}を開いて', '{invocation}をひらいて', '{invocation}を起動して', '{invocation}を開始',
    '{invocation}を始めて' /* ? */, '{invocation}を開く' /* ? */, '{invocation}をスタート' /* ? */,
  ],
  oneShot: [
    '{invocation}を開いて{request}' /* ? */, '{invocation}で{request}', '{invocation}に{request}',
  ],
  exit: ['終了' /* ? */],
  fillers: [],
  articles: [],
  numbers: {
    units: { '〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 },
    multipliers: { '十': 10, '百': 100, '千': 1_000 },
    scales: { '万': 10_000, '億': 100_000_000 },
  },
};
