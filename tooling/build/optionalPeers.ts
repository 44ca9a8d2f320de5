// In the published build of a package, every import of one of its optional peer dependencies
// (package.json `peerDependenciesMeta.{name}.optional`) goes through the package's
// `src/shared/loadPeer.ts`, so loading a family without its peer throws a typed
// MISSING_PEER_DEPENDENCY error naming the package and the npm command, in CommonJS and in ES
// modules alike (a static ES import of a missing package fails before any code of ours runs).
// The sources keep plain imports: jest, tsx and the Lambda bundler see ordinary modules.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'esbuild';

const NAMESPACE = 'edgecv-optional-peer';

interface PackageJson {
  name: string;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** The optional peers of the package in `packageDir`, with the range it declares for each. */
export function optionalPeers(packageDir: string): Record<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as PackageJson;
  return Object.fromEntries(
    Object.entries(pkg.peerDependencies ?? {}).filter(([name]) => pkg.peerDependenciesMeta?.[name]?.optional === true),
  );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function optionalPeersPlugin(packageDir: string): Plugin {
  const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as PackageJson;
  const peers = optionalPeers(packageDir);
  const names = Object.keys(peers);
  const sources = path.join(packageDir, 'src');
  const loadPeer = path.join(sources, 'shared', 'loadPeer.ts');
  return {
    name: 'edgecv-optional-peers',
    setup(build) {
      if (names.length === 0) return;
      const filter = new RegExp(`^(${names.map(escapeRegExp).join('|')})$`);
      build.onResolve({ filter }, (args) => {
        // The guard's own require of the peer stays a require, resolved at run time.
        if (args.namespace === NAMESPACE) return { path: args.path, external: true };
        // The family is the importer's folder under src/ (`mongo`, `image`, `aws-ml`).
        const family = path.relative(sources, args.importer).split(path.sep)[0];
        return { path: `${family}:${args.path}`, namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const [family, name] = args.path.split(/:(.*)/s) as [string, string];
        const entry = `${pkg.name}/${family}`;
        // CommonJS, so that the importer's named imports read properties of the loaded module.
        const contents = [
          `const { loadPeer } = require(${JSON.stringify(loadPeer)});`,
          `module.exports = loadPeer(${JSON.stringify(name)}, ${JSON.stringify(peers[name])}, ${JSON.stringify(entry)}, () => require(${JSON.stringify(name)}));`,
        ].join('\n');
        return { contents, loader: 'js', resolveDir: packageDir };
      });
    },
  };
}
