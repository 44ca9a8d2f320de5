// The opt-in Distributed Map (issue 16 §3): absent by default; with edgecv:distributedMap it reads
// the exported manifest with the CSV headers migrate-batch expects, batches rows with the journal
// id to the same migrate-batch function, retries temporary failures, tolerates a bounded share of
// failed batches, writes results under migration/reports/, and passes cdk-nag with least privilege.
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { checkWithNag } from '../EdgecvApp';
import { configFromContext } from '../config/configFromContext';
import { resourcesOf, synthesize, type Synthesized } from '../testing/synthesize.fixture';

type Statement = { Effect: string; Action: string | string[]; Resource?: unknown; NotResource?: unknown };

describe('the migration state machine on Distributed Map', () => {
  let s: Synthesized;
  // The definition is JSON we read field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let definition: Record<string, any>;
  beforeAll(() => {
    s = synthesize({ distributedMap: true });
    checkWithNag(s.app);
    s.app.synth();
    const [machine] = Object.values(resourcesOf(s.template('api'), 'AWS::StepFunctions::StateMachine'));
    const body = machine?.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] };
    // The definition is a join of literal JSON and the function's ARN token.
    definition = JSON.parse(body['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
  });

  it('is not deployed unless asked for', () => {
    expect(Object.keys(resourcesOf(synthesize().template('api'), 'AWS::StepFunctions::StateMachine'))).toEqual([]);
    expect(configFromContext((k) => (k === 'edgecv:distributedMap' ? 'true' : undefined)).distributedMap).toBe(true);
    expect(() => configFromContext((k) => (k === 'edgecv:distributedMap' ? 'yes' : undefined))).toThrow(/edgecv:distributedMap/);
  });

  it('reads the exported CSV manifest and batches its rows with the journal id to migrate-batch', () => {
    const map = definition.States.RunPlan;
    expect(map.Type).toBe('Map');
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    expect(map.ItemReader).toMatchObject({ Resource: expect.stringMatching(/:states:::s3:getObject$/), ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['Bucket', 'Key', 'VersionId'] }, Parameters: { 'Key.$': '$.manifestKey' } });
    expect(map.ItemBatcher).toEqual({ MaxItemsPerBatch: 100, BatchInput: { 'journalId.$': '$.journalId' } });
    expect(map.ToleratedFailurePercentage).toBe(5);
    expect(map.ResultWriter).toMatchObject({ Resource: expect.stringMatching(/:states:::s3:putObject$/), Parameters: { Prefix: 'migration/reports/' } });
    const task = map.ItemProcessor.States.CopyBatch;
    expect(task.Retry).toEqual(expect.arrayContaining([expect.objectContaining({ ErrorEquals: ['MigrateBatchTemporaryFailure'], BackoffRate: 2, MaxAttempts: 6 })]));
    expect(JSON.stringify(task.Retry)).not.toContain('MigrateBatchPermanentFailure');
  });

  it('invokes only migrate-batch, reads only manifests and writes only reports', () => {
    const policy = Object.entries(resourcesOf(s.template('api'), 'AWS::IAM::Policy')).find(([id]) => id.startsWith('MigrationDistributedMap'))?.[1];
    const statements = (policy?.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    const actions = statements.flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));
    expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
    const text = JSON.stringify(statements);
    expect(text).toContain('MigrateBatch');
    const denies = statements.filter((st) => st.Effect === 'Deny');
    const deny = (action: string) => JSON.stringify(denies.find((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]).includes(action))?.NotResource);
    expect(deny('s3:GetObject')).toMatch(/migration\/manifests\/\*.*migration\/reports\/\*/);
    expect(deny('s3:PutObject')).toContain('migration/reports/*');
    expect(deny('s3:PutObject')).not.toContain('migration/manifests/');
    expect(actions).not.toContain('s3:DeleteObject');
  });

  it('passes cdk-nag AwsSolutions (logging, tracing, justified wildcards)', () => {
    const report = new AwsSolutionsChecks(s.app).validateScope(s.app);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    const acknowledged = s.stacks.api.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY));
    expect(acknowledged.length).toBeGreaterThan(0);
  });
});
