// The published `edgecv`: one CommonJS file with the CLI's code, the handlers `edgecv serve` runs
// and the portal it serves (@edgecv/lambdas and @edgecv/portal are apps, not published packages,
// so they are bundled, and the portal's built pages are copied to dist/portal, where its
// portalAssetsDir() looks from the bundle). Every npm package stays a dependency, loaded when a
// command needs it: command modules are imported on demand (src/program.ts), so
// `edgecv --version` loads commander and nothing else.
import { cp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'tsup';

// tsup loads this file as an ES module: no `require` of its own.
const portalPackage = createRequire(path.resolve('package.json')).resolve('@edgecv/portal/package.json');
const portalPages = path.join(path.dirname(portalPackage), 'dist', 'portal');

export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['cjs'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  // paths {}: workspace packages resolve as installed (dist), never from their sources.
  tsconfig: 'tsconfig.build.json',
  skipNodeModulesBundle: true,
  noExternal: ['@edgecv/lambdas', '@edgecv/portal'],
  async onSuccess() {
    await rm('dist/portal', { recursive: true, force: true });
    await cp(portalPages, 'dist/portal', { recursive: true });
  },
});
