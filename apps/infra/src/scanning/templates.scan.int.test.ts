// The synthesized templates pass cfn-lint and checkov (pinned, installed under the cache folder
// like moto) in the configurations an operator can choose, with the network cut: every finding is
// fixed, or skipped on its resource with the reason there and in docs/infrastructure.md. Functions
// added later are covered as they are: the whole app is synthesized and scanned.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { cdkJsonContext } from '../cdkContext';
import { infraConfig, type InfraConfigOverrides } from '../config/InfraConfig';
import { addEdgecvStacks, checkWithNag } from '../EdgecvApp';
import { ensureScanners, type Scanners } from './installScanners';
import { cfnLintFindings, checkovFindings } from './scanTemplates';

const CONFIGURATIONS: Record<string, InfraConfigOverrides> = {
  defaults: {},
  'eu-west-1, managed WAF, unreserved, an existing secret, Distributed Map': {
    region: 'eu-west-1',
    distributedMap: true,
    cloudFrontWebAcl: { kind: 'managed' },
    apiReservedConcurrency: 'none',
    migrateBatchReservedConcurrency: 'none',
    mongoSecret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:edgecv/atlas-AbCdEf',
    alarmEmail: 'ops@example.com',
    jobsLifecycle: { infrequentAccessDays: 30, expirationDays: 365 },
  },
  'an existing web ACL': { cloudFrontWebAcl: { kind: 'existing', arn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edgecv/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab' } },
};

/** No proxy answers there: a scanner that reached for the network would fail or hang. */
const OFFLINE: NodeJS.ProcessEnv = { ...process.env, HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9', http_proxy: 'http://127.0.0.1:9' };

type Template = { Resources?: Record<string, { Type: string; Metadata?: { checkov?: { skip?: { id: string; comment?: string }[] }; 'cfn-lint'?: { config?: { ignore_checks?: string[] } } } }> };

let scanners: Scanners;
let docs: string;
const synthesized = new Map<string, { dir: string; templates: string[] }>();

beforeAll(async () => {
  scanners = await ensureScanners({ log: (line) => process.stderr.write(`${line}\n`) });
  docs = await readFile(path.resolve(__dirname, '..', '..', '..', '..', 'docs', 'infrastructure.md'), 'utf8');
  for (const [name, overrides] of Object.entries(CONFIGURATIONS)) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'edgecv-templates-'));
    // Templates do not depend on the bundles (their hashes aside): pnpm synth bundles for real.
    const app = new App({ outdir: dir, context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    addEdgecvStacks(app, infraConfig(overrides));
    checkWithNag(app);
    app.synth();
    synthesized.set(name, { dir, templates: (await readdir(dir)).filter((f) => f.endsWith('.template.json')).map((f) => path.join(dir, f)) });
  }
}, 900_000);

afterAll(async () => {
  for (const { dir } of synthesized.values()) await rm(dir, { recursive: true, force: true });
});

describe.each(Object.keys(CONFIGURATIONS))('the templates (%s)', (name) => {
  const templates = () => synthesized.get(name)?.templates ?? [];

  it('are all scanned: one per stack', () => {
    expect(templates().length).toBeGreaterThanOrEqual(5);
  });

  it('pass cfn-lint: no error, no warning, no informational finding', async () => {
    expect(await cfnLintFindings(scanners, templates(), OFFLINE)).toEqual([]);
  }, 120_000);

  it('pass checkov: every check passes or is skipped on its resource', async () => {
    expect(await checkovFindings(scanners, templates(), OFFLINE)).toEqual([]);
  }, 180_000);

  it('skip checks only with a reason on the resource, each documented in docs/infrastructure.md', async () => {
    const exceptions: { resource: string; id: string; explained: boolean }[] = [];
    for (const file of templates()) {
      const template = JSON.parse(await readFile(file, 'utf8')) as Template;
      for (const [id, resource] of Object.entries(template.Resources ?? {})) {
        for (const skip of resource.Metadata?.checkov?.skip ?? []) exceptions.push({ resource: id, id: skip.id, explained: (skip.comment ?? '').length >= 40 });
        // cfn-lint's metadata has no field for a reason: acceptCfnLint refuses a call without one.
        for (const rule of resource.Metadata?.['cfn-lint']?.config?.ignore_checks ?? []) exceptions.push({ resource: id, id: rule, explained: true });
      }
    }
    expect(exceptions.length).toBeGreaterThan(0);
    for (const e of exceptions) {
      expect({ ...e, documented: docs.includes(`\`${e.id}\``) }).toEqual({ ...e, explained: true, documented: true });
    }
  });
});
