/**
 * The request envelopes the emulated Alexa sends: version 1.0, the session (ids and attributes
 * carried between turns), and context.System with application, user, device, apiEndpoint and
 * apiAccessToken. Ids come from a counter, so a run is reproducible.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html
 */
import type { RequestEnvelope } from '../alexa/request';
import type { Clock } from '../clock';

export interface SimulatedSession {
  sessionId: string;
  attributes: Record<string, unknown>;
  /** True until the first request of the session was sent. */
  isNew: boolean;
}

export interface RequestContext {
  skillId: string;
  userId: string;
  deviceId: string;
  locale: string;
  apiEndpoint: string;
  apiAccessToken: string;
  supportedInterfaces: Record<string, unknown>;
}

export class RequestFactory {
  private counter = 0;

  constructor(private readonly clock: Clock, private readonly prefix = 'sim') {}

  /** A new id of the form Alexa uses, e.g. amzn1.echo-api.session.sim-000001. */
  id(kind: 'request' | 'session'): string {
    this.counter++;
    return `amzn1.echo-api.${kind}.${this.prefix}-${String(this.counter).padStart(6, '0')}`;
  }

  newSession(): SimulatedSession {
    return { sessionId: this.id('session'), attributes: {}, isNew: true };
  }

  envelope(context: RequestContext, session: SimulatedSession | undefined, request: Record<string, unknown>): RequestEnvelope {
    const application = { applicationId: context.skillId };
    const user = { userId: context.userId };
    const envelope: Record<string, unknown> = {
      version: '1.0',
      context: {
        System: {
          application,
          user,
          device: { deviceId: context.deviceId, supportedInterfaces: { ...context.supportedInterfaces } },
          apiEndpoint: context.apiEndpoint,
          apiAccessToken: context.apiAccessToken,
        },
      },
      request: {
        requestId: this.id('request'),
        timestamp: new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        locale: context.locale,
        ...request,
      },
    };
    if (session) {
      envelope.session = {
        new: session.isNew,
        sessionId: session.sessionId,
        application,
        attributes: structuredClone(session.attributes),
        user,
      };
      session.isNew = false;
    }
    return envelope as unknown as RequestEnvelope;
  }
}
