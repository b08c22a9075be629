/**
 * Reads a request body into one Buffer — the raw bytes the signature covers — with a size cap.
 * Alexa requests are a few KB; anything near the cap is not Alexa.
 */
import type { IncomingMessage } from 'node:http';
import { skillshopError } from '../errors';

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export function readBody(req: IncomingMessage, maxBytes: number = DEFAULT_MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(tooLarge(maxBytes));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        fail(tooLarge(maxBytes));
        req.pause();
        return;
      }
      if (!settled) chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      // Most Alexa requests arrive in one chunk: that Buffer is the body, no copy needed.
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    // A client that hangs up mid-body reaches here too: node:http destroys the request with an
    // ECONNRESET error (emitted because this listener exists), so the deprecated 'aborted' event
    // need not be watched as well.
    req.on('error', (cause: NodeJS.ErrnoException) =>
      fail(
        cause.code === 'ECONNRESET'
          ? skillshopError('REQUEST_INCOMPLETE', 'The client closed the connection before the body was complete.', { cause })
          : skillshopError('REQUEST_INCOMPLETE', 'The request body could not be read.', { cause }),
      ),
    );
  });
}

function tooLarge(maxBytes: number) {
  return skillshopError('REQUEST_TOO_LARGE', `The request body is larger than ${maxBytes} bytes; Alexa requests are a few KB.`);
}
