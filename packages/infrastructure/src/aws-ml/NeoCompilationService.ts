// CompilationService on SageMaker Neo: one CreateCompilationJob per target, each writing into
// the target's own folder of the layout.
import {
  CreateCompilationJobCommand,
  DescribeCompilationJobCommand,
  SageMakerClient,
  type CreateCompilationJobCommandInput,
} from '@aws-sdk/client-sagemaker';
import type { CompilationJobDescription, CompilationJobRequest, CompilationJobState, CompilationService } from '@edgecv/use-cases';
import { translateAwsError, translateErrorsOf } from '../shared/awsErrors';
import { clientOptions, type AwsMlConfig } from './AwsMlConfig';

export class NeoCompilationService implements CompilationService {
  readonly client: SageMakerClient;

  constructor(config: AwsMlConfig | { client: SageMakerClient }) {
    this.client = translateErrorsOf('client' in config ? config.client : new SageMakerClient(clientOptions(config)), (error, call) => translateAwsError('SAGEMAKER', error, { operation: call.operation }) ?? error);
  }

  async start(request: CompilationJobRequest): Promise<{ arn: string }> {
    const out = await this.client.send(new CreateCompilationJobCommand(compilationJobInput(request)));
    return { arn: out.CompilationJobArn ?? '' };
  }

  async describe(neoJobName: string): Promise<CompilationJobDescription> {
    const out = await this.client.send(new DescribeCompilationJobCommand({ CompilationJobName: neoJobName }));
    return {
      neoJobName,
      state: (out.CompilationJobStatus ?? 'STARTING') as CompilationJobState,
      ...(out.FailureReason ? { failureReason: out.FailureReason } : {}),
      ...(out.ModelArtifacts?.S3ModelArtifacts ? { modelArtifactUri: out.ModelArtifacts.S3ModelArtifacts } : {}),
    };
  }
}

export function compilationJobInput(r: CompilationJobRequest): CreateCompilationJobCommandInput {
  return {
    CompilationJobName: r.neoJobName,
    RoleArn: r.roleArn,
    InputConfig: { S3Uri: r.modelUri, DataInputConfig: r.dataInputConfig, Framework: r.framework as never },
    OutputConfig: { S3OutputLocation: r.outputLocation, TargetDevice: r.targetDevice as never },
    StoppingCondition: { MaxRuntimeInSeconds: r.maxRuntimeSeconds },
    Tags: [{ Key: 'edgecv:target', Value: r.targetDevice }],
  };
}
