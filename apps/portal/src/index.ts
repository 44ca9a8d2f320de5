// Where the built portal is: `edgecv serve` serves this folder under /portal/, a deployment
// copies it to the bucket CloudFront serves /portal/* from (docs/portal.md).
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The URL path the pages live under, locally and behind CloudFront. */
export const PORTAL_MOUNT = '/portal/';

/** dist/portal of this package (index.html, app.js, portal.css), or undefined when not built yet. */
export function portalAssetsDir(): string | undefined {
  const dir = path.join(__dirname, '..', 'dist', 'portal');
  return existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'app.js')) ? dir : undefined;
}
