// Findings that recur wherever CDK writes the same kind of resource, with their reasons in one
// place: every log group, every function or state machine with a role.
import type { CfnLintAcceptance } from './acceptCfnLint';
import type { CheckovSkip } from './skipCheckov';

/**
 * CloudWatch Logs encrypts every log group at rest with a service key. A customer-managed key
 * would add a key policy for the logs service and $1 a month per key, and would not change who can
 * read the logs: that is IAM's logs:GetLogEvents, which no edgecv role has.
 */
export const LOG_GROUP_WITHOUT_CMK: CheckovSkip = Object.freeze({
  id: 'CKV_AWS_158',
  reason: 'CloudWatch Logs encrypts log data at rest with a service key; a customer-managed key adds a key policy and cost and does not change who may read the logs (IAM).',
});

/** CDK makes a resource with a role DependsOn the role and its policy; the role is also a GetAtt. */
export const ROLE_DEPENDENCY_ALSO_GETATT: CfnLintAcceptance = Object.freeze({
  id: 'W3005',
  reason: 'CDK makes the resource DependsOn its role as well as the role policy; the role is also referenced by GetAtt, so one of the two is redundant and harmless.',
});
