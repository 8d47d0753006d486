import { createHash } from 'node:crypto';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { ArtifactStore } from '../ports/artifacts.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import { getClaim } from './claims.ts';
import type {
  ClaimDocument,
  ClaimDocumentKind,
  ClaimDocumentRepository,
  ClaimRepository,
} from './model.ts';

export interface ClaimDocumentDeps {
  claims: Pick<ClaimRepository, 'get'>;
  documents: ClaimDocumentRepository;
  artifacts: ArtifactStore;
  clock: Clock;
  ids: IdGenerator;
}

/**
 * The largest file one request takes: 3 MiB travel as 4 MiB of base64, well under Lambda's 6 MB
 * payload. A phone's photo fits; a larger one is to be resized by the client.
 */
export const CLAIM_DOCUMENT_MAX_BYTES = 3 * 1024 * 1024;

/** The media types a claim's file may be, told by its first bytes (not by what the client says). */
export function sniffDocumentType(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return undefined;
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

/** Tenant-scoped like every artifact: `tenants/<t>/claims/<claim>/documents/<id>.<ext>`. */
export const claimDocumentKey = (tenantId: string, claimId: string, id: string, type: string) =>
  `tenants/${tenantId}/claims/${claimId}/documents/${id}.${EXTENSIONS[type] ?? 'bin'}`;

/**
 * Links a file to a claim: a photo (PNG, JPEG) or the appraisal (PDF), checked by its bytes, at
 * most CLAIM_DOCUMENT_MAX_BYTES. The bytes are stored before the record, so a record always
 * finds its file. `kind` defaults to `appraisal` for a PDF and `photo` for an image.
 */
export const addClaimDocument =
  (deps: ClaimDocumentDeps) =>
  async (
    tenantId: string,
    claimId: string,
    file: { bytes: Uint8Array; fileName?: string; kind?: ClaimDocumentKind },
  ): Promise<ClaimDocument> => {
    await getClaim(deps)(tenantId, claimId);
    const { bytes } = file;
    if (bytes.length === 0) {
      throw new ValidationError('The body must be the file', [
        { path: 'body', message: 'Required' },
      ]);
    }
    const contentType = sniffDocumentType(bytes);
    if (!contentType) {
      throw new ValidationError('Not a PDF, PNG or JPEG file', [
        { path: 'body', message: 'Send a PDF, PNG or JPEG file' },
      ]);
    }
    const kind = file.kind ?? (contentType === 'application/pdf' ? 'appraisal' : 'photo');
    if (kind === 'appraisal' && contentType !== 'application/pdf') {
      throw new ValidationError('An appraisal is a PDF', [
        { path: 'kind', message: 'An appraisal is a PDF' },
      ]);
    }
    const id = deps.ids.next('cdoc');
    const key = claimDocumentKey(tenantId, claimId, id, contentType);
    await deps.artifacts.put(key, bytes, contentType);
    const document: ClaimDocument = {
      id,
      claimId,
      tenantId,
      kind,
      fileName: file.fileName ?? `${id}.${EXTENSIONS[contentType]}`,
      contentType,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      key,
      uploadedAt: deps.clock.now().toISOString(),
    };
    await deps.documents.create(document);
    return document;
  };

export const listClaimDocuments =
  (deps: Pick<ClaimDocumentDeps, 'claims' | 'documents'>) =>
  async (tenantId: string, claimId: string): Promise<ClaimDocument[]> => {
    await getClaim(deps)(tenantId, claimId);
    return deps.documents.list(tenantId, claimId);
  };

/** A document's record and bytes; a NotFoundError for another claim's or tenant's. */
export const readClaimDocument =
  (deps: Pick<ClaimDocumentDeps, 'claims' | 'documents' | 'artifacts'>) =>
  async (tenantId: string, claimId: string, id: string) => {
    await getClaim(deps)(tenantId, claimId);
    const document = await deps.documents.get(tenantId, claimId, id);
    const bytes = document && (await deps.artifacts.get(document.key));
    if (!document || !bytes) throw new NotFoundError('Claim document', id);
    return { document, bytes };
  };

/** The shape clients see, with the route that downloads the file. */
export const claimDocumentView = (d: ClaimDocument) => ({
  id: d.id,
  claimId: d.claimId,
  kind: d.kind,
  fileName: d.fileName,
  contentType: d.contentType,
  size: d.size,
  sha256: d.sha256,
  uploadedAt: d.uploadedAt,
  href: `/v1/claims/${d.claimId}/documents/${d.id}`,
});
