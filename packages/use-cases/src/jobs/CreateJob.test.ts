import { InvalidJobIdError, InvalidTimestampError, JobS3Prefix } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { Job, JobArchive, JobRepository, JobStatus, NewJob } from '../ports/JobRepository';
import type { NewRun, Run, RunRepository, RunResults } from '../ports/RunRepository';
import { CreateJob } from './CreateJob';
import { CreateRun } from './CreateRun';
import { JobAlreadyExistsError, JobNotFoundError } from './JobErrors';

/** In-memory repositories: the behaviour of the ports, without a server. */
class MemoryJobs implements JobRepository {
  readonly items = new Map<number, Job>();
  async create(job: NewJob): Promise<Job> {
    const id = job.id ?? this.items.size + 1;
    if (this.items.has(id)) throw new JobAlreadyExistsError(id);
    const stored: Job = { id, createdAt: job.createdAt, status: job.status ?? 'created', ...(job.name ? { name: job.name } : {}) };
    this.items.set(id, stored);
    return stored;
  }
  async findById(id: number): Promise<Job | undefined> {
    return this.items.get(id);
  }
  async updateStatus(id: number, status: JobStatus): Promise<Job> {
    const job = { ...this.items.get(id)!, status };
    this.items.set(id, job);
    return job;
  }
  async recordArchive(id: number, archive: JobArchive): Promise<Job> {
    const job = { ...this.items.get(id)!, status: 'archived' as const, archive };
    this.items.set(id, job);
    return job;
  }
}

class MemoryRuns implements RunRepository {
  readonly items = new Map<number, Run>();
  async create(run: NewRun): Promise<Run> {
    const stored = { id: run.id ?? this.items.size + 1, jobId: run.jobId, createdAt: run.createdAt };
    this.items.set(stored.id, stored);
    return stored;
  }
  async findById(id: number): Promise<Run | undefined> {
    return this.items.get(id);
  }
  async *listByJob(jobId: number): AsyncIterable<Run> {
    for (const r of this.items.values()) if (r.jobId === jobId) yield r;
  }
  async recordResults(id: number, results: RunResults): Promise<Run> {
    const run = { ...this.items.get(id)!, results };
    this.items.set(id, run);
    return run;
  }
}

const clock: Clock = { now: () => new Date('2025-10-23T21:15:00.250Z') };

describe('CreateJob', () => {
  it('takes created_at from the clock when none is given', async () => {
    const job = await new CreateJob(new MemoryJobs(), clock).execute({ name: 'detector' });
    expect(job.createdAt).toEqual(new Date('2025-10-23T21:15:00.250Z'));
    expect(JobS3Prefix.fromJob(job).basePrefix).toBe(`jobs/${job.id}/2025/10/23/211500`);
  });

  it('accepts a created_at with an explicit offset and stores the same instant', async () => {
    const job = await new CreateJob(new MemoryJobs(), clock).execute({ id: 12, createdAt: '2025-10-24T02:45:00+05:30' });
    expect(job.createdAt.toISOString()).toBe('2025-10-23T21:15:00.000Z');
  });

  it('refuses an ambiguous created_at without an offset, and an invalid id, before storing anything', async () => {
    const jobs = new MemoryJobs();
    await expect(new CreateJob(jobs, clock).execute({ createdAt: '2025-10-23T21:15:00' })).rejects.toBeInstanceOf(InvalidTimestampError);
    await expect(new CreateJob(jobs, clock).execute({ id: -3 })).rejects.toBeInstanceOf(InvalidJobIdError);
    expect(jobs.items.size).toBe(0);
  });
});

describe('CreateRun', () => {
  it('creates a run of an existing job at the clock\'s time', async () => {
    const jobs = new MemoryJobs();
    const runs = new MemoryRuns();
    const job = await new CreateJob(jobs, clock).execute();
    const run = await new CreateRun(jobs, runs, clock).execute({ jobId: job.id });
    expect(run).toEqual({ id: 1, jobId: job.id, createdAt: clock.now() });
  });

  it('fails with JobNotFoundError for an unknown job', async () => {
    const runs = new MemoryRuns();
    await expect(new CreateRun(new MemoryJobs(), runs, clock).execute({ jobId: 5 })).rejects.toBeInstanceOf(JobNotFoundError);
    expect(runs.items.size).toBe(0);
  });
});
