// The one build of every published library: CommonJS (`.js`, `.d.ts`) and ES modules (`.mjs`,
// `.d.mts`) from the same sources, so `require` and `import` both get native code and matching
// types. tsup (esbuild for the code, rollup-plugin-dts for the types) because it rewrites the
// extensionless relative imports of our sources for Node's ESM resolver; tsc cannot without
// `.js` on every import in the repository.
import { defineConfig, type Options } from 'tsup';
import { optionalPeers, optionalPeersPlugin } from './optionalPeers';

/** `{ 'index': 'src/index.ts', 's3/index': 'src/s3/index.ts' }`: output path -> source. */
export type Entries = Record<string, string>;

/**
 * CommonJS dependencies loaded by our ES modules (optional peers, see
 * packages/infrastructure/src/shared/loadPeer.ts) need a `require`; esbuild's shim uses this one.
 */
const ESM_REQUIRE = "import { createRequire as __edgecvCreateRequire } from 'node:module';\nconst require = __edgecvCreateRequire(import.meta.url);";

export function libraryBuild(entry: Entries, options: Partial<Options> = {}) {
  const packageDir = process.cwd();
  const peers = Object.keys(optionalPeers(packageDir));
  return defineConfig({
    entry,
    format: ['cjs', 'esm'],
    outExtension: ({ format }) => ({ js: format === 'esm' ? '.mjs' : '.js' }),
    dts: true,
    tsconfig: 'tsconfig.build.json',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    clean: true,
    // Shared code of several entries goes to one chunk in both formats, so a class exists once
    // per format and `instanceof` holds across subpaths.
    splitting: true,
    // `__dirname` and `import.meta.url` mean the same in both formats (local-stack finds its
    // python/ and java/ folders from them).
    shims: true,
    // Only packages with optional peers: the domain's ES build imports nothing, not even Node.
    banner: ({ format }) => (format === 'esm' && peers.length > 0 ? { js: ESM_REQUIRE } : {}),
    // Optional peers are loaded through a guard, not left as plain external imports.
    noExternal: peers,
    esbuildPlugins: [optionalPeersPlugin(packageDir)],
    ...options,
  });
}
