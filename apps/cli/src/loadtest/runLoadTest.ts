// A bounded, self-stopping load generator: users start at the shape's spawn rate, each runs
// weighted tasks with a think time between them, and everything stops at the deadline (requests
// in flight are awaited, never cut). Latencies are kept per operation and per second.
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpClient } from './httpClient';
import type { Task } from './imageWorkload';
import { summarize, type LatencySummary } from './percentiles';
import { usersAt, type LoadShape } from './scenarios';

export interface LoadTestOptions {
  readonly shape: LoadShape;
  readonly tasks: readonly Task[];
  readonly client: HttpClient;
  /** Think time between a user's tasks, uniform in [min, max] ms. */
  readonly waitMs: readonly [number, number];
  readonly onSecond?: (second: SecondStats) => void;
}

export interface SecondStats {
  readonly second: number;
  readonly users: number;
  readonly requests: number;
  readonly errors: number;
  /** p50/p95 per operation over this second's requests. */
  readonly latency: Readonly<Record<string, { readonly p50: number; readonly p95: number }>>;
}

export interface LoadTestResult {
  readonly operations: Readonly<Record<string, LatencySummary>>;
  /** Timed parts of tasks (the view's API lookup and its image download): not requests of their own. */
  readonly steps: Readonly<Record<string, LatencySummary>>;
  /** Requests per second over the measured duration. */
  readonly throughput: number;
  readonly errorRate: number;
  readonly requests: number;
  readonly durationSeconds: number;
  readonly peakUsers: number;
  readonly timeline: readonly SecondStats[];
  /** The first few distinct failures, for the report. */
  readonly errorSamples: readonly string[];
}

export async function runLoadTest(o: LoadTestOptions): Promise<LoadTestResult> {
  const totalWeight = o.tasks.reduce((s, t) => s + t.weight, 0);
  const choose = (): Task => {
    let r = Math.random() * totalWeight;
    for (const t of o.tasks) if ((r -= t.weight) < 0) return t;
    return o.tasks[o.tasks.length - 1] as Task;
  };
  const latencies = new Map<string, number[]>(o.tasks.map((t) => [t.name, []]));
  const errors = new Map<string, number>(o.tasks.map((t) => [t.name, 0]));
  const perSecond: { requests: number; errors: number; latencies: Map<string, number[]> }[] = [];
  const errorSamples = new Set<string>();
  const stepLatencies = new Map<string, number[]>();
  const stepErrors = new Map<string, number>();
  const started = performance.now();
  const deadline = started + o.shape.durationSeconds * 1000;
  const stop = new AbortController();
  // Every user sleeps on this one signal.
  setMaxListeners(0, stop.signal);
  let running = 0;
  let peakUsers = 0;

  const record = (task: string, ms: number, failure?: string) => {
    latencies.get(task)?.push(ms);
    const second = Math.floor((performance.now() - started) / 1000);
    const bucket = (perSecond[second] ??= { requests: 0, errors: 0, latencies: new Map() });
    bucket.requests += 1;
    const list = bucket.latencies.get(task) ?? [];
    list.push(ms);
    bucket.latencies.set(task, list);
    if (failure !== undefined) {
      errors.set(task, (errors.get(task) ?? 0) + 1);
      bucket.errors += 1;
      if (errorSamples.size < 5) errorSamples.add(`${task}: ${failure}`);
    }
  };

  const user = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const task = choose();
      const t0 = performance.now();
      let failure: string | undefined;
      try {
        const outcome = await task.run(o.client);
        if (!outcome.ok) failure = outcome.error;
        for (const step of outcome.steps ?? []) {
          const list = stepLatencies.get(step.name) ?? [];
          list.push(step.ms);
          stepLatencies.set(step.name, list);
          if (step.error !== undefined) stepErrors.set(step.name, (stepErrors.get(step.name) ?? 0) + 1);
        }
      } catch (error) {
        failure = (error as Error).message;
      }
      record(task.name, performance.now() - t0, failure);
      const [min, max] = o.waitMs;
      const wait = Math.min(min + Math.random() * (max - min), Math.max(0, deadline - performance.now()));
      if (wait > 0) await sleep(wait, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  };

  const users: Promise<void>[] = [];
  let reported = 0;
  while (performance.now() < deadline) {
    const elapsed = (performance.now() - started) / 1000;
    while (running < usersAt(o.shape, elapsed)) {
      running += 1;
      users.push(user());
    }
    peakUsers = Math.max(peakUsers, running);
    const second = Math.floor(elapsed);
    while (reported < second) {
      o.onSecond?.(secondStats(reported, perSecond[reported], running));
      reported += 1;
    }
    await sleep(Math.min(100, Math.max(0, deadline - performance.now())));
  }
  stop.abort();
  await Promise.all(users);
  const durationSeconds = (performance.now() - started) / 1000;

  const operations = Object.fromEntries(o.tasks.map((t) => [t.name, summarize(latencies.get(t.name) ?? [], errors.get(t.name) ?? 0)]));
  const requests = Object.values(operations).reduce((s, op) => s + op.count, 0);
  const failed = Object.values(operations).reduce((s, op) => s + op.errors, 0);
  // Seconds in which no request finished are holes in perSecond: the timeline has every second.
  const timeline = Array.from({ length: perSecond.length }, (_, i) => secondStats(i, perSecond[i], undefined));
  const steps = Object.fromEntries([...stepLatencies].map(([name, list]) => [name, summarize(list, stepErrors.get(name) ?? 0)]));
  return {
    operations,
    steps,
    throughput: Math.round((requests / durationSeconds) * 100) / 100,
    errorRate: requests === 0 ? 0 : Math.round((failed / requests) * 10_000) / 10_000,
    requests,
    durationSeconds: Math.round(durationSeconds * 100) / 100,
    peakUsers,
    timeline,
    errorSamples: [...errorSamples],
  };

  function secondStats(second: number, bucket: (typeof perSecond)[number] | undefined, users: number | undefined): SecondStats {
    const latency: Record<string, { p50: number; p95: number }> = {};
    for (const [task, list] of bucket?.latencies ?? []) {
      const s = summarize(list, 0);
      latency[task] = { p50: s.p50, p95: s.p95 };
    }
    return { second, users: users ?? usersAt(o.shape, second), requests: bucket?.requests ?? 0, errors: bucket?.errors ?? 0, latency };
  }
}
