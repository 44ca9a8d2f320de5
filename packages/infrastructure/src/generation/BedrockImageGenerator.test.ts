// Nova Canvas through the real Bedrock Runtime client, answered at its HTTP handler (the only
// place Bedrock is mocked): the request is what AWS would receive, and Bedrock's error answers go
// through the SDK's own deserialiser before this adapter translates them.
import { Readable } from 'node:stream';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { GenerationRequest } from '@edgecv/domain';
import { GenerationFailedError, GenerationRefusedError, GenerationThrottledError } from '@edgecv/use-cases';
import { BedrockImageGenerator, NOVA_CANVAS_MODEL_ID } from './BedrockImageGenerator';

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

function bedrock(answer: (sent: Sent) => { status: number; headers?: Record<string, string>; body: unknown }) {
  const sent: Sent[] = [];
  const client = new BedrockRuntimeClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { method: string; path: string; headers: Record<string, string>; body?: unknown }, options?: { abortSignal?: AbortSignal }) => {
        // As node-http-handler does: an aborted request never goes out.
        if (options?.abortSignal?.aborted) throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
        const raw = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body as Uint8Array);
        const s = { method: request.method, path: request.path, headers: request.headers, body: JSON.parse(raw) as Record<string, unknown> };
        sent.push(s);
        const a = answer(s);
        return { response: { statusCode: a.status, headers: { 'content-type': 'application/json', ...a.headers }, body: Readable.from([Buffer.from(JSON.stringify(a.body))]) } };
      },
    } as never,
  });
  return { generator: new BedrockImageGenerator({ client }), sent };
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const request = GenerationRequest.parse({ prompt: 'A serene mountain landscape at sunset', negativePrompt: 'people, text', seed: 42, cfgScale: 8, quality: 'premium', width: 1280, height: 720 });
const bedrockError = (name: string, status: number, message: string) => () => ({ status, headers: { 'x-amzn-errortype': `${name}:http://internal.amazon.com/coral/com.amazon.bedrock/` }, body: { message } });

describe('BedrockImageGenerator (Nova Canvas InvokeModel)', () => {
  it('sends one TEXT_IMAGE request to amazon.nova-canvas-v1:0 with the prompt, negative text, size, seed, cfgScale and quality, and decodes the base64 PNG', async () => {
    const { generator, sent } = bedrock(() => ({ status: 200, body: { images: [PNG.toString('base64')] } }));
    const picture = await generator.generate(request);
    expect(generator.model).toBe(NOVA_CANVAS_MODEL_ID);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe('POST');
    expect(decodeURIComponent(sent[0]?.path ?? '')).toBe('/model/amazon.nova-canvas-v1:0/invoke');
    expect(sent[0]?.headers['content-type']).toBe('application/json');
    expect(sent[0]?.headers.accept).toBe('application/json');
    expect(sent[0]?.body).toEqual({
      taskType: 'TEXT_IMAGE',
      textToImageParams: { text: 'A serene mountain landscape at sunset', negativeText: 'people, text' },
      imageGenerationConfig: { numberOfImages: 1, width: 1280, height: 720, seed: 42, cfgScale: 8, quality: 'premium' },
    });
    expect(Buffer.from(picture.bytes)).toEqual(PNG);
    expect(picture.contentType).toBe('image/png');
  });

  it('leaves negativeText out when there is none', async () => {
    const { generator, sent } = bedrock(() => ({ status: 200, body: { images: [PNG.toString('base64')] } }));
    await generator.generate(GenerationRequest.parse({ prompt: 'a fox' }));
    expect(sent[0]?.body.textToImageParams).toEqual({ text: 'a fox' });
  });

  it.each([
    ['ThrottlingException', 429, GenerationThrottledError, 'GENERATION_THROTTLED'],
    ['ServiceQuotaExceededException', 400, GenerationThrottledError, 'GENERATION_THROTTLED'],
    ['ModelNotReadyException', 429, GenerationThrottledError, 'GENERATION_THROTTLED'],
    ['ValidationException', 400, GenerationRefusedError, 'GENERATION_REFUSED'],
    ['ModelTimeoutException', 408, GenerationFailedError, 'GENERATION_FAILED'],
    ['ModelErrorException', 424, GenerationFailedError, 'GENERATION_FAILED'],
    ['InternalServerException', 500, GenerationFailedError, 'GENERATION_FAILED'],
    ['AccessDeniedException', 403, GenerationFailedError, 'GENERATION_FAILED'],
  ] as const)('translates %s (%i) into %p', async (name, status, type, code) => {
    const { generator } = bedrock(bedrockError(name, status, 'Too many requests, please wait before trying again.'));
    const error = await generator.generate(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ code });
  });

  it('marks transient model failures retryable and configuration failures not', async () => {
    const transient = await bedrock(bedrockError('ModelErrorException', 424, 'model failed')).generator.generate(request).catch((e: unknown) => e);
    const denied = await bedrock(bedrockError('AccessDeniedException', 403, 'no access to the model')).generator.generate(request).catch((e: unknown) => e);
    expect((transient as GenerationFailedError).retryable).toBe(true);
    expect((denied as GenerationFailedError).retryable).toBe(false);
  });

  it("refuses a picture the content filter blocked (Nova's error field) and an answer without an image", async () => {
    await expect(bedrock(() => ({ status: 200, body: { images: [], error: 'This request has been blocked by our content filters.' } })).generator.generate(request)).rejects.toBeInstanceOf(GenerationRefusedError);
    await expect(bedrock(() => ({ status: 200, body: { images: [] } })).generator.generate(request)).rejects.toBeInstanceOf(GenerationFailedError);
  });

  it('passes the caller’s signal to the SDK, so the budget cancels the request', async () => {
    const { generator, sent } = bedrock(() => ({ status: 200, body: { images: [PNG.toString('base64')] } }));
    const error = await generator.generate(request, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(sent).toHaveLength(0);
  });
});
