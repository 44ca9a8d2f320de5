// Builds the portal into dist/portal: the client bundled by esbuild (one ES module, minified,
// no CDN at run time) and the static files of public/. Run by `pnpm --filter @edgecv/portal build`.
import { build } from 'esbuild';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, 'dist', 'portal');
await mkdir(out, { recursive: true });
await cp(path.join(root, 'public'), out, { recursive: true });
await build({
  entryPoints: [path.join(root, 'src', 'client', 'main.ts')],
  outfile: path.join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
});
