// cdk-nag's IAM5 reports every resource containing "*", including ARNs as narrow as IAM allows
// (objects under one key prefix, a service's job ARNs). Whoever writes such a statement also
// records the resource and why; once references are resolved, exactly those findings are
// acknowledged on the role's policy. Any other wildcard (a bare "*" above all) stays a violation.
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';

export interface JustifiedWildcard {
  /** The resource as written in the statement (tokens allowed). */
  readonly resource: string;
  readonly reason: string;
}

export function acknowledgeScopedWildcards(role: iam.Role, justified: readonly JustifiedWildcard[]): void {
  role.node.addValidation({
    validate: () => {
      const stack = Stack.of(role);
      for (const policy of role.node.findAll().filter((c): c is iam.CfnPolicy => c instanceof iam.CfnPolicy)) {
        for (const { resource, reason } of justified) {
          const flattened = flattenCfnReference(stack.resolve(resource));
          if (flattened === '*') throw new Error(`A bare "*" resource cannot be justified (${role.node.path})`);
          Validations.of(policy).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flattened}]`, reason });
        }
      }
      return [];
    },
  });
}

/** The flattened resources containing "*" in a policy's Allow statements, named as cdk-nag names them. */
export function wildcardResources(policy: iam.CfnPolicy): string[] {
  const document = Stack.of(policy).resolve(policy.policyDocument) as { Statement?: { Effect: string; Resource: unknown }[] };
  const found = new Set<string>();
  for (const statement of document.Statement ?? []) {
    if (statement.Effect !== 'Allow') continue;
    const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
    for (const r of resources.map(flattenCfnReference)) if (r.includes('*')) found.add(r);
  }
  return [...found];
}
