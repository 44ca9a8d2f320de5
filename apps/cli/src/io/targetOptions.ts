// The global options that pick a command's target (docs/aws.md §2). Apart from io/stack.ts, which
// resolves them, so that registering a command (and `images optimize`, which needs no service)
// loads no composition root.
import { type Command } from 'commander';

/** The options that choose a command's target, on every command that touches a service. */
export function targetOptions(cmd: Command): Command {
  return cmd
    .option('--profile <name>', 'AWS profile of the shared config/credentials files (default: $AWS_PROFILE, else "default")')
    .option('--region <region>', 'AWS region (default: $AWS_REGION, else the profile\'s region)')
    .option('--endpoint-url <url>', 'send every AWS request to this endpoint (S3, DynamoDB, STS), e.g. a server you run')
    .option('--local', 'use the embedded local stack (moto, MongoDB stand-in) whatever AWS configuration exists');
}
