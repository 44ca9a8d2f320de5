// ImageGenerator on Amazon Bedrock Nova Canvas (InvokeModel, TEXT_IMAGE). The request body is the
// tested part; Bedrock's errors leave this file as the use cases' typed generation errors. The
// SDK's own retries are off: the GenerateImage use case owns the back-off and the budget, and two
// layers retrying would multiply the attempts.
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { DEFAULT_IMAGE_MODEL_ID, type GenerationRequest } from '@edgecv/domain';
import { GenerationFailedError, GenerationRefusedError, GenerationThrottledError, type GeneratedPicture, type ImageGenerator } from '@edgecv/use-cases';
import { credentialsFromEnv } from '../shared/credentialsFromEnv';

export const NOVA_CANVAS_MODEL_ID = DEFAULT_IMAGE_MODEL_ID;

export interface BedrockGeneratorConfig {
  readonly region: string;
  readonly modelId?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
}

/** EDGECV_BEDROCK_REGION (Nova Canvas is not in every region), else AWS_REGION; EDGECV_IMAGE_MODEL_ID. */
export function bedrockConfigFromEnv(env: NodeJS.ProcessEnv = process.env): BedrockGeneratorConfig {
  return {
    region: env.EDGECV_BEDROCK_REGION ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    modelId: env.EDGECV_IMAGE_MODEL_ID ?? NOVA_CANVAS_MODEL_ID,
    ...credentialsFromEnv(env),
  };
}

/** The InvokeModel body Nova Canvas expects for one text-to-image picture. */
export function novaCanvasBody(r: GenerationRequest): Record<string, unknown> {
  return {
    taskType: 'TEXT_IMAGE',
    textToImageParams: { text: r.prompt, ...(r.negativePrompt !== undefined ? { negativeText: r.negativePrompt } : {}) },
    imageGenerationConfig: { numberOfImages: 1, width: r.width, height: r.height, seed: r.seed, cfgScale: r.cfgScale, quality: r.quality },
  };
}

const THROTTLED = new Set(['ThrottlingException', 'ServiceQuotaExceededException', 'ModelNotReadyException', 'TooManyRequestsException']);
const TRANSIENT = new Set(['ModelTimeoutException', 'ModelErrorException', 'InternalServerException', 'ServiceUnavailableException']);

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

/** Bedrock's errors, by the SDK's error name, as the use cases' own. */
export function translate(error: unknown): Error {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? '';
  // Cancelled by the caller's budget: the use case tells a timeout from a failure by its signal.
  if (name === 'AbortError') return error as Error;
  if (THROTTLED.has(name) || e?.$metadata?.httpStatusCode === 429) return new GenerationThrottledError(1, { cause: error }, `Bedrock ${name}: ${e.message ?? ''}`);
  if (name === 'ValidationException') return new GenerationRefusedError(`Bedrock ValidationException: ${e.message ?? ''}`, { cause: error });
  if (TRANSIENT.has(name) || (e?.$metadata?.httpStatusCode ?? 0) >= 500) return new GenerationFailedError(`Bedrock ${name}: ${e.message ?? ''}`, { cause: error, retryable: true });
  return new GenerationFailedError(`Bedrock ${name || 'error'}: ${e?.message ?? String(error)}`, { cause: error });
}
