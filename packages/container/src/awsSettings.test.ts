// How a command's AWS settings are resolved, as aws-cli documents it: flag > environment >
// profile, per service endpoints included; and when the embedded stack may be used at all.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { hasAwsConfiguration, resolveAwsSettings } from './awsSettings';
import { ProfileNotFoundError, TargetMixError } from './targetErrors';

let dir: string;
let files: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'edgecv-aws-settings-'));
  await writeFile(
    path.join(dir, 'config'),
    [
      '[default]',
      'region = ap-south-1',
      '[profile ops]',
      'region = eu-west-1',
      'endpoint_url = http://127.0.0.1:4000',
      '[profile split]',
      'region = eu-central-1',
      'services = split-services',
      '[services split-services]',
      's3 =',
      '  endpoint_url = http://127.0.0.1:5001',
      'dynamodb =',
      '  endpoint_url = http://127.0.0.1:5002',
      '[profile s3only]',
      'services = s3only-services',
      '[services s3only-services]',
      's3 =',
      '  endpoint_url = http://127.0.0.1:5001',
      '',
    ].join('\n'),
  );
  await writeFile(path.join(dir, 'credentials'), '[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = s\n');
  files = { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), HOME: dir };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resolveAwsSettings', () => {
  it("takes region and endpoint from the named profile, and the profile's credentials through the SDK chain", async () => {
    const s = await resolveAwsSettings({ ...files, AWS_PROFILE: 'ops' });
    expect(s).toMatchObject({ profile: 'ops', profileSource: 'environment', region: 'eu-west-1', regionSource: 'profile', credentialsSource: 'profile ops' });
    expect(s.endpoints.s3).toEqual({ url: 'http://127.0.0.1:4000', setBy: 'endpoint_url of profile ops' });
    expect(s.endpoints.dynamodb.url).toBe('http://127.0.0.1:4000');
    const credentials = typeof s.credentials === 'function' ? await s.credentials() : s.credentials;
    expect(credentials).toMatchObject({ accessKeyId: 'AKIAOPS', secretAccessKey: 's' });
  });

  it('flag > environment > profile, for the profile, the region and the endpoints', async () => {
    const env = { ...files, AWS_PROFILE: 'split', AWS_REGION: 'us-east-2', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:6001' };
    const fromEnv = await resolveAwsSettings(env);
    expect(fromEnv).toMatchObject({ profile: 'split', region: 'us-east-2', regionSource: 'environment' });
    expect(fromEnv.endpoints.s3).toEqual({ url: 'http://127.0.0.1:6001', setBy: 'AWS_ENDPOINT_URL_S3' });
    expect(fromEnv.endpoints.dynamodb).toEqual({ url: 'http://127.0.0.1:5002', setBy: '[services split-services] dynamodb.endpoint_url of profile split' });
    const fromFlags = await resolveAwsSettings(env, { profile: 'ops', region: 'sa-east-1', endpointUrl: 'http://127.0.0.1:7000' });
    expect(fromFlags).toMatchObject({ profile: 'ops', profileSource: 'flag', region: 'sa-east-1', regionSource: 'flag' });
    for (const service of ['s3', 'dynamodb', 'sts'] as const) expect(fromFlags.endpoints[service]).toEqual({ url: 'http://127.0.0.1:7000', setBy: '--endpoint-url' });
  });

  it('keys in the environment win over AWS_PROFILE (as in aws-cli); --profile wins over both', async () => {
    const env = { ...files, AWS_PROFILE: 'ops', AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'e' };
    expect((await resolveAwsSettings(env)).credentials).toEqual({ accessKeyId: 'AKIAENV', secretAccessKey: 'e' });
    expect((await resolveAwsSettings(env, { profile: 'ops' })).credentialsSource).toBe('profile ops');
  });

  it('the default profile applies when none is named, and us-east-1 when nothing names a region', async () => {
    expect(await resolveAwsSettings(files)).toMatchObject({ profile: 'default', profileSource: 'default', region: 'ap-south-1', regionSource: 'profile' });
    const none = { AWS_CONFIG_FILE: path.join(dir, 'missing'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'missing'), AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' };
    expect(await resolveAwsSettings(none)).toMatchObject({ region: 'us-east-1', regionSource: 'default' });
  });

  it('refuses a profile that is in neither file', async () => {
    await expect(resolveAwsSettings(files, { profile: 'nobody' })).rejects.toBeInstanceOf(ProfileNotFoundError);
  });

  it('refuses S3 on a named server with DynamoDB on AWS itself, naming both', async () => {
    await expect(resolveAwsSettings({ ...files, AWS_PROFILE: 's3only' })).rejects.toThrow(TargetMixError);
    await expect(resolveAwsSettings({ ...files, AWS_PROFILE: 's3only' })).rejects.toThrow(/s3 resolves to http:\/\/127\.0\.0\.1:5001 .* but dynamodb to AWS itself/);
  });

  it('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS sends every service to AWS itself', async () => {
    const s = await resolveAwsSettings({ ...files, AWS_PROFILE: 'ops', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' });
    expect(s.endpoints.s3.url).toBeUndefined();
    expect(s.endpoints.dynamodb.url).toBeUndefined();
  });

  it('names the setting that holds an endpoint that is no URL', async () => {
    await expect(resolveAwsSettings({ ...files, AWS_PROFILE: 'ops' }, { endpointUrl: 'localhost:4566' })).rejects.toThrow(/--endpoint-url/);
  });
});

describe('hasAwsConfiguration', () => {
  const nothing = () => ({ AWS_CONFIG_FILE: path.join(dir, 'missing-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'missing-credentials'), HOME: dir });

  it('is false only when no flag, variable or shared file says anything about AWS', async () => {
    expect(await hasAwsConfiguration(nothing())).toBe(false);
    // A region alone, or a MongoDB, is no AWS configuration.
    expect(await hasAwsConfiguration({ ...nothing(), AWS_REGION: 'eu-west-1', MONGODB_URI: 'mongodb://x' })).toBe(false);
  });

  it.each([
    ['a profile', { AWS_PROFILE: 'ops' }, {}],
    ['keys', { AWS_ACCESS_KEY_ID: 'a' }, {}],
    ['an endpoint', { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1' }, {}],
    ['web identity', { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token' }, {}],
    ['--region', {}, { region: 'eu-west-1' }],
    ['--profile', {}, { profile: 'ops' }],
  ])('is true with %s', async (_what, env, flags) => {
    expect(await hasAwsConfiguration({ ...nothing(), ...env }, flags)).toBe(true);
  });

  it('is true when a shared config or credentials file has anything in it', async () => {
    expect(await hasAwsConfiguration(files)).toBe(true);
    expect(await hasAwsConfiguration({ ...nothing(), AWS_SHARED_CREDENTIALS_FILE: files.AWS_SHARED_CREDENTIALS_FILE })).toBe(true);
  });
});
