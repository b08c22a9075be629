/**
 * The skill under simulation, reached the way Alexa reaches it: request JSON in, response JSON out.
 * In process for a skillshop App (no HTTP, no signature), or over HTTP for any skill — one written
 * with the ASK SDK or Jovo included (it must run with request verification off: the simulator is
 * not Amazon and cannot sign).
 */
import type { RequestEnvelope } from '../alexa/request';
import type { App } from '../app/app';

export type TargetReply =
  | { ok: true; body: unknown; status: number }
  | { ok: false; error: string; status?: number; body?: string };

export interface SkillTarget {
  /** "app/app.js (in process)" or the endpoint URL, for messages. */
  readonly description: string;
  send(envelope: RequestEnvelope): Promise<TargetReply>;
}

export function inProcessTarget(app: App, description = 'the app (in process)'): SkillTarget {
  return {
    description,
    async send(envelope) {
      try {
        // A copy, so nothing the skill does to the object leaks into the simulator's record.
        return { ok: true, status: 200, body: JSON.parse(JSON.stringify(await app.handle(structuredClone(envelope)))) as unknown };
      } catch (error) {
        return { ok: false, error: (error as Error)?.message ?? String(error) };
      }
    },
  };
}

/** Alexa gives a skill 8 seconds. */
export const SKILL_TIMEOUT_MS = 8000;

export function httpTarget(url: string, options: { timeoutMs?: number; fetch?: typeof fetch } = {}): SkillTarget {
  const doFetch = options.fetch ?? fetch;
  return {
    description: url,
    async send(envelope) {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'skillshop-simulator' },
          body: JSON.stringify(envelope),
          signal: AbortSignal.timeout(options.timeoutMs ?? SKILL_TIMEOUT_MS),
        });
      } catch (error) {
        const reason = (error as Error).name === 'TimeoutError'
          ? `no answer within ${options.timeoutMs ?? SKILL_TIMEOUT_MS} ms`
          : `${(error as Error).message}${(error as { cause?: Error }).cause ? ` (${(error as { cause: Error }).cause.message})` : ''}`;
        return { ok: false, error: `POST ${url} failed: ${reason}` };
      }
      const text = await response.text();
      if (response.status !== 200) {
        return { ok: false, status: response.status, body: text, error: `POST ${url} answered HTTP ${response.status}: ${text.slice(0, 300)}` };
      }
      try {
        return { ok: true, status: 200, body: JSON.parse(text) as unknown };
      } catch {
        return { ok: false, status: 200, body: text, error: `POST ${url} answered invalid JSON: ${text.slice(0, 300)}` };
      }
    },
  };
}
