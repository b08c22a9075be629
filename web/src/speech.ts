/** The browser's own speech, where it has it: recognition for the user's turn, synthesis to read answers aloud. */
import type { WireLine } from '../../src/simulator/web/protocol';

interface RecognitionResultEvent {
  results: ArrayLike<ArrayLike<{ transcript: string }>>;
}

export interface Recognition {
  lang: string;
  interimResults: boolean;
  maxAlternatives: number;
  onresult: ((event: RecognitionResultEvent) => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
}

type RecognitionConstructor = new () => Recognition;

export function recognitionConstructor(): RecognitionConstructor | undefined {
  const w = window as unknown as { SpeechRecognition?: RecognitionConstructor; webkitSpeechRecognition?: RecognitionConstructor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition;
}

export const canSpeak = typeof window !== 'undefined' && 'speechSynthesis' in window;

/** Reads lines aloud, Alexa's in a different pitch from the skill's, so the two can be told apart. */
export function speak(lines: readonly WireLine[], locale: string): void {
  if (!canSpeak) return;
  for (const line of lines) {
    const utterance = new SpeechSynthesisUtterance(line.text);
    utterance.lang = locale;
    utterance.pitch = line.speaker === 'alexa' ? 1.2 : 0.9;
    window.speechSynthesis.speak(utterance);
  }
}

export function stopSpeaking(): void {
  if (canSpeak) window.speechSynthesis.cancel();
}
