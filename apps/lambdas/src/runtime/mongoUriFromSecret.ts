// The image handlers' MongoDB connection string comes from Secrets Manager, never from the
// function's environment: the CDK app names the secret in EDGECV_MONGODB_SECRET (name or ARN) and
// grants the function GetSecretValue on it; the Lambda runtime reads it once per execution
// environment, before it builds the container, which then sees it as MONGODB_URI.
import { EdgecvError } from '@edgecv/domain';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export const MONGODB_SECRET_ENV = 'EDGECV_MONGODB_SECRET';

/** The secret cannot be read, or does not hold a connection string. Never carries the secret's value. */
export class MongoSecretError extends EdgecvError {
  readonly code = 'MONGODB_SECRET_INVALID';
  constructor(
    readonly secretId: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`the MongoDB secret ${secretId} ${reason}; store the connection string itself (mongodb:// or mongodb+srv://), or JSON with a "uri" field`, options);
    this.name = 'MongoSecretError';
  }
}

type SecretsClient = Pick<SecretsManagerClient, 'send'>;

/** The connection string in a secret's value: the string itself, or the `uri` of a JSON object. */
export function mongoUriOf(secretId: string, value: string | undefined): string {
  if (value === undefined) throw new MongoSecretError(secretId, 'has no string value (binary secrets are not read)');
  const text = value.trim();
  const uri = text.startsWith('{') ? uriField(secretId, text) : text;
  if (!/^mongodb(\+srv)?:\/\/\S+$/.test(uri)) throw new MongoSecretError(secretId, 'does not hold a mongodb:// or mongodb+srv:// URI');
  return uri;
}

function uriField(secretId: string, json: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new MongoSecretError(secretId, 'holds malformed JSON');
  }
  const uri = (parsed as { uri?: unknown } | null)?.uri;
  if (typeof uri !== 'string') throw new MongoSecretError(secretId, 'holds JSON without a string "uri" field');
  return uri;
}

export async function readMongoUri(secretId: string, client: SecretsClient): Promise<string> {
  let value: string | undefined;
  try {
    value = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  } catch (error) {
    const name = (error as { name?: string }).name ?? 'Error';
    throw new MongoSecretError(secretId, `cannot be read (${name})`, { cause: error });
  }
  return mongoUriOf(secretId, value);
}

/**
 * The environment the container reads: MONGODB_URI from the secret EDGECV_MONGODB_SECRET names
 * (it wins over a MONGODB_URI already there), or the environment unchanged when it names none.
 */
export async function withMongoUriFromSecret(env: NodeJS.ProcessEnv, client: () => SecretsClient = () => new SecretsManagerClient({})): Promise<NodeJS.ProcessEnv> {
  const secretId = env[MONGODB_SECRET_ENV];
  if (!secretId) return env;
  return { ...env, MONGODB_URI: await readMongoUri(secretId, client()) };
}
