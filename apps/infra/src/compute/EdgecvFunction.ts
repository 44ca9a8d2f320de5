// One handler of apps/lambdas as a Lambda function: its asset built by apps/lambdas'
// bundleHandler while CDK stages it (the same build the bundle tests check; never Docker), its own
// role with no managed policy, its own log group (the metric filters and the log permission need
// its name), Node 24 on x86_64 (the platform of the sharp layer), reserved concurrency, the
// stack's dead-letter queue for asynchronous invocations, and what the drivers its handler
// declares need (HANDLER_DRIVERS: the sharp layer; the MongoDB secret's name and read access).
// Findings of the scanners that do not apply to these functions are recorded here, with the
// reason, for every function alike.
import path from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { bundleHandler, LAMBDA_HANDLER } from '@edgecv/lambdas/bundling/bundleHandler';
import { driversOf } from '@edgecv/lambdas/bundling/handlerDrivers';
import { MONGODB_SECRET_ENV } from '@edgecv/lambdas/runtime/mongoUriFromSecret';
import type { ReservedConcurrency } from '../config/InfraConfig';
import { InvalidInfraConfigError } from '../config/InvalidInfraConfigError';
import { acceptCfnLint } from '../scanning/acceptCfnLint';
import { LOG_GROUP_WITHOUT_CMK, ROLE_DEPENDENCY_ALSO_GETATT } from '../scanning/acceptedFindings';
import { skipCheckov } from '../scanning/skipCheckov';
import { LambdaDeadLetterQueue } from './LambdaDeadLetterQueue';
import { SharpLayer } from './SharpLayer';
import { LAMBDAS_DIR } from './paths';

export interface EdgecvFunctionProps {
  readonly entry: string;
  readonly environment: Readonly<Record<string, string>>;
  /** The configured value for this kind of function; `none` leaves it on the unreserved pool. */
  readonly reservedConcurrency: ReservedConcurrency;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /** Where a handler that declares MongoDB reads its connection string (name or ARN as configured). */
  readonly mongoSecret?: { readonly id: string; readonly secret: secretsmanager.ISecret };
}

export class EdgecvFunction extends Construct {
  readonly fn: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: EdgecvFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    skipCheckov(this.logGroup, LOG_GROUP_WITHOUT_CMK);
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: `edgecv ${props.entry}` });
    // What AWSLambdaBasicExecutionRole grants, limited to this function's own log group.
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }));
    const drivers = driversOf(props.entry);
    const environment: Record<string, string> = { ...props.environment, POWERTOOLS_TRACE_ENABLED: 'false' };
    if (drivers.includes('mongodb')) {
      if (props.mongoSecret === undefined) throw new InvalidInfraConfigError('mongoSecret', props.entry, 'a handler that declares mongodb needs the MongoDB secret');
      environment[MONGODB_SECRET_ENV] = props.mongoSecret.id;
      props.mongoSecret.secret.grantRead(this.role);
    }
    this.fn = new lambda.Function(this, 'Function', {
      code: handlerCode(this, props.entry),
      handler: LAMBDA_HANDLER,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.X86_64,
      layers: drivers.includes('sharp') ? [SharpLayer.of(this)] : [],
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // X-Ray needs xray:PutTraceSegments on "*"; no Lambda here gets a "*" resource.
      tracing: lambda.Tracing.DISABLED,
      environment,
      ...(props.reservedConcurrency === 'none' ? {} : { reservedConcurrentExecutions: props.reservedConcurrency }),
      deadLetterQueue: LambdaDeadLetterQueue.of(this),
    });
    skipCheckov(
      this.fn,
      {
        id: 'CKV_AWS_117',
        reason: 'No VPC: the functions reach only AWS public endpoints and MongoDB over TLS, and IAM limits what they touch; a VPC would add NAT cost and cold-start time and narrow nothing.',
      },
      {
        id: 'CKV_AWS_173',
        reason: 'The environment holds resource names only (bucket, tables, role ARN, the MongoDB secret name), which Lambda encrypts at rest with its service key; the one secret is in Secrets Manager.',
      },
      ...(props.reservedConcurrency === 'none'
        ? [{ id: 'CKV_AWS_115', reason: 'Deployed with edgecv:reservedConcurrency=none: the account concurrency quota is too low to reserve any (Lambda keeps 100 unreserved).' }]
        : []),
    );
    acceptCfnLint(this.fn, ROLE_DEPENDENCY_ALSO_GETATT);
  }
}

/**
 * The asset: `index.mjs` from apps/lambdas' bundleHandler, hashed by its output (a change that
 * leaves the bundle identical deploys nothing). The source map goes to `{cdk.out}/sourcemaps/`,
 * beside the assembly, never into the asset.
 */
function handlerCode(scope: Construct, entry: string): lambda.Code {
  const maps = path.join(Stage.of(scope)?.assetOutdir ?? path.join(LAMBDAS_DIR, 'dist'), 'sourcemaps');
  return lambda.Code.fromAsset(LAMBDAS_DIR, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Only local bundling runs; CDK requires an image to be named all the same.
      image: DockerImage.fromRegistry('edgecv-local-bundling-only'),
      // CDK caches staged assets by their bundling options, in which a tryBundle function does not
      // count: without the entry named here every function would get the first one's bundle.
      environment: { EDGECV_HANDLER_ENTRY: entry },
      local: {
        tryBundle(outputDir: string): boolean {
          bundleHandler(entry, { assetDir: outputDir, sourceMapFile: path.join(maps, `${entry}.mjs.map`) });
          return true;
        },
      },
    },
  });
}
