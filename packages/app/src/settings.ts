import { S3ArtifactStore } from '@sello/aws/documents';
import { NotFoundError } from '@sello/core/errors';
import { DEFAULT_SERIES } from '@sello/core/invoices';
import { systemClock } from '@sello/core/ports';
import * as core from '@sello/core/settings';
import { s3Client } from './clients.ts';
import { artifactBucket } from './config.ts';
import { repositories, tenantJurisdiction } from './repositories.ts';

/** The tenant's settings (payment defaults, notifications). */
export const getSettings = () => core.getSettings({ settings: repositories().settings });

export const updateSettings = () =>
  core.updateSettings({
    settings: repositories().settings,
    clock: systemClock,
    // A standard series the tenant created, or the default one made on first use.
    invoiceSeries: async (tenantId, code) => {
      const series = await repositories().series.get(tenantId, code);
      return series
        ? series.kind === 'standard'
        : DEFAULT_SERIES.some((d) => d.code === code && d.kind === 'standard');
    },
    jurisdiction: tenantJurisdiction,
  });

let artifacts: S3ArtifactStore | undefined;
// Its own store rather than documents' one: that module carries the signer and the formats.
const store = () => {
  artifacts ??= new S3ArtifactStore(s3Client(), artifactBucket());
  return artifacts;
};

export const setLogo = () =>
  core.setLogo({ settings: repositories().settings, artifacts: store(), clock: systemClock });

export const removeLogo = () =>
  core.removeLogo({ settings: repositories().settings, clock: systemClock });

/** The logo's image and media type; a NotFoundError when none is set. */
export const readLogo = () => {
  const settings = getSettings();
  return async (tenantId: string) => {
    const logo = (await settings(tenantId)).branding?.logo;
    const bytes = logo && (await store().get(logo.key));
    if (!logo || !bytes) throw new NotFoundError('Logo of tenant', tenantId);
    return { bytes, contentType: logo.contentType, sha256: logo.sha256 };
  };
};

/**
 * What the invoice PDF draws of the tenant's branding: accent colour, footer and the logo's bytes.
 * A failed read fails the drawing (retried) rather than storing for good a PDF without the logo.
 */
export const pdfBranding = () => {
  const settings = getSettings();
  return async (tenantId: string) => {
    const branding = (await settings(tenantId)).branding;
    if (!branding) return undefined;
    const logo = branding.logo && (await store().get(branding.logo.key));
    return {
      ...(branding.accentColor ? { accentColor: branding.accentColor } : {}),
      ...(branding.footer ? { legalFooter: branding.footer } : {}),
      ...(logo ? { logo } : {}),
    };
  };
};
