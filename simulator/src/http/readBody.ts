import type { IncomingMessage } from 'node:http';

/** Largest request body the simulator accepts; larger ones are answered 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a request body completely. Resolves `null` as soon as it exceeds `maxBytes` (the rest is
 * discarded), and rejects if the client aborts.
 */
export function readBody(
  req: IncomingMessage,
  maxBytes: number = MAX_BODY_BYTES,
): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!tooLarge) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}
