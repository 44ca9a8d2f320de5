// Static files beside the API on the local server (the portal under /portal/), as CloudFront
// serves them from S3 in AWS: a path without a file extension is a page and gets index.html.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

export interface StaticSite {
  /** URL path prefix with a trailing slash, e.g. `/portal/`. */
  readonly mount: string;
  /** Folder the files are read from. */
  readonly dir: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** Answers the request when it is for the site; false leaves it to the API. */
export async function serveStatic(site: StaticSite, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (pathname === site.mount.replace(/\/$/, '')) {
    res.writeHead(308, { location: site.mount }).end();
    return true;
  }
  if (!pathname.startsWith(site.mount)) return false;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(site.mount.length));
  } catch {
    relative = '';
  }
  const root = path.resolve(site.dir);
  let file = path.resolve(root, relative);
  // Never outside the folder (../), and pages (no extension) are the single-page app.
  if (!file.startsWith(root + path.sep) || path.extname(file) === '') file = path.join(root, 'index.html');
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return true;
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'content-length': info.size, 'cache-control': type.startsWith('text/html') ? 'no-cache' : 'max-age=300', 'x-content-type-options': 'nosniff' });
  if (method === 'HEAD') {
    res.end();
    return true;
  }
  createReadStream(file).pipe(res);
  return true;
}
