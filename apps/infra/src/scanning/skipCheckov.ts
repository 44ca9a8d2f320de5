// checkov reads skips from a resource's template metadata (`Metadata.checkov.skip`, each with an
// id and a comment), the way cdk-nag reads its acknowledgments: a finding is accepted where the
// resource is declared, with the reason beside it. The scanner test refuses a skip without one.
import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export interface CheckovSkip {
  /** The check, e.g. `CKV_AWS_117`. */
  readonly id: string;
  /** Why the finding does not apply or is accepted: a sentence a reviewer can disagree with. */
  readonly reason: string;
}

interface CheckovMetadata {
  skip?: { id: string; comment: string }[];
}

/** Records the skips on the construct's CloudFormation resource (an L2's default child). */
export function skipCheckov(construct: IConstruct, ...skips: readonly CheckovSkip[]): void {
  const resource = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnResource)) throw new Error(`${construct.node.path} has no CloudFormation resource to carry checkov skips`);
  const existing = (resource.getMetadata('checkov') as CheckovMetadata | undefined)?.skip ?? [];
  const added = skips.filter((s) => !existing.some((e) => e.id === s.id)).map((s) => ({ id: s.id, comment: s.reason }));
  resource.addMetadata('checkov', { skip: [...existing, ...added] });
}
