import type { Page, PageRequest } from '../shared/page.ts';
import type { LineTax } from '../taxes/model.ts';

/**
 * Workshop → insurer billing (DESIGN.md §1 F). A claim file (expediente) of a repair under an
 * insurance claim: the insurer's appraiser values the repair (a valuation, versioned), and the
 * workshop bills the insurer for the valuation less the franchise and the insured for the
 * franchise. Money is decimal strings in the valuation's currency (EUR unless said).
 */

export const CLAIM_STATUSES = ['open', 'valued', 'invoiced', 'closed'] as const;
/**
 * `open`: no valuation yet; `valued`: a valuation is imported; `invoiced`: its drafts are issued;
 * `closed`: nothing more to do (set by staff).
 */
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface Vehicle {
  /** Registration plate, upper case without spaces or dashes, e.g. "1234BCD". */
  plate: string;
  /** 17 characters (ISO 3779), no I, O or Q. */
  vin?: string;
  make?: string;
  model?: string;
}

/** What a client sends to open a claim file. */
export interface ClaimInput {
  /** The insurer's claim number (número de siniestro): what the insurer matches invoices on. */
  claimNumber: string;
  /** The insurer, a customer of the tenant. */
  insurerId: string;
  /** The insured (the vehicle's owner), a customer of the tenant: pays the franchise. */
  insuredId: string;
  policyNumber: string;
  vehicle: Vehicle;
  /** The work centre that repairs it; its series and address go on the invoices. */
  centreId?: string;
  /** The workshop's own estimate before the appraiser's valuation, taxes included. */
  estimate?: string;
}

