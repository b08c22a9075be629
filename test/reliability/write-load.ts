/**
 * A write load for the crash and outage checks: lanes of requests against a `skillshop run`, each
 * counter lane incrementing its own user's data one request after the other, each consume lane
 * using units of one shared consumable with a new requestId per request. Every request is recorded
 * (sent, answered how, how long it took) so a check can compare what was answered with what the
 * database holds afterwards.
 */
import { intentRequest, speechOf } from '../helpers/requests';
import { post } from './skill-server';

export const UNITS_PER_PACK = 1000;
export const PACKS = 100;
export const ERROR_SPEECH = 'Sorry, something went wrong. Please try again later.';

export const LOAD_APP = `
const { App } = require(SKILLSHOP);
const app = new App({ isp: { consumables: { gold_coins: { unitsPerPurchase: ${UNITS_PER_PACK} } } } });
app.setHandler({
  async UseIntent() {
    const { used } = await this.isp.consume('gold_coins');
    this.tell('Used ' + used + '.');
  },
  async InventoryIntent() {
    const { used } = await this.isp.getInventory('gold_coins');
    this.tell('Used so far ' + used + '.');
  },
  CountIntent() {
    const data = this.user().data;
    data.count = (data.count || 0) + 1;
    this.tell('Count ' + data.count + '.');
  },
  ReadCountIntent() {
    this.tell('Count is ' + (this.user().data.count || 0) + '.');
  },
});
module.exports = { app };
`;

export type Outcome = 'success' | 'apology' | 'other' | 'transport' | 'hung';

export interface Sent {
  lane: number;
  kind: 'count' | 'consume';
  requestId: string;
  startedAt: number;
  endedAt: number;
  outcome: Outcome;
  status?: number;
  speech?: string;
  /** The number in a success answer: the count, or the units used. */
  value?: number;
}

export interface LoadOptions {
  /** The server URL to post to (a function: it may change after a restart). */
  url: () => string;
  apiEndpoint: string;
  counterLanes: number;
  consumeLanes: number;
  /** A lane stops at its first transport failure (the server is gone) when set. */
  stopOnTransportFailure: boolean;
  /** Pause between a lane's requests, ms. */
  pauseMs: number;
  /** A request unanswered after this long counts as hung (and the lane moves on). */
  hungAfterMs: number;
  tag: string;
}

export const counterUser = (tag: string, lane: number) => `amzn1.ask.account.CRASH-${tag}-COUNTER-${lane}`;
export const consumerUser = (tag: string) => `amzn1.ask.account.CRASH-${tag}-CONSUMER`;

/** Posts one intent; resolves how it was answered. */
export async function send(url: string, apiEndpoint: string, intent: string, userId: string, requestId: string, hungAfterMs = 10_000): Promise<Omit<Sent, 'lane' | 'kind'>> {
  const startedAt = Date.now();
  const envelope = intentRequest(intent, {}, { apiEndpoint, userId, requestId, sessionId: 'amzn1.echo-api.session.load' });
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), hungAfterMs)));
  try {
    const answer = await Promise.race([post(url, JSON.stringify(envelope)), hung]);
    const endedAt = Date.now();
    if (answer === 'hung') return { requestId, startedAt, endedAt, outcome: 'hung' };
    if (answer.status >= 500) return { requestId, startedAt, endedAt, outcome: 'apology', status: answer.status };
    if (answer.status !== 200) return { requestId, startedAt, endedAt, outcome: 'other', status: answer.status, speech: answer.body.slice(0, 200) };
    const speech = speechOf(JSON.parse(answer.body) as { response: { outputSpeech?: { ssml?: string } } }) ?? '';
    const match = /^(?:Count|Used|Count is|Used so far) (\d+)\.$/.exec(speech);
    if (match) return { requestId, startedAt, endedAt, outcome: 'success', status: 200, speech, value: Number(match[1]) };
    return { requestId, startedAt, endedAt, outcome: speech === ERROR_SPEECH ? 'apology' : 'other', status: 200, speech };
  } catch {
    return { requestId, startedAt, endedAt: Date.now(), outcome: 'transport' };
  } finally {
    clearTimeout(timer);
  }
}

export interface RunningLoad {
  readonly sent: Sent[];
  /** Asks every lane to stop after its current request; resolves when all have. */
  stop(): Promise<void>;
  /** Resolves when every lane has stopped (by itself or by stop()). */
  done: Promise<void>;
}

export function startLoad(options: LoadOptions): RunningLoad {
  const sent: Sent[] = [];
  let stopping = false;
  let sequence = 0;
  const lane = async (index: number, kind: 'count' | 'consume') => {
    while (!stopping) {
      const requestId = `amzn1.echo-api.request.${options.tag}-${kind}-${index}-${++sequence}`;
      const userId = kind === 'count' ? counterUser(options.tag, index) : consumerUser(options.tag);
      const result = await send(options.url(), options.apiEndpoint, kind === 'count' ? 'CountIntent' : 'UseIntent', userId, requestId, options.hungAfterMs);
      sent.push({ lane: index, kind, ...result });
      if (result.outcome === 'transport' && options.stopOnTransportFailure) return;
      if (options.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  };
  const done = Promise.all([
    ...Array.from({ length: options.counterLanes }, (_, i) => lane(i, 'count')),
    ...Array.from({ length: options.consumeLanes }, (_, i) => lane(options.counterLanes + i, 'consume')),
  ]).then(() => undefined);
  return {
    sent,
    done,
    stop: async () => {
      stopping = true;
      await done;
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `predicate` holds or `ms` pass. */
export async function waitFor(predicate: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate() && Date.now() < deadline) await sleep(20);
}
