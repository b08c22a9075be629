/**
 * The transport-free web endpoint: raw bytes and headers in, status and JSON out. The node:http
 * server, the Express/node handler and the Lambda HTTP (API Gateway, function URL) adapter all
 * call this, so they verify and answer identically.
 *
 * Order matters: the signature covers the raw bytes, so it is checked before parsing; the
 * timestamp and skill id need the parsed envelope.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html
 */
import { parseRequestEnvelope } from '../alexa/validate-request';
import { isSkillshopError, SkillshopError, skillshopError } from '../errors';
import type { App } from '../app/app';
import { checkApplicationId, RequestVerifier, type RequestVerifierOptions } from './verify';

export interface EndpointOptions {
  /** Verification options, or `false` to turn verification off (local tools only). Default: the app's. */
  verification?: false | RequestVerifierOptions;
  /** Skill ids allowed. Default: the app's `applicationIds`. */
  applicationIds?: readonly string[];
}

export interface EndpointResult {
  statusCode: number;
  body: string;
}

export type Headers = Record<string, string | string[] | undefined>;

/** Builds the verifier once (certificates are cached in it), for one app and options. */
export class SkillEndpoint {
  private readonly verifier: RequestVerifier | undefined;
  private readonly applicationIds: readonly string[];

  constructor(private readonly app: App, options: EndpointOptions = {}) {
    const verification = options.verification ?? app.settings.verification;
    this.applicationIds = options.applicationIds ?? app.settings.applicationIds;
    this.verifier = verification === false
      ? undefined
      : new RequestVerifier({ clock: app.settings.clock, ...verification, applicationIds: [...this.applicationIds] });
  }

  get verifies(): boolean {
    return this.verifier !== undefined;
  }

  async handle(headers: Headers, rawBody: Buffer): Promise<EndpointResult> {
    try {
      const verifier = this.verifier;
      if (verifier && !verifier.verifyCachedSignature(headers, rawBody)) await verifier.verifySignature(headers, rawBody);
      const envelope = parseRequestEnvelope(rawBody);
      if (verifier) verifier.verifyEnvelope(envelope);
      else checkApplicationId(envelope, this.applicationIds);
      const { response, json } = await this.app.answer(envelope);
      return { statusCode: 200, body: json ?? JSON.stringify(response) };
    } catch (error) {
      return errorResult(error, this.app);
    }
  }
}

export function errorResult(error: unknown, app: App): EndpointResult {
  if (isSkillshopError(error) && error.statusCode !== undefined) {
    app.settings.logger.warn(`Refused a request: ${error.message}`, { code: error.code });
    return { statusCode: error.statusCode, body: JSON.stringify({ error: error.toJSON() }) };
  }
  // Storage down, a bug: the request failed on our side.
  const wrapped = isSkillshopError(error)
    ? error
    : skillshopError('HANDLER_FAILED', 'The skill could not answer this request.', { cause: error });
  app.settings.logger.error('Request failed', { error });
  return { statusCode: 500, body: JSON.stringify({ error: publicError(wrapped) }) };
}

function publicError(error: SkillshopError): { code: string; message: string } {
  return { code: error.code, message: error.message };
}
