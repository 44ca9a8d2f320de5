// What a teacher asks the image model for, validated against Nova Canvas's TEXT_IMAGE limits so a
// bad prompt or size is refused here, with every offending field named, before any call is paid.
import { InvalidGenerationRequestError, type InputIssue } from './AssignmentInputErrors';

/** Nova Canvas's quality setting. */
export type GenerationQuality = 'standard' | 'premium';

/**
 * A validated request to the image model: prompt, size, seed, guidance and quality within Nova
 * Canvas's TEXT_IMAGE limits.
 */
export interface GenerationRequest {
  readonly prompt: string;
  readonly negativePrompt?: string;
  readonly width: number;
  readonly height: number;
  readonly seed: number;
  readonly cfgScale: number;
  readonly quality: GenerationQuality;
}

/** A generation request as it arrives (from JSON), before GenerationRequest.parse checks it. */
export interface GenerationRequestInput {
  readonly prompt?: unknown;
  readonly negativePrompt?: unknown;
  readonly width?: unknown;
  readonly height?: unknown;
  readonly seed?: unknown;
  readonly cfgScale?: unknown;
  readonly quality?: unknown;
}

/** Nova Canvas's documented limits (TEXT_IMAGE). */
export const GENERATION_LIMITS = /* @__PURE__ */ Object.freeze({
  maxPromptChars: 1024,
  minSide: 320,
  maxSide: 4096,
  sideMultiple: 16,
  maxPixels: 4_194_304,
  maxAspect: 4,
  maxSeed: 2_147_483_646,
  minCfgScale: 1.1,
  maxCfgScale: 10,
});

/** Amazon Bedrock Nova Canvas: the image model of spec 003 (configuration may name another). */
export const DEFAULT_IMAGE_MODEL_ID = 'amazon.nova-canvas-v1:0';

/** Nova Canvas's own defaults, and the 1024x1024 picture the portal shows. */
export const DEFAULT_GENERATION = /* @__PURE__ */ Object.freeze({ width: 1024, height: 1024, seed: 12, cfgScale: 6.5, quality: 'standard' as GenerationQuality });

/**
 * Parses what a teacher asks the image model for, refusing a bad prompt or size with every
 * offending field named, before any call is paid.
 */
export const GenerationRequest = /* @__PURE__ */ Object.freeze({
  /** The request with defaults filled in, frozen; InvalidGenerationRequestError naming every bad field. */
  parse(input: GenerationRequestInput, defaults: Partial<Omit<GenerationRequest, 'prompt' | 'negativePrompt'>> = {}): GenerationRequest {
    const d = { ...DEFAULT_GENERATION, ...defaults };
    const L = GENERATION_LIMITS;
    const issues: InputIssue[] = [];
    const text = (path: string, value: unknown, required: boolean): string | undefined => {
      if (value === undefined || value === null || (!required && value === '')) {
        if (required) issues.push({ path, message: 'is required' });
        return undefined;
      }
      if (typeof value !== 'string') return void issues.push({ path, message: 'must be a string' });
      const trimmed = value.trim();
      if (trimmed === '') return void issues.push({ path, message: 'must not be blank' });
      if ([...trimmed].length > L.maxPromptChars) return void issues.push({ path, message: `must be at most ${L.maxPromptChars} characters` });
      return trimmed;
    };
    const integer = (path: string, value: unknown, fallback: number, min: number, max: number): number => {
      if (value === undefined || value === null) return fallback;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        issues.push({ path, message: `must be an integer from ${min} to ${max}` });
        return fallback;
      }
      return value;
    };
    const prompt = text('prompt', input.prompt, true);
    const negativePrompt = text('negativePrompt', input.negativePrompt, false);
    const width = integer('width', input.width, d.width, L.minSide, L.maxSide);
    const height = integer('height', input.height, d.height, L.minSide, L.maxSide);
    for (const [path, side] of [['width', width], ['height', height]] as const) {
      if (side % L.sideMultiple !== 0) issues.push({ path, message: `must be a multiple of ${L.sideMultiple}` });
    }
    if (width * height > L.maxPixels) issues.push({ path: 'width', message: `width x height must be at most ${L.maxPixels} pixels` });
    if (Math.max(width, height) / Math.min(width, height) > L.maxAspect) issues.push({ path: 'height', message: `the aspect ratio must be between 1:${L.maxAspect} and ${L.maxAspect}:1` });
    const seed = integer('seed', input.seed, d.seed, 0, L.maxSeed);
    let cfgScale = d.cfgScale;
    if (input.cfgScale !== undefined && input.cfgScale !== null) {
      if (typeof input.cfgScale !== 'number' || !(input.cfgScale >= L.minCfgScale && input.cfgScale <= L.maxCfgScale)) {
        issues.push({ path: 'cfgScale', message: `must be a number from ${L.minCfgScale} to ${L.maxCfgScale}` });
      } else cfgScale = input.cfgScale;
    }
    let quality = d.quality;
    if (input.quality !== undefined && input.quality !== null) {
      if (input.quality !== 'standard' && input.quality !== 'premium') issues.push({ path: 'quality', message: 'must be standard or premium' });
      else quality = input.quality;
    }
    if (issues.length > 0 || prompt === undefined) throw new InvalidGenerationRequestError(issues);
    return Object.freeze({ prompt, ...(negativePrompt !== undefined ? { negativePrompt } : {}), width, height, seed, cfgScale, quality });
  },
});
