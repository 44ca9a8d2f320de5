// TrainingService on SageMaker: the request built here is the tested part (S3OutputPath is the
// layout's training root, TrainingJobName the job, so the model lands at trainingModelKey(job)).
import {
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  SageMakerClient,
  type CreateTrainingJobCommandInput,
} from '@aws-sdk/client-sagemaker';
import type { TrainingJobDescription, TrainingJobRequest, TrainingJobState, TrainingService } from '@edgecv/use-cases';
import { translateAwsError, translateErrorsOf } from '../shared/awsErrors';
import { clientOptions, type AwsMlConfig } from './AwsMlConfig';

export class SageMakerTrainingService implements TrainingService {
  readonly client: SageMakerClient;

  constructor(config: AwsMlConfig | { client: SageMakerClient }) {
    this.client = translateErrorsOf('client' in config ? config.client : new SageMakerClient(clientOptions(config)), (error, call) => translateAwsError('SAGEMAKER', error, { operation: call.operation }) ?? error);
  }

  async start(request: TrainingJobRequest): Promise<{ arn: string }> {
    const out = await this.client.send(new CreateTrainingJobCommand(trainingJobInput(request)));
    return { arn: out.TrainingJobArn ?? '' };
  }

  async describe(jobName: string): Promise<TrainingJobDescription> {
    const out = await this.client.send(new DescribeTrainingJobCommand({ TrainingJobName: jobName }));
    return {
      jobName,
      state: (out.TrainingJobStatus ?? 'InProgress') as TrainingJobState,
      ...(out.FailureReason ? { failureReason: out.FailureReason } : {}),
      ...(out.ModelArtifacts?.S3ModelArtifacts ? { modelArtifactUri: out.ModelArtifacts.S3ModelArtifacts } : {}),
    };
  }
}

export function trainingJobInput(r: TrainingJobRequest): CreateTrainingJobCommandInput {
  return {
    TrainingJobName: r.jobName,
    RoleArn: r.roleArn,
    AlgorithmSpecification: { TrainingImage: r.trainingImage, TrainingInputMode: 'File' },
    InputDataConfig: [
      {
        ChannelName: 'training',
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: r.inputDataUri, S3DataDistributionType: 'FullyReplicated' } },
      },
    ],
    OutputDataConfig: { S3OutputPath: r.outputPath },
    ResourceConfig: { InstanceType: r.instanceType as never, InstanceCount: r.instanceCount, VolumeSizeInGB: r.volumeSizeGb },
    StoppingCondition: { MaxRuntimeInSeconds: r.maxRuntimeSeconds },
    ...(r.hyperParameters !== undefined ? { HyperParameters: { ...r.hyperParameters } } : {}),
    Tags: [{ Key: 'edgecv:job', Value: r.jobName }],
  };
}
