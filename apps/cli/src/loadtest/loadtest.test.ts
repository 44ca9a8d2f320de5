import { inflateSync } from 'node:zlib';
import { percentile, summarize } from './percentiles';
import { SCENARIOS, parseDuration, usersAt } from './scenarios';
import { syntheticPng } from './syntheticPng';

describe('percentiles', () => {
  it('are nearest-rank over the sorted samples', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), percentile(sorted, 100)]).toEqual([50, 95, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });

  it('summaries do not depend on the order samples arrived in', () => {
    expect(summarize([30, 10, 20, 40], 1)).toEqual({ count: 4, errors: 1, p50: 20, p95: 40, p99: 40, max: 40, mean: 25 });
  });
});

describe('load shapes', () => {
  it('ramp at the spawn rate up to the users, the spike from 10 to 100 in two minutes', () => {
    const shape = { users: 50, spawnRate: 5, durationSeconds: 60, initialUsers: 0 };
    expect([usersAt(shape, 0), usersAt(shape, 1), usersAt(shape, 9.9), usersAt(shape, 30)]).toEqual([0, 5, 49, 50]);
    expect([usersAt(SCENARIOS.spike, 0), usersAt(SCENARIOS.spike, 60), usersAt(SCENARIOS.spike, 120)]).toEqual([10, 55, 100]);
  });

  it('read durations as Locust writes them', () => {
    expect(['60s', '10m', '1h', '90', '500ms'].map(parseDuration)).toEqual([60, 600, 3600, 90, 0.5]);
    expect(parseDuration('ten minutes')).toBeUndefined();
  });
});

describe('syntheticPng', () => {
  it('is a valid RGB PNG of the asked size whose pixels differ by seed', () => {
    const png = syntheticPng(64, 1);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[25]]).toEqual([64, 64, 2]);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('latin1')).toBe('IDAT');
    expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe(64 * (1 + 64 * 3));
    expect(syntheticPng(64, 2).equals(png)).toBe(false);
  });
});
