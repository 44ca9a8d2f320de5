// The MongoDB connection string read from Secrets Manager, against moto's Secrets Manager (the
// local stack's moto serves every service on one port): the formats an operator stores for Atlas
// or DocumentDB, the refusals that must not leak the value, and one read per execution environment.
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { uniqueName } from '@edgecv/test-harness';
import { MONGODB_SECRET_ENV, MongoSecretError, readMongoUri, withMongoUriFromSecret } from './mongoUriFromSecret';
import { defaultRuntime } from './Runtime';

// moto answers Secrets Manager on the port it answers S3 on.
const endpoint = process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? process.env.AWS_ENDPOINT_URL_S3;
const client = new SecretsManagerClient({ endpoint });
const ATLAS = 'mongodb+srv://edgecv:p%40ss@cluster0.example.mongodb.net/edgecv?retryWrites=true&w=majority';
const DOCUMENTDB = 'mongodb://edgecv:pass@docdb.cluster-abc.eu-west-1.docdb.amazonaws.com:27017/?tls=true&replicaSet=rs0&readPreference=secondaryPreferred&retryWrites=false';

async function secret(value: string | Uint8Array): Promise<string> {
  const name = uniqueName('mongo-secret');
  const created = await client.send(new CreateSecretCommand({ Name: name, ...(typeof value === 'string' ? { SecretString: value } : { SecretBinary: value }) }));
  return created.ARN ?? name;
}

afterAll(() => client.destroy());

describe('the MongoDB connection string from Secrets Manager', () => {
  it('is the secret string itself (an Atlas mongodb+srv URI), by ARN or by name', async () => {
    const arn = await secret(ATLAS);
    expect(await readMongoUri(arn, client)).toBe(ATLAS);
    const name = arn.split(':secret:')[1]?.replace(/-[A-Za-z0-9]{6}$/, '') ?? arn;
    expect(await readMongoUri(name, client)).toBe(ATLAS);
  });

  it('or the "uri" field of a JSON secret (a DocumentDB URI with its TLS options)', async () => {
    expect(await readMongoUri(await secret(JSON.stringify({ uri: DOCUMENTDB, note: 'docdb' })), client)).toBe(DOCUMENTDB);
  });

  it.each([
    ['a password alone', 'hunter2-not-a-uri', /does not hold a mongodb/],
    ['JSON without uri', JSON.stringify({ username: 'u', password: 'hunter2-not-a-uri' }), /without a string "uri"/],
    ['malformed JSON', '{"uri": "hunter2-not-a-uri"', /malformed JSON/],
  ])('refuses %s with MONGODB_SECRET_INVALID, never echoing the value', async (_label, value, reason) => {
    const id = await secret(value);
    const error = await readMongoUri(id, client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoSecretError);
    expect(error).toMatchObject({ code: 'MONGODB_SECRET_INVALID', secretId: id, message: expect.stringMatching(reason) });
    expect(String((error as Error).message)).not.toContain('hunter2');
  });

  it('refuses a binary secret and a secret that does not exist, naming the secret', async () => {
    const binary = await secret(new Uint8Array([1, 2, 3]));
    await expect(readMongoUri(binary, client)).rejects.toMatchObject({ code: 'MONGODB_SECRET_INVALID', message: expect.stringMatching(/no string value/) });
    const missing = uniqueName('no-such-secret');
    await expect(readMongoUri(missing, client)).rejects.toMatchObject({ code: 'MONGODB_SECRET_INVALID', secretId: missing, message: expect.stringMatching(/cannot be read \(ResourceNotFoundException\)/) });
  });

  it('becomes MONGODB_URI for the container, over one set in the environment; no secret named leaves the environment as it is', async () => {
    const env = { [MONGODB_SECRET_ENV]: await secret(ATLAS), MONGODB_URI: 'mongodb://stale:27017', OTHER: 'kept' };
    expect(await withMongoUriFromSecret(env, () => client)).toEqual({ ...env, MONGODB_URI: ATLAS });
    const plain = { MONGODB_URI: 'mongodb://local:27017' };
    expect(await withMongoUriFromSecret(plain, () => { throw new Error('no client is needed'); })).toBe(plain);
  });

  it('is read once per execution environment: the Lambda runtime keeps what it read at cold start', async () => {
    const id = await secret(ATLAS);
    const saved = { ...process.env };
    Object.assign(process.env, { [MONGODB_SECRET_ENV]: id, AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint, POWERTOOLS_METRICS_DISABLED: 'true' });
    try {
      const first = await defaultRuntime([]);
      expect(first.edgecv.config.mongodb.uri).toBe(ATLAS);
      await client.send(new PutSecretValueCommand({ SecretId: id, SecretString: DOCUMENTDB }));
      const again = await defaultRuntime([]);
      expect(again).toBe(first);
      expect(again.edgecv.config.mongodb.uri).toBe(ATLAS);
      await first.edgecv.close();
    } finally {
      process.env = saved;
    }
  });
});
