// `edgecv paths convert`: what the migration would do with a key, without touching a bucket.
import { type Command } from 'commander';
import { PathResolver, S3PathConfig, type Classification } from '@edgecv/domain';
import { type CliContext } from '../context';
import { table } from '../io/output';
import { CliFailure, ExitCode } from '../io/exitCodes';

interface ConvertOptions {
  prefix?: string;
  json?: boolean;
}

/** The public JSON shape of one converted key. */
export function conversionJson(c: Classification): Record<string, unknown> {
  switch (c.status) {
    case 'converted':
      return { input: c.input, status: c.status, output: c.output, rule: c.rule };
    case 'needs-lookup':
      return { input: c.input, status: c.status, rule: c.rule, jobId: c.jobId };
    case 'invalid':
      return { input: c.input, status: c.status, error: c.error.message, code: c.error.code };
    default:
      return { input: c.input, status: c.status };
  }
}

export function registerPaths(program: Command, ctx: CliContext): void {
  const paths = program.command('paths').description('legacy key conversion, as the migration sees it');

  paths
    .command('convert')
    .description('classify keys: converted (with the new key), conforming, unknown, needs-lookup (a job created_at) or invalid')
    .argument('<key...>', 'object keys (not s3:// URIs); quote keys with spaces')
    .option('--prefix <prefix>', 'the bucket prefix the layout lives under')
    .option('--json', 'one JSON line per key: {"input","status","output"?,"rule"?,"error"?}')
    .action((keys: string[], options: ConvertOptions) => {
      const resolver = new PathResolver(S3PathConfig.create({ prefix: options.prefix ?? '' }));
      const results = keys.map((key) => resolver.convertLegacyPath(key));
      if (options.json) results.forEach((r) => ctx.out.json(conversionJson(r)));
      else
        ctx.out.line(
          table(
            results.map((r) => {
              const j = conversionJson(r);
              return [r.input, r.status, String(j.output ?? j.error ?? (j.jobId !== undefined ? `job ${j.jobId}` : '')), String(j.rule ?? '')];
            }),
            ['key', 'status', 'new key / detail', 'rule'],
          ),
        );
      const invalid = results.filter((r) => r.status === 'invalid');
      if (invalid[0]?.status === 'invalid') {
        throw new CliFailure(`${invalid.length} invalid key(s), first ${JSON.stringify(invalid[0].input)}: ${invalid[0].error.message}`, ExitCode.Usage);
      }
      const unknown = results.filter((r) => r.status === 'unknown');
      if (unknown[0]) {
        throw new CliFailure(`${unknown.length} key(s) match no legacy rule and do not conform, first ${JSON.stringify(unknown[0].input)}`, ExitCode.Findings);
      }
    });
}
