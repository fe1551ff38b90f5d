import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pageHeaders, sendBody } from './send.js';

/** A directory served read-only under a URL prefix, e.g. `/examples/schedule-board/` → `dist/examples/schedule-board`. */
export interface StaticMount {
  /** URL path prefix, starting and ending with `/`. */
  readonly prefix: string;
  /** Absolute directory path. */
  readonly dir: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Largest file served, in bytes (the GraphiQL bundle is a few MiB). */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Most files kept in memory (with their gzip form); the mounts hold a handful of build outputs. */
const MAX_CACHED_FILES = 64;

interface CachedFile {
  readonly key: string;
  readonly body: Buffer;
  readonly gzip: Buffer | null;
  readonly etag: string;
}

/**
 * Serves build outputs (bundles, pages) from fixed directories: GET and HEAD only, no directory
 * listing, no path outside its directory (`..`, encoded slashes and NUL are refused), only known
 * file types. `index.html` answers for the prefix itself. Files are revalidated by ETag
 * (`cache-control: no-cache`) and kept in memory with their gzip form, keyed by size and mtime,
 * so a rebuild is picked up without a restart. HTML files get the pages' CSP.
 */
export class StaticFiles {
  readonly #mounts: readonly StaticMount[];
  readonly #cache = new Map<string, CachedFile>();

  constructor(mounts: readonly StaticMount[]) {
    for (const mount of mounts) {
      if (!mount.prefix.startsWith('/') || !mount.prefix.endsWith('/'))
        throw new Error(`StaticMount.prefix must start and end with "/", got "${mount.prefix}"`);
    }
    this.#mounts = mounts.map((m) => ({ prefix: m.prefix, dir: resolve(m.dir) }));
  }

  /** Whether `pathname` belongs to a mount (then {@link serve} answers it, if only with 404). */
  owns(pathname: string): boolean {
    return this.#mounts.some(
      (m) => pathname.startsWith(m.prefix) || pathname === m.prefix.slice(0, -1),
    );
  }

  /** Answers a request for an owned path. */
  async serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      return sendBody(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', {
        allow: 'GET, HEAD',
      });
    }
    const mount = this.#mounts.find((m) => pathname.startsWith(m.prefix));
    if (!mount) {
      // `/examples/app` → `/examples/app/`, so the page's relative URLs resolve inside the mount.
      res.statusCode = 308;
      res.setHeader('location', `${pathname}/`);
      res.end();
      return;
    }
    const file = await this.#read(mount, pathname.slice(mount.prefix.length) || 'index.html');
    if (!file) return sendBody(res, 404, 'text/plain; charset=utf-8', 'Not found\n');

    const headers: Record<string, string> = {
      etag: file.etag,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      vary: 'Accept-Encoding',
      ...(file.key.endsWith('.html') ? pageHeaders() : {}),
    };
    if (req.headers['if-none-match'] === file.etag) {
      res.statusCode = 304;
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.end();
      return;
    }
    const gzip = file.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) headers['content-encoding'] = 'gzip';
    const type = CONTENT_TYPES[extname(file.key)] ?? 'application/octet-stream';
    sendBody(res, 200, type, gzip ? (file.gzip as Buffer) : file.body, headers, method === 'HEAD');
  }

  async #read(mount: StaticMount, relative: string): Promise<CachedFile | null> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(relative);
    } catch {
      return null;
    }
    if (decoded.includes('\0') || decoded.includes('\\') || /%2f/i.test(relative)) return null;
    if (decoded.split('/').some((segment) => segment === '..' || segment.startsWith('.')))
      return null;
    if (!Object.hasOwn(CONTENT_TYPES, extname(decoded))) return null;
    const path = resolve(mount.dir, decoded);
    if (!path.startsWith(mount.dir + sep)) return null;

    const info = await stat(path).catch(() => null);
    if (!info?.isFile() || info.size > MAX_FILE_BYTES) return null;
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const cached = this.#cache.get(path);
    if (cached?.etag === etag) return cached;

    const body = await readFile(path);
    const compressible = /^(text\/|application\/json|image\/svg)/.test(
      CONTENT_TYPES[extname(path)] ?? '',
    );
    const file: CachedFile = {
      key: path,
      body,
      gzip: compressible && body.length > 1024 ? gzipSync(body) : null,
      etag,
    };
    if (this.#cache.size >= MAX_CACHED_FILES && !this.#cache.has(path)) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    this.#cache.set(path, file);
    return file;
  }
}
