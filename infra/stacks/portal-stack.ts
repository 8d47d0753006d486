import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import { PortalSite } from '../constructs/portal-site.ts';
import type { ApiStack } from './api-stack.ts';

export interface PortalStackProps extends StackProps {
  config: StageConfig;
  /** The stack holding the HTTP API that CloudFront serves under `/v1/*`. */
  front: ApiStack;
  /** The built portal (`packages/portal/dist`). */
  distPath: string;
}

/**
 * The portal's front door: CloudFront over the private site bucket and the HTTP API. It comes
 * after the API stack (it needs the API's host name) and before the area stacks, whose functions
 * put its URL in the links they mail: with a configured domain that URL is a plain string; else
 * it is the distribution's domain name, which CloudFront only knows once it exists, imported by
 * the area stacks from this stack's export. References only point that way (areas → portal →
 * API), so nothing cycles, and the fallback in the API stack, which writes no links, needs none.
 */
export class PortalStack extends Stack {
  readonly site: PortalSite;
  /** `https://<domain>`: what functions put in links (SELLO_PORTAL_URL). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PortalStackProps) {
    super(scope, id, props);
    const { config } = props;
    const api = props.front.routedApi.api;

    this.site = new PortalSite(this, 'Portal', {
      stage: config.stage,
      apiDomain: `${api.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
      domain: config.portal && {
        name: config.portal.domain,
        certificateArn: config.portal.certificateArn,
      },
      distPath: props.distPath,
    });
    this.url = this.site.url;

    // Exported whether or not an area imports it now: adding portalDomain later drops the
    // imports, and an export that vanished in the same deployment would block that update.
    this.exportValue(this.site.distribution.distributionDomainName);

    new CfnOutput(this, 'PortalUrl', { value: this.url });
    new CfnOutput(this, 'DistributionDomainName', {
      description: 'Point the portal domain (CNAME or alias) here',
      value: this.site.distribution.distributionDomainName,
    });
  }
}
