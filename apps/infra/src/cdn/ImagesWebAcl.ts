// The web ACL edgecv:cloudFrontWebAcl=managed puts in front of the image distribution: AWS's
// managed rule groups for bad IP reputation, common exploits and known bad inputs (Log4j among
// them), and a per-IP rate limit. CloudFront takes only CLOUDFRONT-scope ACLs, which live in
// us-east-1, so this sits in its own stack there (WafStack).
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/**
 * Requests per client IP in any 5-minute window before WAF blocks it: a school behind one NAT
 * address loads a class's images from one IP, so the limit stays well above a class (33 a second).
 */
export const IMAGES_RATE_LIMIT_PER_5_MINUTES = 10_000;

const MANAGED_RULE_GROUPS = Object.freeze(['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

export class ImagesWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      description: 'edgecv images: AWS managed rules and a per-IP rate limit in front of CloudFront',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('edgecv-images'),
      rules: [
        ...MANAGED_RULE_GROUPS.map((name, priority) => ({
          name,
          priority,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
          visibilityConfig: visibility(name),
        })),
        {
          name: 'RateLimitPerIp',
          priority: MANAGED_RULE_GROUPS.length,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: IMAGES_RATE_LIMIT_PER_5_MINUTES, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
      ],
    });
  }
}
