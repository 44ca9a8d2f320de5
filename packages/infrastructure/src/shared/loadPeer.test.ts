import { MissingPeerDependencyError } from './MissingPeerDependencyError';
import { loadPeer } from './loadPeer';

/** What Node throws for `require(name)` of a package that is not installed. */
function notFound(name: string): Error {
  return Object.assign(new Error(`Cannot find module '${name}'\nRequire stack:\n- /app/index.js`), { code: 'MODULE_NOT_FOUND' });
}

describe('loadPeer', () => {
  it('returns the loaded module', () => {
    expect(loadPeer('mongodb', '^7.9.0', '@edgecv/infrastructure/mongo', () => ({ MongoClient: 'x' }))).toEqual({ MongoClient: 'x' });
  });

  it('turns a missing peer into MISSING_PEER_DEPENDENCY naming the package, the entry point and the npm command', () => {
    const cause = notFound('mongodb');
    let thrown: unknown;
    try {
      loadPeer('mongodb', '^7.9.0', '@edgecv/infrastructure/mongo', () => {
        throw cause;
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MissingPeerDependencyError);
    expect(thrown).toMatchObject({
      code: 'MISSING_PEER_DEPENDENCY',
      packageName: 'mongodb',
      versionRange: '^7.9.0',
      family: '@edgecv/infrastructure/mongo',
      installCommand: 'npm install mongodb@^7.9.0',
      cause,
    });
    expect((thrown as Error).message).toBe('@edgecv/infrastructure/mongo needs the optional peer dependency mongodb, which is not installed: run `npm install mongodb@^7.9.0`');
  });

  it('rethrows what is not the peer missing: a dependency of the peer, or a peer that fails to load', () => {
    const nested = notFound('bson');
    expect(() => loadPeer('mongodb', '^7.9.0', 'x', () => { throw nested; })).toThrow(nested);
    const native = new Error('Could not load the "sharp" module using the linux-x64 runtime');
    expect(() => loadPeer('sharp', '^0.35.5', 'x', () => { throw native; })).toThrow(native);
    const scoped = notFound('@aws-sdk/client-sagemaker/dist-cjs/x');
    expect(() => loadPeer('@aws-sdk/client-sagemaker', '^3', 'x', () => { throw scoped; })).toThrow(scoped);
  });
});
