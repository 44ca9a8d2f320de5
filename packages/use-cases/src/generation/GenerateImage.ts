// generateImage: a picture for a prompt, from the cache when the same request was made before,
// else from the model, within Bedrock's limits: at most `maxInFlight` generations in flight in
// this process, retries with full-jitter back-off when the model throttles, and one budget
// (spec 003's 30 s) for waiting, every attempt and every back-off together.
import { randomInt, randomUUID } from 'node:crypto';
import { GENERATION_LIMITS, GenerationRequest, type GenerationRequestInput } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { ImageGenerator } from '../ports/ImageGenerator';
import type { Logger } from '../ports/Logger';
import type { ObjectStore } from '../ports/ObjectStore';
import { describeError } from '../images/ImageOperationLog';
import type { ImageStorageConfig } from '../images/ImageStorageConfig';
import { realSleep, type Sleep } from '../images/ImageUploader';
import { sniffImageFormat } from '../images/sniffImageFormat';
import { GeneratedImageCache } from './GeneratedImageCache';
import { GenerationFailedError, GenerationThrottledError, GenerationTimeoutError, isGenerationError } from './GenerationErrors';
import type { GenerationSettings } from './GenerationSettings';
import { generationRequestHash } from './requestHash';
import { Semaphore } from './Semaphore';

export interface GenerateImageInput extends GenerationRequestInput {
  /** Generate again even when the cache has this request; without a seed, a new random seed. */
  readonly fresh?: boolean;
}

export interface PreparedGeneration {
  readonly request: GenerationRequest;
  readonly fresh: boolean;
}

export interface GeneratedImage {
  readonly bytes: Uint8Array;
  readonly contentType: 'image/png';
  readonly request: GenerationRequest;
  readonly model: string;
  readonly requestHash: string;
  /** true when the picture came from the cache and the model was not called. */
  readonly cached: boolean;
  /** Model calls made (0 on a cache hit). */
  readonly attempts: number;
  readonly correlationId: string;
}

export interface GenerateImageDeps {
  readonly generator: ImageGenerator;
  readonly store: ObjectStore;
  readonly config: ImageStorageConfig;
  readonly settings: GenerationSettings;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly sleep?: Sleep;
  /** [0, 1): the back-off jitter. */
  readonly random?: () => number;
  /** A fresh seed when `fresh` is asked without one. */
  readonly randomSeed?: () => number;
}

export class GenerateImage {
  private readonly slots: Semaphore;
  private readonly cache: GeneratedImageCache;

  constructor(private readonly deps: GenerateImageDeps) {
    this.slots = new Semaphore(deps.settings.maxInFlight);
    this.cache = new GeneratedImageCache(deps.store, deps.config, deps.logger);
  }

  /** Generations running now and waiting for a slot, in this process. */
  get load(): { readonly inFlight: number; readonly queued: number } {
    return { inFlight: this.slots.inFlight, queued: this.slots.queued };
  }

  /**
   * The validated request (defaults filled in, a random seed for `fresh` without one): callers that
   * must refuse bad input before writing anything prepare first, then run.
   */
  prepare(input: GenerateImageInput): PreparedGeneration {
    const seed = input.seed ?? (input.fresh ? (this.deps.randomSeed ?? (() => randomInt(0, GENERATION_LIMITS.maxSeed + 1)))() : undefined);
    return Object.freeze({ request: GenerationRequest.parse({ ...input, seed }, this.deps.settings.defaults), fresh: input.fresh === true });
  }

  async execute(input: GenerateImageInput, context: { readonly correlationId?: string } = {}): Promise<GeneratedImage> {
    return this.run(this.prepare(input), context);
  }

