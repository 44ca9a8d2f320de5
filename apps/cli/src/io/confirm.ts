// The confirmation a destructive step asks for on a target that matters (anything but the
// embedded local stack): on a terminal, a question showing where it will act and how much; without
// one, `--yes` or a typed refusal. Either way nothing has changed when it says no.
import { EdgecvError } from '@edgecv/domain';
import { type CliContext } from '../context';
import { isLocalTarget, type ResolvedStack } from './config';

/** What a destructive step is about to do, and where, as the question shows it. */
export interface DestructiveStep {
  /** The command, e.g. `migrate cleanup`. */
  readonly command: string;
  /** What it will do, e.g. `delete 120 source object(s)`. */
  readonly action: string;
  readonly bucket: string;
  readonly objects: number;
  readonly region: string;
  /** The S3 endpoint, when not AWS's own. */
  readonly endpoint?: string;
  /** The account, when the target is known to belong to one. */
  readonly account?: string;
}

/** No terminal to ask on and no `--yes` (exit 2). */
export class ConfirmationRequiredError extends EdgecvError {
  readonly code = 'CONFIRMATION_REQUIRED';
  override readonly name = 'ConfirmationRequiredError';
  constructor(readonly step: DestructiveStep) {
    super(`${step.command} would ${step.action} in ${where(step)}; stdin is not a terminal to confirm on, so pass --yes to go ahead (or --dry-run to list the changes). Nothing was changed`);
  }
}

/** `edgecv provision` would create something on a target other than the local stack, without --yes (exit 2). */
export class ProvisionRefusedError extends EdgecvError {
  readonly code = 'PROVISION_REFUSED';
  override readonly name = 'ProvisionRefusedError';
  constructor(readonly missing: readonly { readonly kind: string; readonly name: string }[]) {
    super(
      `missing on this target: ${missing.map((r) => `${r.kind} ${r.name}`).join(', ')}; nothing was created. ` +
        'The target is not the local stack: in AWS the CDK app creates them (apps/infra, pnpm synth then cdk deploy); ' +
        'to create them here anyway (servers you run yourself), pass --yes',
    );
  }
}

/** The person at the terminal said no (exit 1). */
export class ConfirmationDeclinedError extends EdgecvError {
  readonly code = 'CONFIRMATION_DECLINED';
  override readonly name = 'ConfirmationDeclinedError';
  constructor(readonly step: DestructiveStep) {
    super(`${step.command} not confirmed; nothing was changed`);
  }
}

function where(step: DestructiveStep): string {
  const facts = [`account ${step.account ?? 'unknown'}`, `region ${step.region}`, ...(step.endpoint ? [`endpoint ${step.endpoint}`] : [])];
  return `s3://${step.bucket} (${facts.join(', ')}; ${step.objects} object(s) concerned)`;
}

/**
 * Goes ahead on the local stack, with `--yes`, or once the person at the terminal answers yes;
 * otherwise a typed error, before anything changes.
 */
export async function confirmDestructive(ctx: CliContext, stack: ResolvedStack, yes: boolean, describe: () => Promise<DestructiveStep>): Promise<void> {
  // Objects and references both change: a server the environment names for any of them matters.
  if (yes || isLocalTarget(stack, ['s3', 'dynamodb', 'mongodb'])) return;
  const step = await describe();
  const stdin = ctx.streams.stdin;
  if (stdin?.isTTY !== true) throw new ConfirmationRequiredError(step);
  ctx.streams.stderr.write(`edgecv: ${step.command} will ${step.action} in ${where(step)}. Go ahead? [y/N] `);
  const answer = await firstLine(stdin);
  if (!/^y(es)?$/i.test(answer.trim())) throw new ConfirmationDeclinedError(step);
}

/** The first line typed; what came before the end of input (Ctrl-D) when no line ends. */
function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const done = (line: string): void => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.removeListener('error', onEnd);
      input.pause();
      resolve(line);
    };
    const onData = (chunk: Buffer | string): void => {
      text += String(chunk);
      const end = text.indexOf('\n');
      if (end !== -1) done(text.slice(0, end));
    };
    const onEnd = (): void => done(text);
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onEnd);
  });
}
