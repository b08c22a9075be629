/**
 * What Alexa herself says during the purchase dialog, per locale, in one table so users can adjust
 * it when Amazon changes its wording (`simulator({ dialogLines: { 'en-US': { … } } })`).
 *
 * Sources: alexa-isp-facts.md §6 — wording heard on devices and quoted in Amazon's certification
 * tips and its skill-components repository. Confidence is noted where it is not high. Lines whose
 * real wording is not public are marked "(wording not public)" in a comment and kept plain.
 */

export interface DialogLines {
  /** Entitlement or consumable offer. {description} is purchasePromptDescription. */
  offer: string;
  /** Subscription with a free trial. */
  trialOffer: string;
  /** Subscription without a trial. */
  subscriptionOffer: string;
  bought: string;
  trialStarted: string;
  alreadyOwned: string;
  refund: string;
  cancelSubscriptionConfirm: string;
  subscriptionCancelled: string;
  /** (wording not public) */
  notEntitled: string;
  cannotBuyOnDevice: string;
  /** (wording not public) */
  voicePurchasingOff: string;
  /** (wording not public) Said before repeating a question the answer did not settle. */
  didNotUnderstand: string;
  /** (wording not public) A purchase that failed. */
  purchaseFailed: string;
  /** (wording not public) A cancel or refund that failed. */
  cancelFailed: string;
  /** (wording not public) A child-directed purchase waiting for a parent. */
  pendingApproval: string;
  /** (wording not public) Asked to buy what already waits for a parent's approval. */
  stillPending: string;
  /** Alexa's own line when a skill's response is invalid or the skill fails. */
  skillError: string;
  /** An utterance outside any session that opens no skill. */
  noSkill: string;
  /** "month" / "year" as said in prices. */
  month: string;
  year: string;
}

const EN: DialogLines = {
  offer: '{description} It\'s {price} plus tax. Would you like to buy it?',
  trialOffer:
    '{name} is free for {days} days. Then, you\'ll be charged {price} a {period} plus tax. Cancel anytime. Check the Alexa app for terms. Should I start your free trial?',
  subscriptionOffer: '{description} It\'s {price} a {period} plus tax. Cancel anytime. Would you like to subscribe?',
  bought: 'Great! You now have {name}.',
  trialStarted: 'Great! You\'re signed up.',
  alreadyOwned: 'Good news! You already own that.',
  refund: 'For a refund, check out the link I sent to your Alexa app.',
  // Heard as "with {name} you can {benefit}"; products describe their benefit as a sentence
  // (purchasePromptDescription), so it is read as one.
  cancelSubscriptionConfirm: 'Okay! As a reminder, {benefit} Are you sure you want to cancel your subscription?',
  subscriptionCancelled:
    'Okay, I\'ve canceled {name}, and you\'ll no longer be charged. You can continue to use it until the end of this subscription period.',
  notEntitled: 'You don\'t have {name}.',
  cannotBuyOnDevice: 'Sorry, I am unable to fulfill your request on this device.',
  voicePurchasingOff: 'Sorry, voice purchasing is turned off. You can turn it on in the Alexa app.',
  didNotUnderstand: 'Sorry, I didn\'t get that.',
  purchaseFailed: 'Sorry, I wasn\'t able to complete your purchase.',
  cancelFailed: 'Sorry, I wasn\'t able to complete your request.',
  pendingApproval: 'I\'ve asked the account holder to approve {name}.',
  stillPending: '{name} is still waiting for the account holder\'s approval.',
  skillError: 'There was a problem with the requested skill\'s response.',
  noSkill: 'Sorry, I don\'t know that.',
  month: 'month',
  year: 'year',
};

const DE: DialogLines = {
  ...EN,
  offer: '{description} Es kostet {price} inklusive Mehrwertsteuer. Möchtest du es kaufen?',
  trialOffer:
    '{name} ist {days} Tage lang kostenlos. Danach kostet es {price} pro {period}. Du kannst jederzeit kündigen. Die Bedingungen findest du in der Alexa App. Soll ich deinen kostenlosen Testzeitraum starten?',
  subscriptionOffer: '{description} Es kostet {price} pro {period}. Du kannst jederzeit kündigen. Möchtest du es abonnieren?',
  bought: 'Super! Du hast jetzt {name}.',
  trialStarted: 'Super! Du bist angemeldet.',
  alreadyOwned: 'Gute Nachrichten! Das gehört dir bereits.',
  refund: 'Für eine Rückerstattung sieh dir den Link an, den ich dir in der Alexa App geschickt habe.',
  // Our own German wording where Amazon's is not public: adjust with `dialogLines` when it differs.
  cancelSubscriptionConfirm: 'Okay! Zur Erinnerung: {benefit} Bist du sicher, dass du dein Abo kündigen möchtest?',
  subscriptionCancelled:
    'Okay, ich habe {name} gekündigt, es wird dir nichts mehr berechnet. Du kannst es bis zum Ende dieses Abrechnungszeitraums weiter nutzen.',
  notEntitled: 'Du hast {name} nicht.',
  cannotBuyOnDevice: 'Entschuldigung, auf diesem Gerät kann ich das leider nicht erledigen.',
  voicePurchasingOff: 'Entschuldigung, Sprachkäufe sind ausgeschaltet. Du kannst sie in der Alexa App einschalten.',
  didNotUnderstand: 'Entschuldigung, das habe ich nicht verstanden.',
  purchaseFailed: 'Entschuldigung, ich konnte deinen Kauf nicht abschließen.',
  cancelFailed: 'Entschuldigung, ich konnte deine Anfrage nicht abschließen.',
  pendingApproval: 'Ich habe den Kontoinhaber gebeten, {name} zu genehmigen.',
  stillPending: '{name} wartet noch auf die Genehmigung des Kontoinhabers.',
  noSkill: 'Entschuldigung, das weiß ich nicht.',
  skillError: 'Bei der Antwort des angeforderten Skills ist ein Problem aufgetreten.',
  month: 'Monat',
  year: 'Jahr',
};

const FR: DialogLines = {
  ...EN,
  offer: '{description} Le prix est de {price} TTC. Voulez-vous l\'acheter ?',
  bought: 'Super ! Vous avez maintenant {name}.',
  alreadyOwned: 'Bonne nouvelle ! Vous l\'avez déjà.',
  month: 'mois',
  year: 'an',
};

/** Built-in tables; other locales fall back to their language, then to en-US. */
export const DIALOG_LINES: Readonly<Record<string, DialogLines>> = {
  'en-US': EN,
  'en-GB': { ...EN, offer: '{description} It\'s {price}. Would you like to buy it?' },
  'de-DE': DE,
  'fr-FR': FR,
};

export function dialogLinesFor(locale: string, overrides: Record<string, Partial<DialogLines>> = {}): DialogLines {
  const language = locale.split('-')[0];
  const base =
    DIALOG_LINES[locale] ??
    Object.entries(DIALOG_LINES).find(([key]) => key.startsWith(`${language}-`))?.[1] ??
    EN;
  return { ...base, ...(overrides[locale] ?? {}) };
}

/** Fills `{name}` placeholders; unknown placeholders stay as they are, so a missing value is visible. */
export function fill(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (values[key] === undefined ? whole : String(values[key])));
}

/** A price as Alexa says it in the locale: "$1.99", "1,99 €", "¥200". */
export function formatPrice(amount: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
}
