import { InvalidGenerationRequestError } from './AssignmentInputErrors';
import { DEFAULT_GENERATION, GenerationRequest } from './GenerationRequest';

describe('GenerationRequest (Nova Canvas TEXT_IMAGE limits)', () => {
  it("fills in Nova Canvas's defaults and a 1024x1024 picture, trimmed and frozen", () => {
    const r = GenerationRequest.parse({ prompt: '  A serene mountain landscape at sunset ' });
    expect(r).toEqual({ prompt: 'A serene mountain landscape at sunset', ...DEFAULT_GENERATION });
    expect(Object.isFrozen(r)).toBe(true);
  });

  it('keeps what the caller chose', () => {
    expect(GenerationRequest.parse({ prompt: 'p', negativePrompt: 'blurry', width: 512, height: 768, seed: 0, cfgScale: 8, quality: 'premium' })).toEqual({
      prompt: 'p',
      negativePrompt: 'blurry',
      width: 512,
      height: 768,
      seed: 0,
      cfgScale: 8,
      quality: 'premium',
    });
  });

  it.each([
    [{}, 'prompt'],
    [{ prompt: '   ' }, 'prompt'],
    [{ prompt: 'x'.repeat(1025) }, 'prompt'],
    [{ prompt: 'p', negativePrompt: 3 }, 'negativePrompt'],
    [{ prompt: 'p', width: 1000 }, 'width'],
    [{ prompt: 'p', width: 304 }, 'width'],
    [{ prompt: 'p', width: 4096, height: 2048 }, 'width'],
    [{ prompt: 'p', width: 1600, height: 320 }, 'height'],
    [{ prompt: 'p', seed: -1 }, 'seed'],
    [{ prompt: 'p', seed: 2_147_483_647 }, 'seed'],
    [{ prompt: 'p', seed: 1.5 }, 'seed'],
    [{ prompt: 'p', cfgScale: 1 }, 'cfgScale'],
    [{ prompt: 'p', quality: 'ultra' }, 'quality'],
  ])('refuses %j, naming %s', (input, path) => {
    let error: unknown;
    try {
      GenerationRequest.parse(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidGenerationRequestError);
    expect((error as InvalidGenerationRequestError).code).toBe('INVALID_GENERATION_REQUEST');
    expect((error as InvalidGenerationRequestError).issues.map((i) => i.path)).toContain(path);
  });

  it('names every offending field at once', () => {
    expect(() => GenerationRequest.parse({ prompt: '', width: 7, seed: 'x' })).toThrow(/prompt: .*width: .*seed: /);
  });
});
