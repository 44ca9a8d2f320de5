// Domain has no runtime dependencies (DESIGN §2): dependency-cruiser checks its imports, this
// checks its manifest, so nothing can be installed for it either.
const pkg = require('../packages/domain/package.json');
const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies });
if (deps.length > 0) {
  console.error(`packages/domain must have no runtime dependencies, found: ${deps.join(', ')}`);
  process.exit(1);
}
