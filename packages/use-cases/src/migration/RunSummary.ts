// What `run` reports, whether it finished or stopped (MigrationStalledError carries it too).
export interface RunSummary {
  readonly journal: string;
  readonly dryRun: boolean;
  readonly total: number;
  readonly alreadyDone: number;
  readonly toDo: number;
  readonly verified: number;
  readonly collisions: number;
  readonly sourceMissing: number;
  readonly mismatches: number;
  readonly transientFailures: number;
  readonly claimedElsewhere: number;
  readonly aborted: boolean;
  readonly elapsedMs: number;
  readonly objectsPerSecond: number;
  readonly finalConcurrency: number;
  /** How copies were kept from overwriting targets in this run (absent on a dry run). */
  readonly conditionalCopy?: 'native' | 'compare';
}
