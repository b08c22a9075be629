/**
 * Speech for Alexa's outputSpeech. Plain text is escaped so that "Tom & Jerry" or "<3" cannot break
 * the SSML document; text already wrapped in <speak> passes through untouched (the author wrote SSML).
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/speech-synthesis-markup-language-ssml-reference.html
 */
import type { OutputSpeech } from './response';

const SPEAK = /^\s*<speak>[\s\S]*<\/speak>\s*$/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

const SPECIAL = /[&<>"']/;

export function escapeSsml(text: string): string {
  // Most speech has nothing to escape: then the text itself, without a replace pass.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c) : text;
}

export function isSsml(speech: string): boolean {
  return SPEAK.test(speech);
}

/** `<speak>…</speak>` for plain text (escaped) or SSML (trimmed). */
export function toSsml(speech: string): string {
  return isSsml(speech) ? speech.trim() : `<speak>${escapeSsml(speech)}</speak>`;
}

export function ssmlSpeech(speech: string): OutputSpeech {
  return { type: 'SSML', ssml: toSsml(speech) };
}

/** The words of an SSML string, tags removed and entities decoded: what a person would hear. */
export function ssmlToText(ssml: string): string {
  return ssml
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}
