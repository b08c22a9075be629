/**
 * The response envelope a skill returns.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html#response-format
 */

export interface OutputSpeech {
  type: 'SSML' | 'PlainText';
  ssml?: string;
  text?: string;
  playBehavior?: 'ENQUEUE' | 'REPLACE_ALL' | 'REPLACE_ENQUEUED';
}

export interface Card {
  type: 'Simple' | 'Standard' | 'LinkAccount' | 'AskForPermissionsConsent';
  title?: string;
  content?: string;
  text?: string;
  image?: { smallImageUrl?: string; largeImageUrl?: string };
  permissions?: string[];
}

export interface Directive {
  type: string;
  [key: string]: unknown;
}

export interface ResponseBody {
  outputSpeech?: OutputSpeech;
  card?: Card;
  reprompt?: { outputSpeech: OutputSpeech };
  directives?: Directive[];
  shouldEndSession?: boolean;
}

export interface ResponseEnvelope {
  version: '1.0';
  sessionAttributes?: Record<string, unknown>;
  userAgent?: string;
  response: ResponseBody;
}
