import { S3ArtifactStore } from '@sello/aws/documents';
import * as core from '@sello/core/claims';
import { systemClock, ulidIds } from '@sello/core/ports';
import { s3Client } from './clients.ts';
import { artifactBucket } from './config.ts';
import { repositories, tenantJurisdiction } from './repositories.ts';

/** Claim files, their documents and valuations (workshop → insurer billing). */
const r = () => repositories();

const claimDeps = () => ({
  claims: r().claims,
  customers: r().customers,
  centres: r().centres,
  clock: systemClock,
  ids: ulidIds,
});

export const createClaim = () => core.createClaim(claimDeps());

export const getClaim = () => core.getClaim({ claims: r().claims });

export const listClaims = () => core.listClaims({ claims: r().claims });

export const updateClaim = () => core.updateClaim(claimDeps());

const valuationDeps = () => ({
  claims: r().claims,
  valuations: r().valuations,
  jurisdiction: tenantJurisdiction,
  clock: systemClock,
});

export const importValuation = () => core.importValuation(valuationDeps());

export const listValuations = () => core.listValuations(valuationDeps());

export const getValuation = () => core.getValuation(valuationDeps());

let artifacts: S3ArtifactStore | undefined;
// Its own store rather than documents' one: that module carries the signer and the formats.
const store = () => {
  artifacts ??= new S3ArtifactStore(s3Client(), artifactBucket());
  return artifacts;
};

const documentDeps = () => ({
  claims: r().claims,
  documents: r().claimDocuments,
  artifacts: store(),
  clock: systemClock,
  ids: ulidIds,
});

export const addClaimDocument = () => core.addClaimDocument(documentDeps());

export const listClaimDocuments = () => core.listClaimDocuments(documentDeps());

export const readClaimDocument = () => core.readClaimDocument(documentDeps());
