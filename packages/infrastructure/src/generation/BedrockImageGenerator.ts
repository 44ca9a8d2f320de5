// ImageGenerator on Amazon Bedrock Nova Canvas (InvokeModel, TEXT_IMAGE). The request body is the
// tested part; Bedrock's errors leave this file as the use cases' typed generation errors. The
// SDK's own retries are off: the GenerateImage use case owns the back-off and the budget, and two
// layers retrying would multiply the attempts.
import type { AwsCredentials } from '../shared/credentialsFromEnv';
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { DEFAULT_IMAGE_MODEL_ID, type GenerationRequest } from '@edgecv/domain';
import {
  GenerationFailedError,
  GenerationRefusedError,
  GenerationThrottledError,
  ServiceThrottledError,
  ServiceUnavailableError,
  type GeneratedPicture,
  type ImageGenerator,
} from '@edgecv/use-cases';
import { awsErrorFacts, translateAwsError } from '../shared/awsErrors';

export const NOVA_CANVAS_MODEL_ID = DEFAULT_IMAGE_MODEL_ID;

export interface BedrockGeneratorConfig {
  readonly region: string;
  readonly modelId?: string;
  readonly credentials?: AwsCredentials;
}

/** The InvokeModel body Nova Canvas expects for one text-to-image picture. */
export function novaCanvasBody(r: GenerationRequest): Record<string, unknown> {
  return {
    taskType: 'TEXT_IMAGE',
    textToImageParams: { text: r.prompt, ...(r.negativePrompt !== undefined ? { negativeText: r.negativePrompt } : {}) },
    imageGenerationConfig: { numberOfImages: 1, width: r.width, height: r.height, seed: r.seed, cfgScale: r.cfgScale, quality: r.quality },
  };
}

/** What only Bedrock says: a model still loading is busy, a model that timed out or failed may answer next time. */
const MODEL_BUSY = new Set(['ModelNotReadyException']);
const MODEL_TRANSIENT = new Set(['ModelTimeoutException', 'ModelErrorException']);

export class BedrockImageGenerator implements ImageGenerator {
  readonly client: BedrockRuntimeClient;
  readonly model: string;

  constructor(config: BedrockGeneratorConfig | { readonly client: BedrockRuntimeClient; readonly modelId?: string }) {
    this.model = config.modelId ?? NOVA_CANVAS_MODEL_ID;
    this.client =
      'client' in config
        ? config.client
        : new BedrockRuntimeClient({ region: config.region, maxAttempts: 1, ...(config.credentials ? { credentials: config.credentials } : {}) });
  }

  async generate(request: GenerationRequest, options: { readonly signal?: AbortSignal } = {}): Promise<GeneratedPicture> {
    let body: Uint8Array | undefined;
    try {
      const out = await this.client.send(
        new InvokeModelCommand({ modelId: this.model, contentType: 'application/json', accept: 'application/json', body: JSON.stringify(novaCanvasBody(request)) }),
        options.signal ? { abortSignal: options.signal } : {},
      );
      body = out.body;
    } catch (error) {
      throw translate(error);
    }
    let parsed: { images?: unknown; error?: unknown };
    try {
      parsed = JSON.parse(new TextDecoder().decode(body)) as typeof parsed;
    } catch (error) {
      throw new GenerationFailedError('Nova Canvas answered with a body that is not JSON', { cause: error });
    }
    if (typeof parsed.error === 'string' && parsed.error !== '') throw new GenerationRefusedError(`Nova Canvas: ${parsed.error}`);
    const first = Array.isArray(parsed.images) ? (parsed.images[0] as unknown) : undefined;
    if (typeof first !== 'string' || first === '') throw new GenerationFailedError('Nova Canvas answered without an image');
    return { bytes: Buffer.from(first, 'base64'), contentType: 'image/png' };
  }
}

/**
 * Bedrock's errors as the use cases' own: the categories every AWS service shares (throttled,
 * unavailable: shared/awsErrors.ts) plus what only Bedrock says (a refused prompt, a model busy).
 */
export function translate(error: unknown): Error {
  // Cancelled by the caller's budget: the use case tells a timeout from a failure by its signal.
  if ((error as { name?: unknown } | undefined)?.name === 'AbortError') return error as Error;
  const name = awsErrorFacts(error).providerCode ?? '';
  const detail = `Bedrock ${name || 'error'}: ${error instanceof Error ? error.message : String(error)}`;
  const shared = translateAwsError('BEDROCK', error, { operation: 'InvokeModel' });
  if (shared instanceof ServiceThrottledError || MODEL_BUSY.has(name)) return new GenerationThrottledError(1, { cause: error }, detail);
  if (name === 'ValidationException') return new GenerationRefusedError(detail, { cause: error });
  if (shared instanceof ServiceUnavailableError || MODEL_TRANSIENT.has(name)) return new GenerationFailedError(detail, { cause: error, retryable: true });
  return new GenerationFailedError(detail, { cause: error });
}
