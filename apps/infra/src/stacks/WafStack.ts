// The image distribution's web ACL, when edgecv:cloudFrontWebAcl=managed: us-east-1 always, like
// every CLOUDFRONT-scope ACL; the images stack reads its ARN (across regions when it lives elsewhere).
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ImagesWebAcl } from '../cdn/ImagesWebAcl';

export class WafStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.webAclArn = new ImagesWebAcl(this, 'Images').webAcl.attrArn;
  }
}
