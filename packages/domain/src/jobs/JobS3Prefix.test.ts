'use strict';
import { InvalidJobIdError } from '../errors/InvalidJobIdError';
import { InvalidRunIdError } from '../errors/InvalidRunIdError';
import { InvalidTimestampError } from '../errors/InvalidTimestampError';
import { S3Key } from '../keys/S3Key';
import { S3PathConfig } from '../layout/S3PathConfig';
import { JobS3Prefix } from './JobS3Prefix';

describe('JobS3Prefix (spec 004)', () => {
  describe('creation from a job', () => {
    it('Given job 12 created at 2025-10-23 21:15:00 UTC, its base prefix is jobs/12/2025/10/23/211500', () => {
      const createdAt = new Date('2025-10-23T21:15:00Z');
      const prefix = JobS3Prefix.fromJob({ id: 12, createdAt });
      expect(prefix.jobId).toBe(12);
      expect(prefix.timestamp.getTime()).toBe(createdAt.getTime());
      expect(prefix.basePrefix).toBe('jobs/12/2025/10/23/211500');
      expect(prefix.folder).toBe('jobs/12/2025/10/23/211500/');
    });

    it('builds the job-level and run-level keys under the one prefix', () => {
      const prefix = JobS3Prefix.fromJob({ id: 12, createdAt: '2025-10-23T21:15:00Z' });
      expect(prefix.jobConfigKey().value).toBe('jobs/12/2025/10/23/211500/job_config.json');
      expect(prefix.jobInputKey().value).toBe('jobs/12/2025/10/23/211500/job_input.zip');
      expect(prefix.runConfigKey(4).value).toBe('jobs/12/2025/10/23/211500/run_4_config.json');
      expect(prefix.runResultsKey(4).value).toBe('jobs/12/2025/10/23/211500/run_4_results.zip');
      expect(prefix.runLogsKey(4).value).toBe('jobs/12/2025/10/23/211500/run_4_logs.txt');
      expect(prefix.runResultsKey(5)).toBeInstanceOf(S3Key);
    });

    it('puts runs created later in the job folder, not in folders of their own time', () => {
      const prefix = JobS3Prefix.fromJob({ id: 12, createdAt: '2025-10-23T21:15:00Z' });
      const run4 = prefix.runResultsKey(4).value;
      const run5 = prefix.runResultsKey(5).value;
      expect(run4.slice(0, run4.lastIndexOf('/'))).toBe(run5.slice(0, run5.lastIndexOf('/')));
    });

    it('lives under the bucket prefix and jobs folder of the configuration', () => {
      const config = S3PathConfig.create({ prefix: 'team-a/', jobsFolder: 'platform/jobs' });
      const prefix = JobS3Prefix.fromJob({ id: 7, createdAt: '2024-01-02T03:04:05Z' }, config);
      expect(prefix.basePrefix).toBe('team-a/platform/jobs/7/2024/01/02/030405');
      expect(prefix.jobConfigKey().value).toBe('team-a/platform/jobs/7/2024/01/02/030405/job_config.json');
    });
  });

  describe('UTC formatting', () => {
    it.each([
      ['2025-10-24T02:45:00+05:30', 'jobs/1/2025/10/23/211500'],
      ['2025-10-23T13:15:00-08:00', 'jobs/1/2025/10/23/211500'],
      ['2025-10-23T21:15:00Z', 'jobs/1/2025/10/23/211500'],
      ['2025-10-23T21:15:00.999+00:00', 'jobs/1/2025/10/23/211500'],
      ['2025-10-23 21:15:00+0000', 'jobs/1/2025/10/23/211500'],
      ['2025-10-24T06:15:00+09', 'jobs/1/2025/10/23/211500'],
      ['2026-01-01T04:00:00+05:00', 'jobs/1/2025/12/31/230000'],
    ])('formats %s in UTC as %s', (createdAt, expected) => {
      expect(JobS3Prefix.fromJob({ id: 1, createdAt }).basePrefix).toBe(expected);
    });

    it('formats a Date in UTC whatever the process time zone', () => {
      const createdAt = new Date(Date.UTC(2025, 9, 23, 21, 15, 0));
      expect(JobS3Prefix.fromJob({ id: 1, createdAt }).basePrefix).toBe('jobs/1/2025/10/23/211500');
    });

    it.each(['2025-10-23T21:15:00', '2025-10-23 21:15:00', '2025-10-23T21:15:00.123'])(
      'rejects %p, which has no offset and is therefore ambiguous',
      (createdAt) => {
        expect(() => JobS3Prefix.fromJob({ id: 1, createdAt })).toThrow(InvalidTimestampError);
        expect(() => JobS3Prefix.fromJob({ id: 1, createdAt })).toThrow(/no UTC offset/);
      },
    );

    it.each([
      '2025-13-01T00:00:00Z',
      '2025-02-29T00:00:00Z',
      '2024-02-30T00:00:00Z',
      '2025-04-31T00:00:00Z',
      '2025-10-23T24:00:00Z',
      '2025-10-23T23:60:00Z',
      '2025-10-23T23:59:60Z',
      '2025-10-23T21:15:00+25:00',
      'yesterday',
      '',
      '1730000000',
    ])('rejects the invalid timestamp %p', (createdAt) => {
      expect(() => JobS3Prefix.fromJob({ id: 1, createdAt })).toThrow(InvalidTimestampError);
    });

    it('rejects an invalid Date', () => {
      expect(() => JobS3Prefix.fromJob({ id: 1, createdAt: new Date('nope') })).toThrow(InvalidTimestampError);
    });

    it('rejects instants a 4-digit year folder cannot hold', () => {
      expect(() => JobS3Prefix.fromJob({ id: 1, createdAt: new Date(Date.UTC(10000, 0, 1)) })).toThrow(
        InvalidTimestampError,
      );
    });
  });

  describe('edge cases', () => {
    it('formats midnight as 000000 of the new day', () => {
      expect(JobS3Prefix.fromJob({ id: 3, createdAt: '2025-01-01T00:00:00Z' }).basePrefix).toBe(
        'jobs/3/2025/01/01/000000',
      );
      expect(JobS3Prefix.fromJob({ id: 3, createdAt: '2024-12-31T23:59:59Z' }).basePrefix).toBe(
        'jobs/3/2024/12/31/235959',
      );
    });

    it('formats the leap day 2024-02-29', () => {
      const prefix = JobS3Prefix.fromJob({ id: 9, createdAt: '2024-02-29T12:30:45Z' });
      expect(prefix.basePrefix).toBe('jobs/9/2024/02/29/123045');
      expect(JobS3Prefix.parse(prefix.runLogsKey(1).value)?.timestamp.toISOString()).toBe(
        '2024-02-29T12:30:45.000Z',
      );
    });

    it('pads years before 1000 to four digits', () => {
      expect(JobS3Prefix.fromJob({ id: 1, createdAt: '0999-05-06T07:08:09Z' }).basePrefix).toBe(
        'jobs/1/0999/05/06/070809',
      );
    });

    it.each([0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, NaN])('rejects the job id %p', (id) => {
      expect(() => JobS3Prefix.fromJob({ id, createdAt: '2025-01-01T00:00:00Z' })).toThrow(InvalidJobIdError);
    });

    it.each([0, -4, 2.5])('rejects the run id %p', (runId) => {
      const prefix = JobS3Prefix.fromJob({ id: 1, createdAt: '2025-01-01T00:00:00Z' });
      expect(() => prefix.runResultsKey(runId)).toThrow(InvalidRunIdError);
    });
  });

  describe('immutability', () => {
    const createdAt = new Date('2025-10-23T21:15:00Z');
    const prefix = JobS3Prefix.fromJob({ id: 12, createdAt });

    it('is frozen', () => {
      expect(Object.isFrozen(prefix)).toBe(true);
    });

    it('throws on mutation attempts in strict mode', () => {
      expect(() => {
        (prefix as { jobId: number }).jobId = 13;
      }).toThrow(TypeError);
      expect(() => {
        (prefix as { basePrefix: string }).basePrefix = 'elsewhere';
      }).toThrow(TypeError);
      expect(() => {
        (prefix as unknown as { timestamp: Date }).timestamp = new Date();
      }).toThrow(TypeError);
      expect(() => {
        (prefix as unknown as { extra: number }).extra = 1;
      }).toThrow(TypeError);
      expect(prefix.basePrefix).toBe('jobs/12/2025/10/23/211500');
    });

    it('is unaffected when the caller mutates its Date after creation', () => {
      createdAt.setUTCFullYear(1999);
      expect(prefix.basePrefix).toBe('jobs/12/2025/10/23/211500');
      expect(prefix.timestamp.toISOString()).toBe('2025-10-23T21:15:00.000Z');
    });

    it('hands out a copy of its timestamp, never its own or the caller\'s instance', () => {
      const seen = prefix.timestamp;
      expect(seen).not.toBe(createdAt);
      seen.setUTCFullYear(2000);
      expect(prefix.timestamp.toISOString()).toBe('2025-10-23T21:15:00.000Z');
    });
  });

  describe('consistency', () => {
    it('gives the same keys on every call and for every equal job', () => {
      const job = { id: 12, createdAt: '2025-10-23T21:15:00Z' };
      const a = JobS3Prefix.fromJob(job);
      const b = JobS3Prefix.fromJob({ id: 12, createdAt: new Date('2025-10-23T23:15:00+02:00') });
      expect(a.runResultsKey(4).value).toBe(a.runResultsKey(4).value);
      expect(a.equals(b)).toBe(true);
      expect(a.jobConfigKey().value).toBe(b.jobConfigKey().value);
      expect(String(a)).toBe(a.basePrefix);
    });
  });

  describe('parse', () => {
    it('recognises a key under a job prefix', () => {
      const parsed = JobS3Prefix.parse('jobs/12/2025/10/23/211500/run_4_results.zip');
      expect(parsed).toEqual({
        jobId: 12,
        timestamp: new Date('2025-10-23T21:15:00Z'),
        basePrefix: 'jobs/12/2025/10/23/211500',
        rest: 'run_4_results.zip',
      });
    });

    it('recognises keys under the configured prefix only', () => {
      const config = S3PathConfig.create({ prefix: 'p' });
      expect(JobS3Prefix.parse('p/jobs/1/2025/01/01/000000/x', config)?.basePrefix).toBe(
        'p/jobs/1/2025/01/01/000000',
      );
      expect(JobS3Prefix.parse('jobs/1/2025/01/01/000000/x', config)).toBeUndefined();
    });

    it.each([
      'jobs/12/2025/13/23/211500/x',
      'jobs/12/2025/02/30/211500/x',
      'jobs/12/2023/02/29/000000/x',
      'jobs/12/2025/10/23/246000/x',
      'jobs/12/2025/10/23/211500',
      'jobs/012/2025/10/23/211500/x',
      'jobs/0/2025/10/23/211500/x',
      'jobs/x/2025/10/23/211500/x',
      'jobs/12/25/10/23/211500/x',
      'results/job_12/run_4.zip',
      'datasets/raw/x',
    ])('does not recognise %p', (key) => {
      expect(JobS3Prefix.parse(key)).toBeUndefined();
    });

    it('round-trips every key the prefix builds', () => {
      const prefix = JobS3Prefix.fromJob({ id: 5, createdAt: '2030-06-15T08:09:10Z' });
      for (const key of [prefix.jobConfigKey(), prefix.jobInputKey(), prefix.runConfigKey(2)]) {
        const parsed = JobS3Prefix.parse(key.value);
        expect(parsed?.jobId).toBe(5);
        expect(parsed?.basePrefix).toBe(prefix.basePrefix);
        expect(parsed?.timestamp.getTime()).toBe(prefix.timestamp.getTime());
      }
    });
  });
});
