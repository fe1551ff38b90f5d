import type { Readable } from 'node:stream';

/** Raised when an upstream body exceeds the cap; classified as an upstream ERROR. */
export class ResponseTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`upstream response larger than ${limitBytes} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

/**
 * Reads a body stream into one Buffer, refusing (and destroying the stream) as soon as it passes
 * `limitBytes`; a `content-length` above the limit is refused before reading a byte.
 */
export async function readBody(
  body: Readable,
  limitBytes: number,
  contentLength?: string | string[],
): Promise<Buffer> {
  const declared = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
  if (Number.isFinite(declared) && declared > limitBytes) {
    body.destroy();
    throw new ResponseTooLargeError(limitBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limitBytes) {
      body.destroy();
      throw new ResponseTooLargeError(limitBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
