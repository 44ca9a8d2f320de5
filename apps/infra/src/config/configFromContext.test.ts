// The settings an operator passes with -c edgecv:KEY=VALUE (strings) or in cdk.json (JSON values).
import { DEFAULT_INFRA_CONFIG } from './InfraConfig';
import { configFromContext } from './configFromContext';

const fromContext = (context: Record<string, unknown>) => configFromContext((key) => context[key]);

describe('configFromContext: concurrency, WAF and the MongoDB secret', () => {
  it('defaults: 10 executions reserved per API function, 50 for migrate-batch, no web ACL, the secret the data stack creates', () => {
    expect(fromContext({})).toMatchObject({ apiReservedConcurrency: 10, migrateBatchReservedConcurrency: 50, cloudFrontWebAcl: { kind: 'none' }, mongoSecret: undefined });
    expect(DEFAULT_INFRA_CONFIG.apiReservedConcurrency).toBe(10);
  });

  it('reads a number of executions from the command line or cdk.json, and none for unreserved', () => {
    expect(fromContext({ 'edgecv:reservedConcurrency': '25', 'edgecv:migrateBatchReservedConcurrency': 200 })).toMatchObject({ apiReservedConcurrency: 25, migrateBatchReservedConcurrency: 200 });
    expect(fromContext({ 'edgecv:reservedConcurrency': 'none', 'edgecv:migrateBatchReservedConcurrency': 'none' })).toMatchObject({ apiReservedConcurrency: 'none', migrateBatchReservedConcurrency: 'none' });
  });

  it.each([['0', 'would throttle every invocation'], ['-1', ''], ['ten', ''], ['10001', '']])('refuses reservedConcurrency=%s with INVALID_INFRA_CONFIG', (value) => {
    expect(() => fromContext({ 'edgecv:reservedConcurrency': value })).toThrow(expect.objectContaining({ code: 'INVALID_INFRA_CONFIG' }));
  });

  it('reads cloudFrontWebAcl as none, managed or an existing CLOUDFRONT-scope ACL ARN, and refuses anything else', () => {
    expect(fromContext({ 'edgecv:cloudFrontWebAcl': 'managed' }).cloudFrontWebAcl).toEqual({ kind: 'managed' });
    expect(fromContext({ 'edgecv:cloudFrontWebAcl': 'none' }).cloudFrontWebAcl).toEqual({ kind: 'none' });
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edgecv/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';
    expect(fromContext({ 'edgecv:cloudFrontWebAcl': arn }).cloudFrontWebAcl).toEqual({ kind: 'existing', arn });
    // A REGIONAL ACL (eu-west-1) cannot be attached to CloudFront.
    expect(() => fromContext({ 'edgecv:cloudFrontWebAcl': arn.replace('us-east-1', 'eu-west-1').replace('global', 'regional') })).toThrow(
      expect.objectContaining({ code: 'INVALID_INFRA_CONFIG', field: 'cloudFrontWebAcl' }),
    );
    expect(() => fromContext({ 'edgecv:cloudFrontWebAcl': 'yes' })).toThrow(expect.objectContaining({ code: 'INVALID_INFRA_CONFIG' }));
  });

  it('reads mongoSecret as a secret name or ARN, and refuses what Secrets Manager would', () => {
    expect(fromContext({ 'edgecv:mongoSecret': 'team/atlas-uri' }).mongoSecret).toBe('team/atlas-uri');
    expect(() => fromContext({ 'edgecv:mongoSecret': 'mongodb+srv://user:pass@cluster' })).toThrow(expect.objectContaining({ code: 'INVALID_INFRA_CONFIG', field: 'mongoSecret' }));
  });
});
