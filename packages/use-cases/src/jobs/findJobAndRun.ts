import type { Job, JobRepository } from '../ports/JobRepository';
import type { Run, RunRepository } from '../ports/RunRepository';
import { JobNotFoundError, RunNotFoundError, RunNotInJobError } from './JobErrors';

export async function findJob(jobs: JobRepository, jobId: number): Promise<Job> {
  const job = await jobs.findById(jobId);
  if (!job) throw new JobNotFoundError(jobId);
  return job;
}

/** The job, and the run checked to belong to it. */
export async function findJobAndRun(jobs: JobRepository, runs: RunRepository, jobId: number, runId: number): Promise<{ job: Job; run: Run }> {
  const job = await findJob(jobs, jobId);
  const run = await runs.findById(runId);
  if (!run) throw new RunNotFoundError(runId);
  if (run.jobId !== job.id) throw new RunNotInJobError(runId, job.id, run.jobId);
  return { job, run };
}
