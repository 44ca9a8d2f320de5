// What a bundle gets instead of a driver its handler does not declare: modules with the same
// exports, each of which throws DRIVER_NOT_BUNDLED when called, constructed or read from. Loading
// them costs nothing, so a handler that never touches the driver starts and runs as usual; one that
// does fails loudly, naming the declaration to add.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Driver } from './handlerDrivers';
import { LAMBDAS_DIR, REPO_ROOT } from './handlerEntries';

interface DriverPackage {
  readonly name: string;
  /** The package.json of the code that imports it, to resolve the same copy. */
  readonly importedFrom: string;
  /** CommonJS `export =` packages offer only a default import, and loading one may need a native binary. */
  readonly defaultOnly?: boolean;
}

const ADAPTERS = path.join(REPO_ROOT, 'packages', 'infrastructure', 'package.json');
const LAMBDAS = path.join(LAMBDAS_DIR, 'package.json');

/** The npm packages each driver brings into a bundle. */
export const DRIVER_PACKAGES: Readonly<Record<Driver, readonly DriverPackage[]>> = Object.freeze({
  // The Secrets Manager client only ever reads the MongoDB connection string.
  mongodb: [
    { name: 'mongodb', importedFrom: ADAPTERS },
    { name: '@aws-sdk/client-secrets-manager', importedFrom: LAMBDAS },
  ],
  sharp: [{ name: 'sharp', importedFrom: ADAPTERS, defaultOnly: true }],
});

function namedExports(pkg: DriverPackage): string[] {
  if (pkg.defaultOnly === true) return [];
  const loaded = createRequire(pkg.importedFrom)(pkg.name) as object;
  return Object.keys(loaded).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
}

export function driverStubSource(driver: Driver, pkg: DriverPackage, entry: string): string {
  const message = `${driver} is not bundled in the ${entry} Lambda: add it to HANDLER_DRIVERS in apps/lambdas/src/bundling/handlerDrivers.ts`;
  const lines = [
    `const message = ${JSON.stringify(message)};`,
    'const fail = (what) => { throw Object.assign(new Error(`${message} (used: ${what})`), { name: "DriverNotBundledError", code: "DRIVER_NOT_BUNDLED" }); };',
    // A function target so that calls and `new` reach the traps; symbols and `prototype` behave
    // normally so `instanceof` and inspection do not throw.
    'const stand = (name) => new Proxy(function () {}, {',
    '  apply: () => fail(name),',
    '  construct: () => fail(name),',
    '  get: (target, key) => (typeof key === "symbol" || key === "prototype" ? Reflect.get(target, key) : () => fail(`${name}.${key}`)),',
    '});',
    // Pure, so the bundler drops every stand-in nothing imports.
    `export default /* @__PURE__ */ stand(${JSON.stringify(pkg.name)});`,
    ...namedExports(pkg).map((name) => `export const ${name} = /* @__PURE__ */ stand(${JSON.stringify(`${pkg.name}.${name}`)});`),
  ];
  return `${lines.join('\n')}\n`;
}
