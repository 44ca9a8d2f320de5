// The static credentials of the standard SDK environment, when it names them; otherwise the
// SDK's own default chain (profiles, SSO, instance roles) applies.
export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export function credentialsFromEnv(env: NodeJS.ProcessEnv): { credentials?: StaticCredentials } {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return {};
  return {
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
  };
}

/**
 * What a client signs with: fixed keys, or a provider the SDK calls (and calls again before the
 * credentials expire), e.g. the default chain resolved for a named profile.
 */
export type AwsCredentials = StaticCredentials | (() => Promise<StaticCredentials & { readonly expiration?: Date }>);
