// A registry for one npm scope on loopback, serving packed tarballs: `npm install @edgecv/cli`
// (and `-g`, and `npx`) then resolves @edgecv/* exactly as it would from npmjs.com, nested
// where npm puts them, while every other package comes from npm's usual registry and cache.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface TarballRegistry {
  /** `http://127.0.0.1:{port}/`, for `--@scope:registry=` or an .npmrc line. */
  readonly url: string;
  close(): Promise<void>;
}

interface Published {
  readonly manifest: Record<string, unknown> & { name: string; version: string };
  readonly file: string;
  readonly bytes: Buffer;
}

/** Serves the packuments and tarballs of `tarballs` (as `pnpm pack` wrote them). */
export async function startTarballRegistry(tarballs: readonly string[]): Promise<TarballRegistry> {
  const packages = new Map<string, Published>();
  for (const file of tarballs) {
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', file, 'package/package.json']).toString('utf8')) as Published['manifest'];
    packages.set(manifest.name, { manifest, file: path.basename(file), bytes: readFileSync(file) });
  }
  const server: Server = createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const tarball = [...packages.values()].find((p) => url === `/-/${p.file}`);
    if (tarball) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': tarball.bytes.length });
      res.end(tarball.bytes);
      return;
    }
    const published = packages.get(url.slice(1));
    if (!published) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not found' }));
      return;
    }
    const { manifest, file, bytes } = published;
    const address = server.address() as AddressInfo;
    const dist = {
      tarball: `http://127.0.0.1:${address.port}/-/${file}`,
      shasum: createHash('sha1').update(bytes).digest('hex'),
      integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ name: manifest.name, 'dist-tags': { latest: manifest.version }, versions: { [manifest.version]: { ...manifest, dist } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
