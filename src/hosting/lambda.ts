/**
 * The skill as an AWS Lambda function.
 *
 * Two event shapes arrive in practice: the Alexa trigger invokes the function with the request
 * envelope itself (AWS checks the caller; the skill id allow-list still applies), and API Gateway
 * or a function URL wraps an HTTPS request (`{ headers, body, isBase64Encoded }`), which is
 * verified exactly like the web service.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-an-aws-lambda-function.html
 */
import type { App } from '../app/app';
import { validateRequestEnvelope } from '../alexa/validate-request';
import { SkillEndpoint } from './skill-endpoint';
import { checkApplicationId } from './verify';

export interface LambdaContext {
  functionName?: string;
  awsRequestId?: string;
  getRemainingTimeInMillis?(): number;
  callbackWaitsForEmptyEventLoop?: boolean;
}

export type LambdaCallback = (error: Error | null, result?: unknown) => void;

interface HttpEvent {
  headers?: Record<string, string | undefined>;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext?: unknown;
}

function isHttpEvent(event: unknown): event is HttpEvent {
  return event !== null && typeof event === 'object' && 'requestContext' in event && 'headers' in event && !('request' in event);
}

const httpEndpoints = new WeakMap<App, SkillEndpoint>();

export async function handleLambdaEvent(
  app: App,
  event: unknown,
  context?: LambdaContext,
  callback?: LambdaCallback,
): Promise<unknown> {
  // Keep-alive sockets and the SQLite handle must not hold the invocation open.
  if (context) context.callbackWaitsForEmptyEventLoop = false;
  let result: unknown;
  try {
    result = isHttpEvent(event) ? await handleHttpEvent(app, event) : await handleDirect(app, event);
  } catch (error) {
    if (callback) {
      callback(error as Error);
      return undefined;
    }
    throw error;
  }
  callback?.(null, result);
  return result;
}

async function handleDirect(app: App, event: unknown): Promise<unknown> {
  const envelope = validateRequestEnvelope(event);
  checkApplicationId(envelope, app.settings.applicationIds);
  return (await app.answer(envelope)).response;
}

async function handleHttpEvent(app: App, event: HttpEvent): Promise<unknown> {
  let endpoint = httpEndpoints.get(app);
  if (!endpoint) httpEndpoints.set(app, (endpoint = new SkillEndpoint(app)));
  const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  const result = await endpoint.handle(event.headers ?? {}, body);
  return { statusCode: result.statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body: result.body };
}
