// Bedrock's limits as the use case enforces them: bounded generations in flight, full-jitter
// back-off on throttling, one budget for everything, typed answers. The generator here is a
// stand-in port (the adapters are tested at the SDK client and against sharp); the cache is off
// (it is tested against the local S3 in infrastructure).
import { InvalidGenerationRequestError, type GenerationRequest } from '@edgecv/domain';
import type { ImageGenerator } from '../ports/ImageGenerator';
import type { ObjectStore } from '../ports/ObjectStore';
import { imageStorageConfig } from '../images/ImageStorageConfig';
import { GenerateImage } from './GenerateImage';
import { GenerationFailedError, GenerationRefusedError, GenerationThrottledError, GenerationTimeoutError } from './GenerationErrors';
import { generationSettings, type GenerationSettings } from './GenerationSettings';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const noStore = new Proxy({}, { get: () => () => Promise.reject(new Error('the cache is off: no S3 call expected')) }) as ObjectStore;

function generatorOf(answer: (request: GenerationRequest, call: number) => Promise<Uint8Array>): ImageGenerator & { calls: GenerationRequest[] } {
  const calls: GenerationRequest[] = [];
  return { model: 'test-model', calls, generate: async (request) => ({ bytes: await answer(request, calls.push(request)), contentType: 'image/png' }) };
}

function useCase(generator: ImageGenerator, settings: Partial<GenerationSettings> = {}, extra: { sleeps?: number[]; randomSeed?: () => number } = {}) {
  return new GenerateImage({
    generator,
    store: noStore,
    config: imageStorageConfig({ bucket: 'unused' }),
    settings: generationSettings({ cache: false, ...settings }),
    clock: { now: () => new Date('2026-01-01T00:00:00Z') },
    logger: silent,
    random: () => 0.5,
    sleep: async (ms) => void extra.sleeps?.push(ms),
    ...(extra.randomSeed ? { randomSeed: extra.randomSeed } : {}),
  });
}

const throttled = () => Promise.reject(new GenerationThrottledError(1));

describe('GenerateImage', () => {
  it('retries a throttled model with full-jitter exponential back-off, then answers the picture', async () => {
    const sleeps: number[] = [];
    const generator = generatorOf((_, call) => (call < 3 ? throttled() : Promise.resolve(PNG)));
    const image = await useCase(generator, { backoffBaseMs: 100, backoffCapMs: 1000 }, { sleeps }).execute({ prompt: 'a red fox' });
    expect(image).toMatchObject({ bytes: PNG, cached: false, attempts: 3, model: 'test-model' });
    // random() = 0.5 of min(cap, base * 2^(attempt-1))
    expect(sleeps).toEqual([50, 100]);
  });

  it('answers GENERATION_THROTTLED, "try again in a moment", when the model is still throttling after the last attempt', async () => {
    const generator = generatorOf(throttled);
    const error = await useCase(generator, { maxAttempts: 3, backoffBaseMs: 10 }).execute({ prompt: 'a red fox' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerationThrottledError);
    expect(error).toMatchObject({ code: 'GENERATION_THROTTLED' });
    expect((error as GenerationThrottledError).userMessage).toMatch(/try again in a moment/);
    expect((error as GenerationThrottledError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(generator.calls).toHaveLength(3);
  });

  it('never waits out a back-off that would end past the budget', async () => {
    const sleeps: number[] = [];
    const generator = generatorOf(throttled);
    const error = await useCase(generator, { budgetMs: 1000, backoffBaseMs: 4000, backoffCapMs: 8000 }, { sleeps }).execute({ prompt: 'p' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerationThrottledError);
    expect(generator.calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('does not retry a refused prompt', async () => {
    const generator = generatorOf(() => Promise.reject(new GenerationRefusedError('blocked by content filters')));
    await expect(useCase(generator).execute({ prompt: 'p' })).rejects.toBeInstanceOf(GenerationRefusedError);
    expect(generator.calls).toHaveLength(1);
  });

  it('retries a transient model failure but not a permanent one, and wraps unknown errors as GENERATION_FAILED', async () => {
    const transient = generatorOf((_, call) => (call === 1 ? Promise.reject(new GenerationFailedError('503', { retryable: true })) : Promise.resolve(PNG)));
    await expect(useCase(transient).execute({ prompt: 'p' })).resolves.toMatchObject({ attempts: 2 });
    const broken = generatorOf(() => Promise.reject(new TypeError('boom')));
    const error = await useCase(broken).execute({ prompt: 'p' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GENERATION_FAILED' });
    expect(broken.calls).toHaveLength(1);
  });

  it('keeps at most maxInFlight generations in flight; the others wait their turn and all finish', async () => {
    let running = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const generator = generatorOf(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      return PNG;
    });
    const generate = useCase(generator, { maxInFlight: 2 });
    const all = Promise.all(Array.from({ length: 5 }, (_, i) => generate.execute({ prompt: `p${i}` })));
    for (let released = 0; released < 5; ) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(generate.load.inFlight).toBeLessThanOrEqual(2);
      const gate = gates.shift();
      if (gate) {
        gate();
        released++;
      }
    }
    expect(await all).toHaveLength(5);
    expect(peak).toBe(2);
    expect(generate.load).toEqual({ inFlight: 0, queued: 0 });
  });

  it('stops a generation at the budget even when the adapter ignores the signal (GENERATION_TIMEOUT) and frees its slot', async () => {
    const generator = generatorOf(() => new Promise(() => undefined));
    const generate = useCase(generator, { maxInFlight: 1, budgetMs: 50 });
    const error = await generate.execute({ prompt: 'a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerationTimeoutError);
    expect(error).toMatchObject({ code: 'GENERATION_TIMEOUT', budgetMs: 50 });
    expect((error as GenerationTimeoutError).userMessage).toMatch(/took too long/);
    expect(generate.load).toEqual({ inFlight: 0, queued: 0 });
  });

  it('refuses a bad request before calling the model', async () => {
    const generator = generatorOf(() => Promise.resolve(PNG));
    await expect(useCase(generator).execute({ prompt: '', width: 100 })).rejects.toBeInstanceOf(InvalidGenerationRequestError);
    expect(generator.calls).toHaveLength(0);
  });

  it('uses the default seed unless asked for a fresh picture, which draws a new one', async () => {
    const generator = generatorOf(() => Promise.resolve(PNG));
    const generate = useCase(generator, {}, { randomSeed: () => 4242 });
    expect((await generate.execute({ prompt: 'p' })).request.seed).toBe(12);
    expect((await generate.execute({ prompt: 'p', fresh: true })).request.seed).toBe(4242);
    expect((await generate.execute({ prompt: 'p', fresh: true, seed: 7 })).request.seed).toBe(7);
  });

  it('refuses an answer that is not a PNG', async () => {
    const generator = generatorOf(() => Promise.resolve(new TextEncoder().encode('<html>oops</html>')));
    await expect(useCase(generator).execute({ prompt: 'p' })).rejects.toBeInstanceOf(GenerationFailedError);
  });
});
