// The one place the CLI reads its configuration: the environment it runs in (with the endpoints
// of the stack it resolved, when it needs services) and the options of the command, into the
// one typed EdgecvConfig. Nothing else in the CLI calls configFromEnv.
import { configFromEnv, stackEnvironment, type AwsSettings, type ConfigOverrides, type EdgecvConfig, type GenerationConfig, type MlServices } from '@edgecv/container';
import type { ServiceName, StackEndpoints } from '@edgecv/local-stack';
import { type CliContext } from '../context';

/** The role ARN the simulated ML services carry when none is configured (they never assume it). */
const LOCAL_SAGEMAKER_ROLE = 'arn:aws:iam::000000000000:role/edgecv-local';

export interface ResolvedStack {
  readonly endpoints: StackEndpoints;
  /** 'local-stack': the embedded stack (see isLocalTarget below); 'environment': AWS or servers its settings name. */
  readonly source: 'environment' | 'local-stack';
  /** Where the command acts, as printed on stderr and given as `target` in --json output. */
  readonly target: Target;
  /** The environment the command's configuration is read from (the resolved region and endpoints). */
  readonly env: NodeJS.ProcessEnv;
  /** The resolved AWS settings (credentials provider included) when the target is not the embedded stack. */
  readonly aws?: AwsSettings;
}

/** A command's target, as `--json` output shows it (`target`). */
export type Target =
  | {
      readonly kind: 'local-stack' | 'environment';
      readonly dataDir: string;
      readonly region: string;
      readonly started: boolean;
      readonly s3: string;
      readonly dynamodb: string;
      readonly mongodb: string;
      readonly bucket?: string;
      readonly tables?: readonly string[];
    }
  | {
      readonly kind: 'aws';
      readonly account: string;
      readonly arn: string;
      readonly region: string;
      readonly regionFrom: string;
      readonly profile: string;
      readonly credentialsFrom: string;
      readonly s3: string;
      readonly s3From?: string;
      readonly dynamodb: string;
      readonly dynamodbFrom?: string;
      readonly mongodb: string;
      readonly bucket?: string;
      readonly tables?: readonly string[];
    };
/**
 * The one answer to "is this the embedded local stack?", and to "is each of `services` served
 * by it?" (the environment may name its own server for one of them): where edgecv provisions on
 * its own and destructive steps ask no confirmation. Anything else (servers the environment or
 * a profile names, AWS) is a target that matters.
 */
export function isLocalTarget(stack: ResolvedStack | undefined, services: readonly ServiceName[] = []): boolean {
  return stack?.source === 'local-stack' && services.every((service) => !stack.endpoints.external[service]);
}

export interface CommandSettings extends ConfigOverrides {
  /** `serve --ml-services`; on the local stack, simulated unless EDGECV_ML_SERVICES says otherwise. */
  readonly mlServices?: MlServices;
  /** `serve --image-generator`; on the local stack, local unless EDGECV_IMAGE_GENERATOR says otherwise. */
  readonly imageGenerator?: GenerationConfig['generator'];
}

export function readConfig(ctx: CliContext, stack: ResolvedStack | undefined, { mlServices, imageGenerator, ...overrides }: CommandSettings = {}): EdgecvConfig {
  const env = stack === undefined ? ctx.env : stack.source === 'local-stack' ? stackEnvironment(stack.endpoints, stack.env) : stack.env;
  // An AWS target signs with what the settings resolved (the profile's chain), not only with keys in the environment.
  const credentials = stack?.aws ? { credentials: stack.aws.credentials } : {};
  const local = isLocalTarget(stack);
  // SageMaker, Neo, Greengrass and Bedrock have no local form: on the local stack they are simulated.
  const ml = mlServices ?? (local && !ctx.env.EDGECV_ML_SERVICES ? 'simulated' : undefined);
  const generator = imageGenerator ?? (local && !ctx.env.EDGECV_IMAGE_GENERATOR ? 'local' : undefined);
  const role = ctx.env.EDGECV_SAGEMAKER_ROLE_ARN ? {} : { sageMakerRoleArn: LOCAL_SAGEMAKER_ROLE };
  return configFromEnv(env, {
    ...overrides,
    s3: { ...credentials, ...overrides.s3 },
    dynamodb: { ...credentials, ...overrides.dynamodb },
    edge: { ...role, ...overrides.edge, ...(ml ? { mlServices: ml } : {}) },
    ...(generator ? { generation: { ...overrides.generation, generator } } : {}),
  });
}
