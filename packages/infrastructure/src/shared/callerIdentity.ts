// Who the credentials are (STS GetCallerIdentity, which every AWS account and the local stack's
// moto answer), so a command can say in which account it is about to act.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentials } from './credentialsFromEnv';
import { translateAwsError, translateErrorsOf } from './awsErrors';

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
}

export interface CallerIdentitySettings {
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials?: AwsCredentials;
  readonly timeoutMs?: number;
}

/** The account and principal of the credentials; fails with the ports' typed errors (expired, missing, denied). */
export async function callerIdentity(settings: CallerIdentitySettings): Promise<CallerIdentity> {
  const client = translateErrorsOf(
    new STSClient({
      region: settings.region,
      ...(settings.endpoint !== undefined ? { endpoint: settings.endpoint } : {}),
      ...(settings.credentials !== undefined ? { credentials: settings.credentials } : {}),
      maxAttempts: 2,
    }),
    (error, call) => translateAwsError('STS', error, { operation: call.operation }, settings.endpoint) ?? error,
  );
  try {
    const abortSignal = AbortSignal.timeout(settings.timeoutMs ?? 10_000);
    const answer = await client.send(new GetCallerIdentityCommand({}), { abortSignal });
    return { account: answer.Account ?? '', arn: answer.Arn ?? '' };
  } finally {
    client.destroy();
  }
}
