// Image generation failures, each with the words a teacher reads and a stable code for the
// transports' status tables; adapters translate their provider's errors into these.
import { CorrelatedError } from '../images/CorrelatedError';

interface Context {
  readonly correlationId?: string;
  readonly cause?: unknown;
}

/** The model's rate limit or this process's in-flight bound: nothing is wrong, it is busy. */
export class GenerationThrottledError extends CorrelatedError {
  readonly code = 'GENERATION_THROTTLED';
  constructor(
    readonly retryAfterSeconds: number,
    context: Context = {},
    detail = 'image generation is throttled',
  ) {
    super(detail, 'Pictures are being made for many people right now. Please try again in a moment.', context);
    this.name = 'GenerationThrottledError';
  }
}

/** The model refused the prompt (content filters, a request it does not accept). */
export class GenerationRefusedError extends CorrelatedError {
  readonly code = 'GENERATION_REFUSED';
  constructor(detail: string, context: Context = {}) {
    super(detail, 'This prompt could not be turned into a picture. Please describe the picture differently.', context);
    this.name = 'GenerationRefusedError';
  }
}

/** No picture within the operation budget (spec 003 property 26: 30 s). */
export class GenerationTimeoutError extends CorrelatedError {
  readonly code = 'GENERATION_TIMEOUT';
  constructor(
    readonly budgetMs: number,
    context: Context = {},
  ) {
    super(`image generation did not finish within ${budgetMs} ms`, 'Making the picture took too long. Please try again.', context);
    this.name = 'GenerationTimeoutError';
  }
}

/** The model failed, or answered with something that is not a picture. */
export class GenerationFailedError extends CorrelatedError {
  readonly code = 'GENERATION_FAILED';
  constructor(
    detail: string,
    context: Context & { readonly retryable?: boolean } = {},
  ) {
    super(detail, 'The picture could not be made. Please try again later.', context);
    this.name = 'GenerationFailedError';
    this.retryable = context.retryable ?? false;
  }
  readonly retryable: boolean;
}

export type GenerationError = GenerationThrottledError | GenerationRefusedError | GenerationTimeoutError | GenerationFailedError;

export function isGenerationError(error: unknown): error is GenerationError {
  return error instanceof GenerationThrottledError || error instanceof GenerationRefusedError || error instanceof GenerationTimeoutError || error instanceof GenerationFailedError;
}
