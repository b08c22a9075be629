/**
 * Everything Space Trivia says, in English and German. Product names come from the Monetization
 * service (in the request's language); this file only knows how to put them in a sentence.
 *
 * House rules, because certification checks them: no price and no price words anywhere (Alexa says
 * the price in her own purchase dialog), and no error words ("error", "problem", "try again",
 * "went wrong"): a purchase that fails is still a normal turn of the game.
 */
export type Language = 'en' | 'de';

export function languageOf(locale: string): Language {
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** A product as a sentence needs it: its reference name and its name in the request's language. */
export interface Named {
  referenceName: string;
  name: string;
}

type Case = 'nom' | 'acc' | 'dat';

/** German articles depend on the noun: the Star Club is "der Sternenclub", the packs are neuter. */
const GERMAN_GENDER: Readonly<Record<string, 'm' | 'n'>> = { star_club: 'm', galaxy_pack: 'n', clue_pack: 'n' };
const GERMAN_ARTICLES = { m: { nom: 'der', acc: 'den', dat: 'dem' }, n: { nom: 'das', acc: 'das', dat: 'dem' } } as const;

function german(product: Named, grammaticalCase: Case): string {
  return `${GERMAN_ARTICLES[GERMAN_GENDER[product.referenceName] ?? 'n'][grammaticalCase]} ${product.name}`;
}

function english(product: Named): string {
  return `the ${product.name}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Joins the parts that are there into one utterance. */
export function sentences(...parts: (string | undefined)[]): string {
  return parts.filter((part) => part !== undefined && part !== '').join(' ');
}

function list(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

export interface Lines {
  welcome: string;
  whatNext: string;
  okay: string;
  help(canShop: boolean): string;
  goodbye: string;
  notUnderstood: string;
  didNotWork: string;

  trueOrFalse(question: string): string;
  roundIntro: { planets: string; galaxies: string; daily: string };
  /** The next question of a round, after an answer. */
  nextIntro: { planets: string; galaxies: string; daily: string };
  noOpenQuestion: string;
  answerTrueOrFalse: string;
  correct: string;
  notQuite(answer: boolean): string;
  clue(clue: string, left: number): string;
  clueCount(count: number): string;
  outOfClues: string;
  /** Out of clues, where a Clue Pack cannot be offered (off sale, voice purchasing off). */
  noClues: string;
  backToQuestion: string;
  /** After a count: no question text, so the only number said is the count. */
  repeatHint: string;

  locked(round: 'galaxies' | 'daily', available: boolean): string;
  upsell: Readonly<Record<string, string>>;
  howToUse(product: Named): string;

  shopList(products: readonly Named[]): string;
  ownsEverything: string;
  shopEmpty: string;
  whichProduct(products: readonly Named[], unknown: boolean): string;
  owned(products: readonly Named[], clues: number): string;
  /** What a product is; `not-by-voice`: for sale, but voice purchasing is off, so no question to buy. */
  details(product: Named, summary: string, state: 'owned' | 'for-sale' | 'not-by-voice' | 'unavailable', clues?: number): string;
  alreadyOwned(product: Named): string;
  alreadyHave(product: Named): string;
  notAvailable(product: Named): string;
  voicePurchasingOff: string;
  whichRefund(owned: readonly Named[]): string;

  /** After buying an entitlement or subscription, before its content. */
  enjoy(product: Named): string;
  /** After buying a Clue Pack. */
  cluesNow(count: number): string;
  declined: string;
  pending(product: Named): string;
  purchaseFailed: string;
  keepPlaying: string;
  cancelled(product: Named, subscription: boolean): string;
  kept(product: Named): string;
  notOwned(product: Named, subscription: boolean): string;
  requestFailed: string;
}

const EN: Lines = {
  welcome:
    'Welcome to Space Trivia! I ask true or false questions about space. Planet questions are free: just say play. ' +
    'There\'s more in the shop: ask what you can buy. What would you like?',
  whatNext: 'Say play for planet questions, or help for more.',
  okay: 'Okay.',
  help: (canShop) =>
    'Space Trivia asks true or false questions about space: answer with true or false. Planet questions are free: say play. ' +
    'During a question, say use a clue to hear a hint. ' +
    (canShop ? 'To hear what\'s in the shop, ask what you can buy; to hear what you have, ask what did I buy. ' : '') +
    'What would you like?',
  goodbye: 'Thanks for playing Space Trivia. See you among the stars!',
  notUnderstood: 'I didn\'t catch that. Say play for planet questions, or help to hear what I can do.',
  didNotWork: 'That didn\'t work just now. Let\'s keep playing: say play for planet questions.',

  trueOrFalse: (question) => `True or false: ${question}`,
  roundIntro: {
    planets: 'Here\'s a planet question.',
    galaxies: 'Here\'s a galaxy question.',
    daily: 'Here\'s today\'s challenge.',
  },
  nextIntro: {
    planets: 'Next question.',
    galaxies: 'Next galaxy question.',
    daily: 'Here\'s another challenge.',
  },
  noOpenQuestion: 'Let\'s start with a question.',
  answerTrueOrFalse: 'Just say true or false.',
  correct: 'Correct!',
  notQuite: (answer) => `Not quite: it's ${answer ? 'true' : 'false'}.`,
  clue: (clue, left) => `Here's your clue: ${clue} You have ${left} ${left === 1 ? 'clue' : 'clues'} left.`,
  clueCount: (count) => `You have ${count} ${count === 1 ? 'clue' : 'clues'}.`,
  outOfClues: 'You\'re out of clues. A Clue Pack holds five more; say buy clues whenever you like.',
  noClues: 'You\'re out of clues.',
  backToQuestion: 'Back to your question.',
  repeatHint: 'Say repeat to hear your question again.',

  locked: (round, available) =>
    round === 'galaxies'
      ? available
        ? 'Galaxy questions come with the Galaxy Pack; ask me about it any time. For now, here\'s a planet question.'
        : 'Galaxy questions aren\'t available right now. Here\'s a planet question instead.'
      : available
        ? 'The daily challenge is for members of the Star Club; ask me about it any time. For now, here\'s a planet question.'
        : 'The daily challenge isn\'t available right now. Here\'s a planet question instead.',
  upsell: {
    galaxy_pack: 'Galaxy questions come with the Galaxy Pack: spiral arms, black holes and our neighbor galaxies. Want to hear more about it?',
    star_club: 'The daily challenge is for members of the Star Club, with a new challenge every day. Would you like to hear more?',
    clue_pack: 'You\'re out of clues. Want to hear how to get five more with a Clue Pack?',
  },
  howToUse: (product) =>
    product.referenceName === 'galaxy_pack' ? 'Say galaxy questions to play them.'
      : product.referenceName === 'star_club' ? 'Say daily challenge to play it.'
        : 'Say use a clue when a question stumps you.',

  shopList: (products) =>
    `You can get ${list(products.map(english), 'and')}. Which one would you like to hear more about?`,
  ownsEverything: 'You already have everything Space Trivia offers. Say galaxy questions or daily challenge to play.',
  shopEmpty: 'There\'s nothing in the shop right now. Say play for planet questions.',
  whichProduct: (products, unknown) =>
    (unknown ? 'I don\'t know that one. ' : '') +
    (products.length > 0 ? `You can get ${list(products.map(english), 'or')}. Which one would you like?` : 'You already have everything Space Trivia offers. What would you like to play?'),
  owned: (products, clues) =>
    (products.length > 0 ? `You own ${list(products.map(english), 'and')}. ` : clues > 0 ? '' : 'You haven\'t bought anything yet. ') +
    `You have ${clues} ${clues === 1 ? 'clue' : 'clues'}.`,
  details: (product, summary, state, clues) => {
    const count = clues === undefined ? undefined : EN.clueCount(clues);
    switch (state) {
      case 'unavailable': return `${summary} The ${product.name} isn't available right now. What would you like to do instead?`;
      case 'owned': return `${summary} You already have the ${product.name}. ${EN.howToUse(product)}`;
      case 'not-by-voice': return sentences(summary, count, EN.whatNext);
      case 'for-sale': return sentences(summary, count, clues === undefined ? 'Would you like to buy it?' : `Would you like to buy a ${product.name}?`);
    }
  },
  alreadyOwned: (product) => `You already have the ${product.name}. ${EN.howToUse(product)}`,
  alreadyHave: (product) => `You already have the ${product.name}.`,
  notAvailable: (product) => `The ${product.name} isn't available right now. Say play for planet questions.`,
  voicePurchasingOff: 'Shopping by voice is turned off for this account; you can turn it on in the Alexa app. Meanwhile, say play for planet questions.',
  whichRefund: (owned) =>
    owned.length > 0
      ? `Which one would you like to return? You have ${list(owned.map(english), 'and')}.`
      : 'You haven\'t bought anything, so there\'s nothing to return. Say play for planet questions.',

  enjoy: (product) => (product.referenceName === 'star_club' ? `Welcome to the ${product.name}!` : `Enjoy the ${product.name}!`),
  cluesNow: (count) => `You have ${count} ${count === 1 ? 'clue' : 'clues'} now.`,
  declined: 'Okay, maybe another time.',
  pending: (product) => `Your request for the ${product.name} is waiting for approval.`,
  purchaseFailed: 'That purchase didn\'t go through.',
  keepPlaying: 'Okay.',
  cancelled: (product, subscription) =>
    subscription
      ? `Okay, your ${product.name} membership is cancelled. You can keep playing the daily challenge until the current period ends.`
      : 'Okay, Amazon will take care of your return.',
  kept: (product) => `Okay, you keep the ${product.name}.`,
  notOwned: (product, subscription) => `You don't have the ${product.name}, so there's nothing to ${subscription ? 'cancel' : 'return'}.`,
  requestFailed: 'That request didn\'t go through.',
};

const DE: Lines = {
  welcome:
    'Willkommen bei Weltraum Quiz! Ich stelle dir Wahr-oder-falsch-Fragen über den Weltraum. Die Planetenfragen sind kostenlos: sag einfach spielen. ' +
    'Im Laden gibt es noch mehr: frag, was du kaufen kannst. Was möchtest du?',
  whatNext: 'Sag spielen für Planetenfragen, oder Hilfe für mehr.',
  okay: 'Alles klar.',
  help: (canShop) =>
    'Weltraum Quiz stellt dir Wahr-oder-falsch-Fragen über den Weltraum: antworte mit wahr oder falsch. Die Planetenfragen sind kostenlos: sag spielen. ' +
    'Sag bei einer Frage benutze einen Tipp, um einen Hinweis zu hören. ' +
    (canShop ? 'Was es im Laden gibt, hörst du, wenn du fragst, was du kaufen kannst; was dir gehört, wenn du fragst, was du gekauft hast. ' : '') +
    'Was möchtest du?',
  goodbye: 'Danke fürs Spielen von Weltraum Quiz. Bis bald zwischen den Sternen!',
  notUnderstood: 'Das habe ich nicht verstanden. Sag spielen für Planetenfragen, oder Hilfe, um zu hören, was ich kann.',
  didNotWork: 'Das hat gerade nicht geklappt. Lass uns weiterspielen: sag spielen für Planetenfragen.',

  trueOrFalse: (question) => `Wahr oder falsch: ${question}`,
  roundIntro: {
    planets: 'Hier ist eine Planetenfrage.',
    galaxies: 'Hier ist eine Galaxienfrage.',
    daily: 'Hier ist die Herausforderung des Tages.',
  },
  nextIntro: {
    planets: 'Nächste Frage.',
    galaxies: 'Nächste Galaxienfrage.',
    daily: 'Hier ist eine weitere Herausforderung.',
  },
  noOpenQuestion: 'Fangen wir mit einer Frage an.',
  answerTrueOrFalse: 'Sag einfach wahr oder falsch.',
  correct: 'Richtig!',
  notQuite: (answer) => `Leider nicht: Es ist ${answer ? 'wahr' : 'falsch'}.`,
  clue: (clue, left) => `Hier ist dein Tipp: ${clue} Du hast noch ${left} ${left === 1 ? 'Tipp' : 'Tipps'}.`,
  clueCount: (count) => `Du hast ${count} ${count === 1 ? 'Tipp' : 'Tipps'}.`,
  outOfClues: 'Du hast keine Tipps mehr. Ein Tipp-Paket enthält fünf neue; sag kaufe Tipps, wann immer du möchtest.',
  noClues: 'Du hast keine Tipps mehr.',
  backToQuestion: 'Zurück zu deiner Frage.',
  repeatHint: 'Sag wiederholen, um deine Frage noch einmal zu hören.',

  locked: (round, available) =>
    round === 'galaxies'
      ? available
        ? 'Die Galaxienfragen gehören zum Galaxienpaket; frag mich jederzeit danach. Hier ist erst einmal eine Planetenfrage.'
        : 'Die Galaxienfragen gibt es gerade nicht. Hier ist stattdessen eine Planetenfrage.'
      : available
        ? 'Die tägliche Herausforderung gibt es für Mitglieder des Sternenclubs; frag mich jederzeit danach. Hier ist erst einmal eine Planetenfrage.'
        : 'Die tägliche Herausforderung gibt es gerade nicht. Hier ist stattdessen eine Planetenfrage.',
  upsell: {
    galaxy_pack: 'Die Galaxienfragen gehören zum Galaxienpaket: Spiralarme, Schwarze Löcher und unsere Nachbargalaxien. Möchtest du mehr darüber hören?',
    star_club: 'Die tägliche Herausforderung gibt es für Mitglieder des Sternenclubs, jeden Tag eine neue. Möchtest du mehr darüber hören?',
    clue_pack: 'Du hast keine Tipps mehr. Möchtest du hören, wie du mit einem Tipp-Paket fünf neue bekommst?',
  },
  howToUse: (product) =>
    product.referenceName === 'galaxy_pack' ? 'Sag Galaxienfragen, um sie zu spielen.'
      : product.referenceName === 'star_club' ? 'Sag tägliche Herausforderung, um sie zu spielen.'
        : 'Sag benutze einen Tipp, wenn dich eine Frage ins Grübeln bringt.',

  shopList: (products) =>
    `Du kannst ${list(products.map((p) => german(p, 'acc')), 'und')} bekommen. Worüber möchtest du mehr hören?`,
  ownsEverything: 'Du hast schon alles, was Weltraum Quiz anbietet. Sag Galaxienfragen oder tägliche Herausforderung, um zu spielen.',
  shopEmpty: 'Im Laden gibt es gerade nichts. Sag spielen für Planetenfragen.',
  whichProduct: (products, unknown) =>
    (unknown ? 'Das kenne ich leider nicht. ' : '') +
    (products.length > 0 ? `Du kannst ${list(products.map((p) => german(p, 'acc')), 'oder')} bekommen. Was möchtest du?` : 'Du hast schon alles, was Weltraum Quiz anbietet. Was möchtest du spielen?'),
  owned: (products, clues) =>
    (products.length > 0 ? `Dir ${products.length === 1 ? 'gehört' : 'gehören'} ${list(products.map((p) => german(p, 'nom')), 'und')}. ` : clues > 0 ? '' : 'Du hast noch nichts gekauft. ') +
    `Du hast ${clues} ${clues === 1 ? 'Tipp' : 'Tipps'}.`,
  details: (product, summary, state, clues) => {
    const count = clues === undefined ? undefined : DE.clueCount(clues);
    switch (state) {
      case 'unavailable': return `${summary} ${capitalized(german(product, 'nom'))} ist gerade nicht erhältlich. Was möchtest du stattdessen tun?`;
      case 'owned': return `${summary} ${capitalized(german(product, 'nom'))} gehört dir schon. ${DE.howToUse(product)}`;
      case 'not-by-voice': return sentences(summary, count, DE.whatNext);
      case 'for-sale': return sentences(summary, count, clues === undefined ? `Möchtest du ${german(product, 'acc')} kaufen?` : `Möchtest du ein ${product.name} kaufen?`);
    }
  },
  alreadyOwned: (product) => `${capitalized(german(product, 'nom'))} gehört dir schon. ${DE.howToUse(product)}`,
  alreadyHave: (product) => `${capitalized(german(product, 'nom'))} gehört dir schon.`,
  notAvailable: (product) => `${capitalized(german(product, 'nom'))} ist gerade nicht erhältlich. Sag spielen für Planetenfragen.`,
  voicePurchasingOff: 'Einkaufen per Sprache ist für dieses Konto ausgeschaltet; du kannst es in der Alexa App einschalten. Sag so lange spielen für Planetenfragen.',
  whichRefund: (owned) =>
    owned.length > 0
      ? `Was möchtest du zurückgeben? Dir ${owned.length === 1 ? 'gehört' : 'gehören'} ${list(owned.map((p) => german(p, 'nom')), 'und')}.`
      : 'Du hast nichts gekauft, also gibt es nichts zurückzugeben. Sag spielen für Planetenfragen.',

  enjoy: (product) => (product.referenceName === 'star_club' ? `Willkommen im ${product.name}!` : `Viel Spaß mit ${german(product, 'dat')}!`),
  cluesNow: (count) => `Du hast jetzt ${count} ${count === 1 ? 'Tipp' : 'Tipps'}.`,
  declined: 'Okay, vielleicht ein andermal.',
  pending: (product) => `Deine Anfrage für ${german(product, 'acc')} wartet auf Freigabe.`,
  purchaseFailed: 'Der Kauf hat nicht geklappt.',
  keepPlaying: 'Alles klar.',
  cancelled: (product, subscription) =>
    subscription
      ? `Okay, deine Mitgliedschaft im ${product.name} ist gekündigt. Die tägliche Herausforderung kannst du bis zum Ende des laufenden Zeitraums weiterspielen.`
      : 'Okay, Amazon kümmert sich um deine Rückgabe.',
  kept: (product) => `Okay, ${german(product, 'acc')} behältst du.`,
  notOwned: (product, subscription) =>
    `${capitalized(german(product, 'acc'))} hast du nicht, also gibt es nichts zu ${subscription ? 'kündigen' : 'erstatten'}.`,
  requestFailed: 'Das hat nicht geklappt.',
};

export function linesFor(locale: string): Lines {
  return languageOf(locale) === 'de' ? DE : EN;
}

/** The lines in the language of the request a handler answers. */
export function speechFor(context: { getLocale(): string }): Lines {
  return linesFor(context.getLocale());
}
