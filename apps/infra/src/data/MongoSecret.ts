// The image handlers' MongoDB connection string (Atlas, DocumentDB or any MongoDB) lives in a
// Secrets Manager secret, never in a function's environment. The data stack creates
// `{tablePrefix}mongodb-uri` (its value is yours to set) unless edgecv:mongoSecret names an
// existing secret; the functions that declare MongoDB get its name and GetSecretValue on it only.
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { InfraConfig } from '../config/InfraConfig';
import { skipCheckov } from '../scanning/skipCheckov';

/** The secret's name (or the ARN edgecv:mongoSecret gives): what EDGECV_MONGODB_SECRET holds. */
export function mongoSecretId(config: InfraConfig): string {
  return config.mongoSecret ?? `${config.tablePrefix}mongodb-uri`;
}

/** Creates the secret when the configuration names none; undefined when it references one. */
export function createMongoSecret(scope: Construct, config: InfraConfig): secretsmanager.Secret | undefined {
  if (config.mongoSecret !== undefined) return undefined;
  const secret = new secretsmanager.Secret(scope, 'MongoUri', {
    secretName: mongoSecretId(config),
    description: 'edgecv: the MongoDB connection string of the image handlers (mongodb+srv://... or JSON {"uri": "..."}); set it after the first deploy',
    // Kept with the data it unlocks: deleting the stack must not lose the way to the assignments.
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason: 'The secret is the connection string of a database edgecv does not run (Atlas, DocumentDB); its owner rotates the user, and no rotation Lambda can do that for Atlas.',
  });
  skipCheckov(secret, {
    id: 'CKV_AWS_149',
    reason: 'Encrypted with the aws/secretsmanager KMS key; who may read it is decided by the GetSecretValue grants (the image functions only), which a customer-managed key would not change.',
  });
  return secret;
}

/** The secret as the functions use it, by name or ARN. */
export function referenceMongoSecret(scope: Construct, config: InfraConfig): secretsmanager.ISecret {
  const id = mongoSecretId(config);
  if (!id.startsWith('arn:')) return secretsmanager.Secret.fromSecretNameV2(scope, 'MongoSecret', id);
  // A complete ARN ends in the 6-character suffix Secrets Manager adds to the name.
  return /-[A-Za-z0-9]{6}$/.test(id) ? secretsmanager.Secret.fromSecretCompleteArn(scope, 'MongoSecret', id) : secretsmanager.Secret.fromSecretPartialArn(scope, 'MongoSecret', id);
}
