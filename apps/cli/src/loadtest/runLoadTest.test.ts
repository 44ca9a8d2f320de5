import { setTimeout as sleep } from 'node:timers/promises';
import { htmlReport } from './htmlReport';
import type { HttpClient } from './httpClient';
import { runLoadTest } from './runLoadTest';

const client: HttpClient = { request: async () => ({ status: 200, body: Buffer.alloc(0) }), close: () => undefined };

describe('runLoadTest', () => {
  it('runs tasks by weight, stops at the deadline, and keeps every second in the timeline even when none finished', async () => {
    const slow = { name: 'slow', weight: 1, run: async () => (await sleep(1300), { ok: true as const }) };
    const failing = { name: 'failing', weight: 3, run: async () => (await sleep(1300), { ok: false as const, error: 'HTTP 500' }) };
    const started = Date.now();
    const result = await runLoadTest({ shape: { users: 3, spawnRate: 100, durationSeconds: 2.5, initialUsers: 0 }, tasks: [slow, failing], client, waitMs: [0, 0] });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.requests).toBe(6); // 3 users x 2 rounds of 1.3 s in 2.5 s (the second round finishes after the deadline)
    expect(result.operations.failing!.errors).toBe(result.operations.failing!.count);
    expect(result.errorRate).toBeCloseTo(result.operations.failing!.count / 6, 3);
    expect(result.timeline.every((s) => s !== undefined && typeof s.second === 'number')).toBe(true);
    expect(result.timeline[0]).toMatchObject({ second: 0, requests: 0 });
    expect(result.errorSamples).toEqual(['failing: HTTP 500']);
    expect(htmlReport(result, { target: 'http://127.0.0.1:1', startedAt: new Date(), shape: 'test' })).toContain('</svg>');
  });

  it('reports the timed steps of a task beside the tasks without counting them as requests or errors of their own', async () => {
    const view = {
      name: 'view',
      weight: 1,
      run: async () => ({ ok: false as const, error: 'GET image URL 404', steps: [{ name: 'lookup', ms: 5 }, { name: 'download', ms: 7, error: 'GET image URL 404' }] }),
    };
    const result = await runLoadTest({ shape: { users: 1, spawnRate: 100, durationSeconds: 0.3, initialUsers: 0 }, tasks: [view], client, waitMs: [50, 50] });
    const views = result.operations.view!.count;
    expect(views).toBeGreaterThan(0);
    expect(result.requests).toBe(views);
    expect(result.errorRate).toBe(1);
    expect(result.steps.lookup).toMatchObject({ count: views, errors: 0, p50: 5 });
    expect(result.steps.download).toMatchObject({ count: views, errors: views, p50: 7 });
  });
});
