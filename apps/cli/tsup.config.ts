// The published `edgecv`: one CommonJS file with the CLI's code and the handlers `edgecv serve`
// runs (@edgecv/lambdas is an app, not a published package, so it is bundled). Every npm
// package stays a dependency, loaded when a command needs it: command modules are imported on
// demand (src/program.ts), so `edgecv --version` loads commander and nothing else.
import { defineConfig } from 'tsup';

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
  noExternal: ['@edgecv/lambdas'],
});
