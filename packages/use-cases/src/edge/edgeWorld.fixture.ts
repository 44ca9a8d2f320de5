// In-memory record repositories and request-recording ML services: the behaviour of the ports
// without a server, for the edge use cases' specification and property tests.
import { S3PathConfig } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { CompilationRecord, CompilationRecordRepository } from '../ports/CompilationRecordRepository';
import type { CompilationJobDescription, CompilationJobRequest, CompilationService } from '../ports/CompilationService';
import type { ComponentPublisher, ComponentRecipe, PublishedComponent } from '../ports/ComponentPublisher';
import type { DeploymentRecord, DeploymentRecordRepository, PublishedComponentRef } from '../ports/DeploymentRecordRepository';
import type { StateUpdate, TrainingRecord, TrainingRecordRepository } from '../ports/TrainingRecordRepository';
import type { TrainingJobDescription, TrainingJobRequest, TrainingJobState, TrainingService } from '../ports/TrainingService';
import type { CompilationJobState } from '../ports/CompilationService';
import { CompilationJobAlreadyExistsError, DeploymentAlreadyExistsError, TrainingJobAlreadyExistsError } from './EdgeErrors';
import { DEFAULT_EDGE_SETTINGS, type EdgeSettings } from './EdgeSettings';

export class MemoryTrainingRecords implements TrainingRecordRepository {
  readonly items = new Map<string, TrainingRecord>();
  async create(r: TrainingRecord): Promise<void> {
    if (this.items.has(r.jobName)) throw new TrainingJobAlreadyExistsError(r.jobName);
    this.items.set(r.jobName, r);
  }
  async find(jobName: string): Promise<TrainingRecord | undefined> {
    return this.items.get(jobName);
  }
  async updateState(jobName: string, u: StateUpdate<TrainingJobState>): Promise<void> {
    const r = this.items.get(jobName);
    if (r) this.items.set(jobName, { ...r, ...u });
  }
}

export class MemoryCompilationRecords implements CompilationRecordRepository {
  readonly items = new Map<string, CompilationRecord>();
  async createAll(records: readonly CompilationRecord[]): Promise<void> {
    if (records.some((r) => this.items.has(`${r.jobName}/${r.target}`))) throw new CompilationJobAlreadyExistsError(records[0]!.jobName);
    for (const r of records) this.items.set(`${r.jobName}/${r.target}`, r);
  }
  async listTargets(jobName: string): Promise<CompilationRecord[]> {
    return [...this.items.values()].filter((r) => r.jobName === jobName).sort((a, b) => a.target.localeCompare(b.target));
  }
  async updateState(jobName: string, target: string, u: StateUpdate<CompilationJobState>): Promise<void> {
    const r = this.items.get(`${jobName}/${target}`);
    if (r) this.items.set(`${jobName}/${target}`, { ...r, ...u });
  }
}

export class MemoryDeploymentRecords implements DeploymentRecordRepository {
  readonly items = new Map<string, DeploymentRecord>();
  async create(r: DeploymentRecord): Promise<void> {
    if (this.items.has(r.name)) throw new DeploymentAlreadyExistsError(r.name);
    this.items.set(r.name, r);
  }
  async find(name: string): Promise<DeploymentRecord | undefined> {
    return this.items.get(name);
  }
  async recordComponent(name: string, component: PublishedComponentRef): Promise<void> {
    const r = this.items.get(name);
    if (r) this.items.set(name, { ...r, component });
  }
}

/** Records every request; jobs report `state` when described. */
export class RecordingTrainingService implements TrainingService {
  readonly requests: TrainingJobRequest[] = [];
  state: TrainingJobState = 'InProgress';
  async start(r: TrainingJobRequest): Promise<{ arn: string }> {
    this.requests.push(r);
    return { arn: `arn:aws:sagemaker:us-east-1:000000000000:training-job/${r.jobName}` };
  }
  async describe(jobName: string): Promise<TrainingJobDescription> {
    return { jobName, state: this.state };
  }
}

export class RecordingCompilationService implements CompilationService {
  readonly requests: CompilationJobRequest[] = [];
  async start(r: CompilationJobRequest): Promise<{ arn: string }> {
    this.requests.push(r);
    return { arn: `arn:aws:sagemaker:us-east-1:000000000000:compilation-job/${r.neoJobName}` };
  }
  async describe(neoJobName: string): Promise<CompilationJobDescription> {
    return { neoJobName, state: 'INPROGRESS' };
  }
}

export class RecordingPublisher implements ComponentPublisher {
  readonly recipes: ComponentRecipe[] = [];
  async publish(recipe: ComponentRecipe): Promise<PublishedComponent> {
    this.recipes.push(recipe);
    return { arn: `arn:aws:greengrass:us-east-1:000000000000:components:${recipe.ComponentName}:versions:${recipe.ComponentVersion}`, componentName: recipe.ComponentName, componentVersion: recipe.ComponentVersion, state: 'DEPLOYABLE' };
  }
}

export const fixedClock: Clock = { now: () => new Date('2025-10-23T21:15:00.000Z') };

export function edgeSettings(bucket = 'edge-bucket', prefix = ''): EdgeSettings {
  return {
    ...DEFAULT_EDGE_SETTINGS,
    bucket,
    pathConfig: S3PathConfig.create({ bucket, prefix }),
    sageMakerRoleArn: 'arn:aws:iam::000000000000:role/edgecv-sagemaker',
  };
}
