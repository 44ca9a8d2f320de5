// One handler of apps/lambdas as a NodejsFunction: bundled locally by the workspace's esbuild
// (never Docker), its own role with no managed policy, its own log group (the metric filters
// and the log permission need its name), Node 24 on x86_64 (the platform apps/lambdas builds
// sharp for).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import path from 'node:path';
import { Construct } from 'constructs';
import { handlerEntry, LAMBDAS_DIR, REPO_ROOT } from './paths';

export interface EdgecvFunctionProps {
  readonly entry: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  readonly layers?: readonly lambda.ILayerVersion[];
}

/** Optional dependencies of the MongoDB driver edgecv never loads, and sharp (a layer). */
export const EXTERNAL_MODULES = Object.freeze(['sharp', 'kerberos', '@mongodb-js/zstd', 'snappy', 'socks', 'aws4', 'mongodb-client-encryption', 'gcp-metadata', '@aws-sdk/credential-providers', 'pg-native']);

export class EdgecvFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: EdgecvFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: `edgecv ${props.entry}` });
    // What AWSLambdaBasicExecutionRole grants, limited to this function's own log group.
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }));
    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      entry: handlerEntry(props.entry),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.X86_64,
      layers: [...(props.layers ?? [])],
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // X-Ray needs xray:PutTraceSegments on "*"; no Lambda here gets a "*" resource.
      tracing: lambda.Tracing.DISABLED,
      environment: { ...props.environment, POWERTOOLS_TRACE_ENABLED: 'false', NODE_OPTIONS: '--enable-source-maps' },
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'pnpm-lock.yaml'),
      bundling: {
        forceDockerBundling: false,
        tsconfig: path.join(LAMBDAS_DIR, 'tsconfig.json'),
        target: 'node24',
        format: nodejs.OutputFormat.CJS,
        minify: true,
        sourceMap: true,
        // The AWS SDK is bundled: the adapters rely on recent SDK features the runtime's copy may
        // lag behind. sharp is native and comes from the SharpLayer where a handler needs it.
        externalModules: [...EXTERNAL_MODULES],
      },
    });
  }
}