  async run({ request, fresh }: PreparedGeneration, context: { readonly correlationId?: string } = {}): Promise<GeneratedImage> {
    const { generator, settings, logger } = this.deps;
    const correlationId = context.correlationId ?? randomUUID();
    const requestHash = generationRequestHash(generator.model, request);
    const result = (bytes: Uint8Array, cached: boolean, attempts: number): GeneratedImage => ({ bytes, contentType: 'image/png', request, model: generator.model, requestHash, cached, attempts, correlationId });
    const fields = { correlationId, model: generator.model, requestHash, seed: request.seed, size: `${request.width}x${request.height}` };

    if (settings.cache && !fresh) {
      const hit = await this.cache.get(requestHash, correlationId);
      if (hit && sniffImageFormat(hit).format === 'png') {
        logger.info('image generation: cache hit', fields);
        return result(hit, true, 0);
      }
    }

    const started = Date.now();
    const budget = new AbortController();
    const timer = setTimeout(() => budget.abort(new GenerationTimeoutError(settings.budgetMs, { correlationId })), settings.budgetMs);
    try {
      const release = await this.slots.acquire(budget.signal);
      if (!release) {
        logger.warn('image generation: no slot within the budget', { ...fields, maxInFlight: settings.maxInFlight });
        throw new GenerationThrottledError(1, { correlationId }, `all ${settings.maxInFlight} generation slots stayed busy for ${settings.budgetMs} ms`);
      }
      let picture: Uint8Array;
      let attempts = 0;
      try {
        for (;;) {
          attempts++;
          try {
            picture = (await this.attempt(request, budget.signal)).bytes;
            break;
          } catch (error) {
            const failure = budget.signal.aborted ? new GenerationTimeoutError(settings.budgetMs, { correlationId, cause: error }) : toGenerationError(error, correlationId);
            const retryable = failure instanceof GenerationThrottledError || (failure instanceof GenerationFailedError && failure.retryable);
            const wait = this.backoff(attempts);
            const remaining = settings.budgetMs - (Date.now() - started);
            if (!retryable || attempts >= settings.maxAttempts || wait >= remaining) {
              logger.error('image generation: failure', { ...fields, attempt: attempts, ...describeError(failure), cause: describeError(error) });
              // Still throttled after the retries the budget allowed: "try again in a moment".
              throw failure instanceof GenerationThrottledError ? new GenerationThrottledError(Math.max(1, Math.ceil(wait / 1000)), { correlationId, cause: error }, `still throttled after ${attempts} attempt(s)`) : failure;
            }
            logger.warn('image generation: retry', { ...fields, attempt: attempts, retryInMs: Math.round(wait), ...describeError(failure) });
            await (this.deps.sleep ?? realSleep)(wait);
          }
        }
      } finally {
        release();
      }
      if (sniffImageFormat(picture).format !== 'png') throw new GenerationFailedError('the model answered with something that is not a PNG', { correlationId });
      logger.info('image generation: success', { ...fields, attempts, bytes: picture.byteLength, durationMs: Date.now() - started });
      if (settings.cache) await this.cache.put(requestHash, picture, { model: generator.model, seed: request.seed, width: request.width, height: request.height }, correlationId);
      return result(picture, false, attempts);
    } finally {
      clearTimeout(timer);
    }
  }

  /** One model call; stops waiting when the budget runs out even if the adapter ignores the signal. */
  private attempt(request: GenerationRequest, signal: AbortSignal) {
    return new Promise<{ bytes: Uint8Array }>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      this.deps.generator.generate(request, { signal }).then(
        (p) => {
          signal.removeEventListener('abort', onAbort);
          resolve(p);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }

  private backoff(attempt: number): number {
    const { backoffBaseMs, backoffCapMs } = this.deps.settings;
    return (this.deps.random ?? Math.random)() * Math.min(backoffCapMs, backoffBaseMs * 2 ** (attempt - 1));
  }
}

function toGenerationError(error: unknown, correlationId: string) {
  if (isGenerationError(error)) return error;
  return new GenerationFailedError(`image generation failed: ${(error as Error)?.message ?? String(error)}`, { correlationId, cause: error });
}
