import type { StackEndpoints } from '@edgecv/local-stack';

/**
 * The SDK environment that points at a resolved stack: services the user named in the
 * environment stay as they are, the others point at the local stack with its credentials.
 */
export function stackEnvironment(endpoints: StackEndpoints, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const local = !endpoints.external.s3 || !endpoints.external.dynamodb;
  return {
    ...env,
    ...(endpoints.external.s3 ? {} : { AWS_ENDPOINT_URL_S3: endpoints.s3 }),
    ...(endpoints.external.dynamodb ? {} : { AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb }),
    ...(endpoints.external.mongodb ? {} : { MONGODB_URI: endpoints.mongodb }),
    ...(local
      ? {
          AWS_REGION: env.AWS_REGION ?? endpoints.region,
          AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID ?? endpoints.accessKeyId,
          AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY ?? endpoints.secretAccessKey,
        }
      : {}),
  };
}
