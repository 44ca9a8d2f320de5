// The load shapes of spec 003's load-testing section, as data. Flags on the command line win over
// a scenario's values.
export type ScenarioName = 'baseline' | 'stress' | 'spike' | 'endurance';

export interface LoadShape {
  /** Users at the end of the ramp. */
  readonly users: number;
  /** Users started per second while ramping. */
  readonly spawnRate: number;
  readonly durationSeconds: number;
  /** Users started at once before the ramp (the spike starts from 10). */
  readonly initialUsers: number;
}

export const SCENARIOS: Readonly<Record<ScenarioName, LoadShape>> = Object.freeze({
  baseline: { users: 10, spawnRate: 5, durationSeconds: 5 * 60, initialUsers: 0 },
  stress: { users: 50, spawnRate: 5, durationSeconds: 10 * 60, initialUsers: 0 },
  // 10 -> 100 users in 2 minutes.
  spike: { users: 100, spawnRate: 0.75, durationSeconds: 3 * 60, initialUsers: 10 },
  endurance: { users: 25, spawnRate: 5, durationSeconds: 60 * 60, initialUsers: 0 },
});

export const DEFAULT_SHAPE: LoadShape = Object.freeze({ users: 50, spawnRate: 5, durationSeconds: 60, initialUsers: 0 });

/** Users that should be running `elapsedSeconds` into the test. */
export function usersAt(shape: LoadShape, elapsedSeconds: number): number {
  const start = Math.min(shape.initialUsers, shape.users);
  return Math.min(shape.users, start + Math.floor(elapsedSeconds * shape.spawnRate));
}

/** `60s`, `10m`, `1h`, or plain seconds. */
export function parseDuration(raw: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim());
  if (!m) return undefined;
  const value = Number(m[1]);
  const unit = m[2] ?? 's';
  return unit === 'ms' ? value / 1000 : unit === 's' ? value : unit === 'm' ? value * 60 : value * 3600;
}
