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
      resolve(Buffer.concat(chunks, size));
    });
    req.on('aborted', () => fail(skillshopError('REQUEST_INCOMPLETE', 'The client closed the connection before the body was complete.')));
    req.on('error', (cause) => fail(skillshopError('REQUEST_INCOMPLETE', 'The request body could not be read.', { cause })));
  });
}

function tooLarge(maxBytes: number) {
  return skillshopError('REQUEST_TOO_LARGE', `The request body is larger than ${maxBytes} bytes; Alexa requests are a few KB.`);
}
