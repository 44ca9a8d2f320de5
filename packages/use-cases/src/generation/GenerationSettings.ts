// How pictures are generated: data, with the defaults in one place.
import type { GenerationRequest } from '@edgecv/domain';

export interface GenerationSettings {
  /** Defaults for what a request leaves out (size, seed, cfgScale, quality). */
  readonly defaults: Partial<Omit<GenerationRequest, 'prompt' | 'negativePrompt'>>;
  /** Generations in flight in this process at most; more wait for a slot (within the budget). */
  readonly maxInFlight: number;
  /** The whole operation (waiting for a slot, every attempt, every back-off): spec 003's 30 s. */
  readonly budgetMs: number;
  /** Attempts when the model throttles or fails transiently. */
  readonly maxAttempts: number;
  /** Full-jitter back-off: a wait drawn from [0, min(cap, base * 2^(attempt-1))]. */
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  /** Reuse a picture already generated for the same request (spec 003 scalability notes). */
  readonly cache: boolean;
}

export const DEFAULT_GENERATION_SETTINGS: GenerationSettings = Object.freeze({
  defaults: Object.freeze({}),
  maxInFlight: 2,
  budgetMs: 30_000,
  maxAttempts: 4,
  backoffBaseMs: 500,
  backoffCapMs: 4_000,
  cache: true,
});

export function generationSettings(partial: Partial<GenerationSettings> = {}): GenerationSettings {
  const s = { ...DEFAULT_GENERATION_SETTINGS, ...partial };
  if (!Number.isInteger(s.maxInFlight) || s.maxInFlight < 1) throw new RangeError(`maxInFlight must be a positive integer, got ${s.maxInFlight}`);
  if (!(s.budgetMs > 0)) throw new RangeError(`budgetMs must be positive, got ${s.budgetMs}`);
  if (!Number.isInteger(s.maxAttempts) || s.maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer, got ${s.maxAttempts}`);
  return Object.freeze(s);
}
