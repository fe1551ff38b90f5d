import type { IncomingMessage } from 'node:http';

/** The request body exceeded the limit (answered 413). */
export class BodyTooLargeError extends Error {
  constructor() {
    super('request body too large');
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a request body up to `limitBytes`; a declared `content-length` above it is refused before
 * reading, and a stream that grows past it is refused as soon as it does.
 */
export async function readRequestBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limitBytes) throw new BodyTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
