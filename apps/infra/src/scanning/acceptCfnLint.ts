// cfn-lint reads rules to skip from a resource's metadata (`Metadata.cfn-lint.config.ignore_checks`).
// It has no field for the reason, so the reason is an argument here, required and kept beside the
// call (and in docs/infrastructure.md): a rule is never switched off for the whole template.
import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export interface CfnLintAcceptance {
  /** The rule, e.g. `W3005`. */
  readonly id: string;
  readonly reason: string;
}

interface CfnLintMetadata {
  config?: { ignore_checks?: string[] };
}

export function acceptCfnLint(construct: IConstruct, ...accepted: readonly CfnLintAcceptance[]): void {
  const resource = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnResource)) throw new Error(`${construct.node.path} has no CloudFormation resource to carry cfn-lint exceptions`);
  if (accepted.some((a) => a.reason.trim().length < 40)) throw new Error(`a cfn-lint exception on ${construct.node.path} needs its reason`);
  const existing = (resource.getMetadata('cfn-lint') as CfnLintMetadata | undefined)?.config?.ignore_checks ?? [];
  resource.addMetadata('cfn-lint', { config: { ignore_checks: [...new Set([...existing, ...accepted.map((a) => a.id)])] } });
}
