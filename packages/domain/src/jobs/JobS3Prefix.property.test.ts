import fc from 'fast-check';
import { jobIdArb, pathConfigArb, runIdArb, timestampArb } from '../../../../tooling/test-harness/src/arbitraries';
import { S3Key } from '../keys/S3Key';
import { DEFAULT_PATH_CONFIG } from '../layout/S3PathConfig';
import { JobS3Prefix } from './JobS3Prefix';

const isoWithOffset = (date: Date, offsetMinutes: number): string => {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local.toISOString().slice(0, 23)}${sign}${hh}:${mm}`;
};

describe('JobS3Prefix properties', () => {
  it('without a layout is the same as with DEFAULT_PATH_CONFIG, both ways', () => {
    const keyArb = fc.oneof(fc.string(), fc.constantFrom('jobs/1/2025/10/23/211500/x', 'team/jobs/1/2025/10/23/211500/x', 'jobs/1/2025/02/30/000000/x'));
    fc.assert(
      fc.property(jobIdArb, timestampArb, runIdArb, keyArb, (id, createdAt, runId, key) => {
        const light = JobS3Prefix.fromJob({ id, createdAt });
        const full = JobS3Prefix.fromJob({ id, createdAt }, DEFAULT_PATH_CONFIG);
        expect(light.basePrefix).toBe(full.basePrefix);
        expect(light.runResultsKey(runId).value).toBe(full.runResultsKey(runId).value);
        expect(JobS3Prefix.parse(light.runLogsKey(runId).value)).toEqual(JobS3Prefix.parse(light.runLogsKey(runId).value, DEFAULT_PATH_CONFIG));
        expect(JobS3Prefix.parse(key)).toEqual(JobS3Prefix.parse(key, DEFAULT_PATH_CONFIG));
      }),
      { numRuns: 200 },
    );
  });

  it('different jobs never share a prefix', () => {
    fc.assert(
      fc.property(jobIdArb, jobIdArb, timestampArb, timestampArb, (id1, id2, t1, t2) => {
        fc.pre(id1 !== id2);
        const a = JobS3Prefix.fromJob({ id: id1, createdAt: t1 });
        const b = JobS3Prefix.fromJob({ id: id2, createdAt: t2 });
        expect(a.basePrefix).not.toBe(b.basePrefix);
        expect(a.folder.startsWith(b.folder)).toBe(false);
        expect(b.folder.startsWith(a.folder)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('formats in UTC: the same instant written with any offset gives the same prefix', () => {
    const offsetArb = fc.integer({ min: -12 * 60, max: 14 * 60 }).map((m) => m - (m % 15));
    fc.assert(
      fc.property(jobIdArb, timestampArb, offsetArb, (id, createdAt, offset) => {
        fc.pre(createdAt.getTime() + offset * 60_000 >= Date.UTC(1970, 0, 1) && createdAt.getUTCFullYear() < 9999);
        const fromDate = JobS3Prefix.fromJob({ id, createdAt });
        const fromString = JobS3Prefix.fromJob({ id, createdAt: isoWithOffset(createdAt, offset) });
        expect(fromString.basePrefix).toBe(fromDate.basePrefix);
        const d = createdAt;
        const p = (n: number, w = 2): string => String(n).padStart(w, '0');
        expect(fromDate.basePrefix).toBe(
          `jobs/${id}/${p(d.getUTCFullYear(), 4)}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/` +
            `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('every key of a job lies under its one prefix and parses back to the job and its second', () => {
    fc.assert(
      fc.property(pathConfigArb, jobIdArb, timestampArb, runIdArb, (config, id, createdAt, runId) => {
        const prefix = JobS3Prefix.fromJob({ id, createdAt }, config);
        const folder = S3Key.folder(prefix.folder);
        for (const key of [
          prefix.jobConfigKey(),
          prefix.jobInputKey(),
          prefix.runConfigKey(runId),
          prefix.runResultsKey(runId),
          prefix.runLogsKey(runId),
        ]) {
          expect(key.isWithin(folder)).toBe(true);
          const parsed = JobS3Prefix.parse(key.value, config);
          expect(parsed?.jobId).toBe(id);
          expect(parsed?.basePrefix).toBe(prefix.basePrefix);
          expect(parsed?.timestamp.getTime()).toBe(Math.floor(createdAt.getTime() / 1000) * 1000);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is consistent: equal jobs give equal prefixes, and the timestamp is always a copy', () => {
    fc.assert(
      fc.property(jobIdArb, timestampArb, (id, createdAt) => {
        const a = JobS3Prefix.fromJob({ id, createdAt });
        const b = JobS3Prefix.fromJob({ id, createdAt: new Date(createdAt) });
        expect(a.equals(b)).toBe(true);
        expect(a.timestamp).not.toBe(a.timestamp);
        expect(a.timestamp.getTime()).toBe(createdAt.getTime());
        expect(Object.isFrozen(a)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
