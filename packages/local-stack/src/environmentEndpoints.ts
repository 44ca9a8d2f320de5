import { LOCAL_CREDENTIALS, type ServiceName } from './StackEndpoints';

/** The servers named by the standard variables; each one set means that service is not started. */
export function environmentEndpoints(env: NodeJS.ProcessEnv): Partial<Record<ServiceName, string>> {
  const given: Partial<Record<ServiceName, string>> = {};
  if (env.AWS_ENDPOINT_URL_S3) given.s3 = env.AWS_ENDPOINT_URL_S3;
  if (env.AWS_ENDPOINT_URL_DYNAMODB) given.dynamodb = env.AWS_ENDPOINT_URL_DYNAMODB;
  if (env.MONGODB_URI) given.mongodb = env.MONGODB_URI;
  return given;
}

/**
 * Credentials and region: the environment's when it names a server (it may be real AWS),
 * otherwise fixed local ones, so a developer's AWS keys are never sent to the local stack by accident.
 */
export function stackCredentials(
  env: NodeJS.ProcessEnv,
  anyExternal: boolean,
): { region: string; accessKeyId: string; secretAccessKey: string } {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || LOCAL_CREDENTIALS.region;
  if (anyExternal && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { region, accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
  }
  return { ...LOCAL_CREDENTIALS, region: anyExternal ? region : LOCAL_CREDENTIALS.region };
}
