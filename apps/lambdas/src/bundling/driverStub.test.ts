// A bundle built without a driver keeps loading and running; only touching the driver fails, and
// the failure names the declaration to add. Evaluated as the ES module a bundle inlines, in a
// fresh Node process.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DRIVER_PACKAGES, driverStubSource } from './driverStub';

const run = promisify(execFile);

/** Imports the stub as a module, runs `body` (with the module as `m`) and prints what it returns. */
async function withStub(source: string, body: string): Promise<unknown> {
  const script = `const m = await import('data:text/javascript,' + encodeURIComponent(process.argv[1]));\nconst result = await (async () => { ${body} })();\nconsole.log(JSON.stringify(result));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, source]);
  return JSON.parse(stdout);
}

const attempt = (expression: string) => `try { ${expression}; return 'no error'; } catch (e) { return { name: e.name, code: e.code, message: e.message }; }`;

describe('a driver stub', () => {
  const [mongodb, secrets] = DRIVER_PACKAGES.mongodb;
  const [sharp] = DRIVER_PACKAGES.sharp;

  it('offers every export of the MongoDB driver and loads without side effects', async () => {
    const source = driverStubSource('mongodb', mongodb!, 'createJob');
    expect(await withStub(source, "return ['MongoClient', 'ObjectId', 'MongoServerError'].map((n) => typeof m[n])")).toEqual(['function', 'function', 'function']);
  });

  it('fails with DRIVER_NOT_BUNDLED, naming the handler and HANDLER_DRIVERS, when the driver is used', async () => {
    const source = driverStubSource('mongodb', mongodb!, 'createJob');
    const error = await withStub(source, attempt("new m.MongoClient('mongodb://localhost:27017')"));
    expect(error).toEqual({
      name: 'DriverNotBundledError',
      code: 'DRIVER_NOT_BUNDLED',
      message: expect.stringMatching(/^mongodb is not bundled in the createJob Lambda: add it to HANDLER_DRIVERS in apps\/lambdas\/src\/bundling\/handlerDrivers\.ts \(used: mongodb\.MongoClient\)$/),
    });
    expect(await withStub(source, attempt('m.MongoClient.connect()'))).toMatchObject({ code: 'DRIVER_NOT_BUNDLED' });
  });

  it('answers instanceof (false) instead of throwing, so error checks in adapters stay safe', async () => {
    expect(await withStub(driverStubSource('mongodb', mongodb!, 'createJob'), 'return new Error("x") instanceof m.MongoServerError')).toBe(false);
  });

  it('stands in for the Secrets Manager client that belongs to the MongoDB driver, and for sharp (a default export only)', async () => {
    expect(await withStub(driverStubSource('mongodb', secrets!, 'getTrainingJob'), attempt('new m.SecretsManagerClient({})'))).toMatchObject({ code: 'DRIVER_NOT_BUNDLED' });
    const sharpStub = driverStubSource('sharp', sharp!, 'getImageUrl');
    expect(await withStub(sharpStub, attempt('m.default(Buffer.alloc(1))'))).toMatchObject({ code: 'DRIVER_NOT_BUNDLED', message: expect.stringContaining('sharp is not bundled in the getImageUrl Lambda') });
    expect(await withStub(sharpStub, attempt('m.default.concurrency(1)'))).toMatchObject({ code: 'DRIVER_NOT_BUNDLED' });
  });
});
