import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ImageOperationLog, type OperationResult } from '@edgecv/use-cases';
import { addImageUploadMetricFilters, IMAGE_METRICS_NAMESPACE, IMAGE_UPLOAD_METRICS } from './imageUploadMetrics';

/** The fields ImageOperationLog writes for an upload outcome, as the handlers' logger receives them. */
function loggedFields(result: OperationResult): Record<string, unknown> {
  let fields: Record<string, unknown> = {};
  const capture = (_message: string, f?: Readonly<Record<string, unknown>>) => {
    fields = { ...f };
  };
  const log = new ImageOperationLog({ debug: capture, info: capture, warn: capture, error: capture }, { now: () => new Date(0) }, { correlationId: 'c', assignmentId: '1' });
  log.record(result === 'success' ? 'info' : 'error', 'upload', result);
  return fields;
}

/** The `$.field = "value"` conditions of a CloudWatch Logs JSON filter pattern. */
function conditions(pattern: string): Record<string, string> {
  return Object.fromEntries([...pattern.matchAll(/\$\.(\w+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

describe('image upload metrics', () => {
  it.each(['success', 'failure'] as const)('the %s filter selects exactly the fields the image use cases log for that outcome', (outcome) => {
    const wanted = conditions(IMAGE_UPLOAD_METRICS[outcome].pattern);
    expect(Object.keys(wanted).sort()).toEqual(['operation', 'result']);
    const fields = loggedFields(outcome);
    for (const [field, value] of Object.entries(wanted)) expect(fields[field]).toBe(value);
  });

  it('does not count retries as outcomes', () => {
    const retry = loggedFields('retry');
    for (const { pattern } of Object.values(IMAGE_UPLOAD_METRICS)) {
      const wanted = conditions(pattern);
      expect(Object.entries(wanted).every(([field, value]) => retry[field] === value)).toBe(false);
    }
  });

  it('adds one success and one failure filter to a log group, in the Edgecv/Images namespace', () => {
    const stack = new Stack(new App(), 'S');
    addImageUploadMetricFilters(new logs.LogGroup(stack, 'Group'), 'Upload');
    const filters = Template.fromStack(stack).findResources('AWS::Logs::MetricFilter');
    const transformations = Object.values(filters).map((f) => (f as { Properties: { FilterPattern: string; MetricTransformations: unknown[] } }).Properties);
    expect(transformations).toEqual(
      expect.arrayContaining([
        { LogGroupName: expect.anything(), FilterPattern: IMAGE_UPLOAD_METRICS.success.pattern, MetricTransformations: [{ MetricNamespace: IMAGE_METRICS_NAMESPACE, MetricName: 'ImageUploadSuccess', MetricValue: '1', DefaultValue: 0, Unit: 'Count' }] },
        { LogGroupName: expect.anything(), FilterPattern: IMAGE_UPLOAD_METRICS.failure.pattern, MetricTransformations: [{ MetricNamespace: IMAGE_METRICS_NAMESPACE, MetricName: 'ImageUploadFailure', MetricValue: '1', DefaultValue: 0, Unit: 'Count' }] },
      ]),
    );
    expect(transformations).toHaveLength(2);
  });
});
