// Mocks only at the SDK client: a middleware after serialisation records each command's input
// and the HTTP request the real client built, and answers with the output the test gives, so
// nothing leaves the process and the request is exactly what AWS would receive.
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { GreengrassV2Client } from '@aws-sdk/client-greengrassv2';

export interface Captured {
  readonly commandName: string;
  readonly input: Record<string, unknown>;
  /** The serialised JSON body, as sent on the wire. */
  readonly body: Record<string, unknown>;
  readonly target?: string;
}

export type Responder = (commandName: string, input: Record<string, unknown>) => Record<string, unknown>;

export function captureCommands(client: SageMakerClient | GreengrassV2Client, respond: Responder): Captured[] {
  const captured: Captured[] = [];
  (client.middlewareStack as SageMakerClient['middlewareStack']).add(
    (_next, context) => async (args) => {
      const request = args.request as { body?: unknown; headers?: Record<string, string> };
      const raw = typeof request.body === 'string' ? request.body : request.body instanceof Uint8Array ? new TextDecoder().decode(request.body) : '{}';
      const commandName = String(context.commandName);
      const input = args.input as Record<string, unknown>;
      captured.push({ commandName, input, body: JSON.parse(raw || '{}') as Record<string, unknown>, ...(request.headers?.['x-amz-target'] ? { target: request.headers['x-amz-target'] } : {}) });
      return { output: { $metadata: {}, ...respond(commandName, input) } as never, response: {} };
    },
    { step: 'finalizeRequest', name: 'edgecvCapture', priority: 'low' },
  );
  return captured;
}
