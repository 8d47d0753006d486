import type { CfdiPrint } from '@sello/formats/cfdi';

export interface RenderOptions {
  /** Print as a draft (watermark, no number). Defaults to `invoice.status === 'draft'`. */
  draft?: boolean;
  branding?: {
    /** `#RRGGBB` or `#RGB`; anything else falls back to Sello's blue. */
    accentColor?: string;
    /** PNG or JPEG (told by its bytes), drawn top-left above the issuer; scaled to fit 140 × 44 pt. */
    logo?: Uint8Array;
    /** Small print at the foot of every page (registry data, GDPR notice…). */
    legalFooter?: string;
  };
  /** The AEAT verification URL; the QR and its legends go at the top of page 1. */
  verifactu?: { qrUrl: string };
  /** A stamped CFDI's fiscal data and stamp: printed under the parties and at the end. */
  cfdi?: CfdiPrint;
  /** Creation and modification date written into the file; fixing it makes output byte-stable. */
  now?: Date;
}
