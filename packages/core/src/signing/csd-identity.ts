/**
 * A Mexican tenant's CSD (certificado de sello digital) once uploaded: the KMS key its private key
 * was imported into and what SAT's certificate says. Kept apart from the Facturae signing identity
 * (`SigningIdentity`): a tenant may hold both, and each format seals with its own.
 */
export interface CsdIdentity {
  /** ARN of the tenant's KMS key holding the CSD's private key (Origin EXTERNAL). */
  keyId: string;
  /** `NoCertificado`: SAT's 20-digit certificate number. */
  certificateNumber: string;
  /** `Certificado`: base64 of the certificate's DER bytes, no line breaks. */
  certificateBase64: string;
  /** The holder's RFC, which is the tenant's. */
  rfc: string;
  /** The holder's name as SAT registered it. */
  name: string;
  validFrom: string;
  validTo: string;
  importedAt: string;
}

export interface CsdIdentityRepository {
  get(tenantId: string): Promise<CsdIdentity | undefined>;
  /** Replaces the tenant's CSD: the latest upload is the one that seals. */
  put(tenantId: string, identity: CsdIdentity): Promise<void>;
}

/** What a CSD's `.cer` and `.key` hold once opened with the password. */
export interface CsdContents {
  /** The certificate's DER bytes. */
  certificate: Uint8Array;
  /** The private key as unencrypted PKCS#8 DER: imported, then zeroed; never stored. */
  privateKey: Uint8Array;
  noCertificado: string;
  rfc: string;
  legalName: string;
  validFrom: Date;
  validTo: Date;
}

/**
 * Why a CSD could not be opened, naming the input at fault. `problem` `e-firma` is an e.firma
 * (FIEL) certificate, which signs declarations, not invoices. The message never holds the password.
 */
export class CsdUnreadableError extends Error {
  constructor(
    readonly problem: 'certificate' | 'not-csd' | 'e-firma' | 'key' | 'mismatch',
    readonly field: 'certificate' | 'key' | 'password',
    message: string,
  ) {
    super(message);
    this.name = 'CsdUnreadableError';
  }
}

/** Opens a CSD (`@sello/signing/csd` `readCsd`, adapted); throws CsdUnreadableError. */
export type CsdReader = (certificate: Uint8Array, key: Uint8Array, password: string) => CsdContents;

/** What clients see: never the key id. */
export const csdView = (identity: CsdIdentity) => ({
  rfc: identity.rfc,
  name: identity.name,
  certificateNumber: identity.certificateNumber,
  validFrom: identity.validFrom,
  validTo: identity.validTo,
  importedAt: identity.importedAt,
});

/** What sealing a CFDI needs: the key to sign the cadena with and the certificate it names. */
export type CsdSealingIdentity = Pick<
  CsdIdentity,
  'keyId' | 'certificateNumber' | 'certificateBase64' | 'rfc' | 'validFrom' | 'validTo'
>;
