import { CrossStackReferences, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ApiFirewall } from '../constructs/api-firewall.ts';
import type { StageSettings } from './deploy-stage.ts';

export interface EdgeStackProps extends StackProps {
  settings: StageSettings;
}

/**
 * What CloudFront needs from us-east-1: the WAF web ACL of the API's distribution (a web ACL of
 * scope CLOUDFRONT can only be created there). The distribution itself lives in the stateless
 * stack, next to the API and the origin secret, and reads the web ACL's ARN with a weak
 * cross-region reference (Fn::GetStackOutput, no custom resource); CloudFront refuses to delete
 * a web ACL that a distribution still uses.
 */
export class EdgeStack extends Stack {
  public readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const firewall = new ApiFirewall(this, 'ApiFirewall', {
      requestsPerAddressPer5Minutes: props.settings.stage === 'prod' ? 2000 : 500,
      metricPrefix: `user-protection-${props.settings.stage}`,
    });
    CrossStackReferences.of(firewall.webAcl).produce(ReferenceStrength.WEAK);
    this.webAclArn = firewall.webAcl.attrArn;
  }
}