export interface Claim extends ClaimInput {
  id: string;
  tenantId: string;
  status: ClaimStatus;
  /** The latest valuation's version, once one is imported. */
  valuationVersion?: number;
  /** The drafts (then invoices) billed from the claim, once made. */
  invoices?: { insurer: string; insured?: string; valuationVersion: number };
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const VALUATION_LINE_KINDS = ['part', 'labour', 'paint', 'material'] as const;
/** `part` a spare part; `labour` hours of work; `paint` painting hours; `material` paint materials. */
export type ValuationLineKind = (typeof VALUATION_LINE_KINDS)[number];

/** The labour categories of an appraisal, each with its own hourly rate. */
export const LABOUR_CATEGORIES = ['mechanics', 'bodywork', 'paint'] as const;
export type LabourCategory = (typeof LABOUR_CATEGORIES)[number];

export interface ValuationLine {
  kind: ValuationLineKind;
  description: string;
  /** Units for parts and materials, hours for labour and paint. */
  quantity: string;
  /** Per unit or per hour (the category's rate), before tax, up to 6 decimals. */
  unitPrice: string;
  /** Labour and paint hours: the rate's category (paint lines default to `paint`). */
  category?: LabourCategory;
  /** The part's manufacturer reference, or the appraiser's operation code. */
  reference?: string;
  /** Percent, e.g. "15": the discount the appraiser applied to this line. */
  discountRate?: string;
}

/** What a client sends for one version of a claim's valuation (JSON, or CSV read into this). */
export interface ValuationInput {
  /** 1, 2, …: the appraiser's version. Importing the same version again is idempotent. */
  version: number;
  lines: ValuationLine[];
  /** What the insured pays, taxes included; "0" when the policy has none. */
  franchise: string;
  /** The taxes of every line (Spain: one IVA or IGIC rate). */
  taxes: LineTax[];
  currency?: string;
  /** Who valued it and their reference for the appraisal. */
  appraiser?: { name?: string; reference?: string };
  /** The appraisal's date, YYYY-MM-DD. */
  date?: string;
}

/** The valuation's totals as the tax engine computes them, and the franchise split. */
export interface ValuationTotals {
  net: string;
  tax: string;
  /** The valuation total, taxes included: what the two invoices add up to, to the cent. */
  total: string;
  franchise: string;
  /** `total` − `franchise`. */
  insurer: string;
}

/** How a version differs from the one before it (absent on version 1). */
export interface ValuationChanges {
  previousVersion: number;
  added: ValuationLine[];
  removed: ValuationLine[];
  changed: { before: ValuationLine; after: ValuationLine }[];
  /** Totals before → after. */
  totals: { before: ValuationTotals; after: ValuationTotals };
  franchise?: { before: string; after: string };
}

export interface Valuation extends ValuationInput {
  claimId: string;
  tenantId: string;
  currency: string;
  source: 'json' | 'csv' | 'console';
  /** Of the canonical input: the same version with other content is a conflict. */
  contentHash: string;
  totals: ValuationTotals;
  changes?: ValuationChanges;
  importedAt: string;
}

/**
 * What an invoice billed from a claim says of it, frozen on the invoice: the formats write the
 * claim number where a receiver matches on it, and the PDF prints all of it.
 */
export interface ClaimReference {
  claimId: string;
  claimNumber: string;
  policyNumber: string;
  plate: string;
  /** Which side of the split this invoice is. */
  billedTo: 'insurer' | 'insured';
}

/** What a client changes of a claim file; `null` removes the centre or the estimate. */
export interface ClaimPatch {
  policyNumber?: string;
  vehicle?: Vehicle;
  centreId?: string | null;
  estimate?: string | null;
  /** Only `closed`: the other statuses follow from valuations and billing. */
  status?: 'closed';
}

/** A page of the tenant's claims, newest first, narrowed by any of these. */
export interface ClaimListQuery extends PageRequest {
  status?: ClaimStatus;
  insurerId?: string;
  /** Normalised as stored (upper case, no spaces or dashes). */
  plate?: string;
  claimNumber?: string;
}

export interface ClaimRepository {
  /**
   * Writes a new claim together with the guard of its claim number for its insurer, all or none:
   * a number the insurer already has is a ConflictError naming `claimNumber`.
   */
  create(claim: Claim): Promise<void>;
  get(tenantId: string, id: string): Promise<Claim | undefined>;
  list(tenantId: string, query: ClaimListQuery): Promise<Page<Claim>>;
  /** Writes `next` only if the stored version is still `next.version - 1`; else PreconditionFailedError. */
  update(next: Claim): Promise<void>;
}

export interface ValuationRepository {
  get(tenantId: string, claimId: string, version: number): Promise<Valuation | undefined>;
  /** Every version of the claim's valuation, oldest first. */
  list(tenantId: string, claimId: string): Promise<Valuation[]>;
  /** A page of the versions, oldest first (a version may weigh 100s of KB: pages keep answers small). */
  listPage(tenantId: string, claimId: string, page: PageRequest): Promise<Page<Valuation>>;
  /**
   * Stores a new version and moves the claim to it (status `valued`, `valuationVersion`, its
   * version one up), all or none, only while the claim's latest version is still the one before
   * and the claim is not closed. A lost race is a ConflictError naming `version`.
   */
  record(valuation: Valuation): Promise<void>;
}

export const CLAIM_DOCUMENT_KINDS = ['photo', 'appraisal', 'other'] as const;
/** `photo` of the damage or the repair; `appraisal` the appraiser's report (PDF). */
export type ClaimDocumentKind = (typeof CLAIM_DOCUMENT_KINDS)[number];

/** A file linked to a claim: its bytes are in the artifact store under `key`. */
export interface ClaimDocument {
  id: string;
  claimId: string;
  tenantId: string;
  kind: ClaimDocumentKind;
  fileName: string;
  contentType: string;
  size: number;
  /** Of the bytes, hex. */
  sha256: string;
  key: string;
  uploadedAt: string;
}

export interface ClaimDocumentRepository {
  create(document: ClaimDocument): Promise<void>;
  get(tenantId: string, claimId: string, id: string): Promise<ClaimDocument | undefined>;
  /** Oldest first. */
  list(tenantId: string, claimId: string): Promise<ClaimDocument[]>;
}
