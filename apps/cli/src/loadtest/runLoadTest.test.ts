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
});
