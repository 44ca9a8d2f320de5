// The whole app: cdk-nag (AwsSolutions) passes for every stack, and synthesis is deterministic
// (spec 003 property 4, "apply twice, nothing changes": the same inputs give the same templates).
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { cdkJsonContext } from './cdkContext';
import { infraConfig, type InfraConfigOverrides } from './config/InfraConfig';
import { addEdgecvStacks, checkWithNag, type EdgecvStacks } from './EdgecvApp';

function build(overrides: InfraConfigOverrides): { app: App; stacks: EdgecvStacks } {
  // Templates and nag findings do not depend on the bundles; `pnpm -s synth` bundles for real.
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  return { app, stacks: addEdgecvStacks(app, infraConfig(overrides)) };
}

describe.each([{ region: 'us-east-1' }, { region: 'eu-west-1', jobsLifecycle: { expirationDays: 730 }, alarmEmail: 'ops@example.com' }])('the edgecv app (%o)', (overrides) => {
  let built: { app: App; stacks: EdgecvStacks };
  beforeAll(() => {
    built = build(overrides);
    checkWithNag(built.app);
    built.app.synth();
  });

  it('passes cdk-nag AwsSolutions with no unacknowledged finding', () => {
    const report = new AwsSolutionsChecks(built.app).validateScope(built.app);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  it('justifies every acknowledged finding', () => {
    const acknowledged = built.app.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, { reason?: string } | string>));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, entry] of acknowledged) {
      const reason = typeof entry === 'string' ? entry : entry.reason ?? '';
      expect({ id, long: reason.length >= 40 }).toEqual({ id, long: true });
    }
  });

  it('property 4: synthesizing the same configuration again gives identical templates', () => {
    const again = build(overrides);
    for (const [name, stack] of Object.entries(built.stacks)) {
      const same = again.stacks[name as keyof EdgecvStacks];
      expect(same).toBeDefined();
      if (same !== undefined) expect(Template.fromStack(same).toJSON()).toEqual(Template.fromStack(stack).toJSON());
    }
  });
});
