import type { SignatureAlgorithm } from '@sello/core/ports';

export const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const XADES_NS = 'http://uri.etsi.org/01903/v1.3.2#';

/** Inclusive Canonical XML 1.0, what Facturae signatures use for SignedInfo and references. */
export const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties';
/** Facturae-PHP marks the whole-document reference with this Type; kept for fidelity. */
export const OBJECT_TYPE = 'http://www.w3.org/2000/09/xmldsig#Object';

/** Política de firma de Facturae v3.1 (the identifier, text and SHA-1 hash every verifier expects). */
export const FACTURAE_POLICY = {
  identifier:
    'http://www.facturae.es/politica_de_firma_formato_facturae/politica_de_firma_formato_facturae_v3_1.pdf',
  description: 'Política de Firma FacturaE v3.1',
  digestMethod: 'http://www.w3.org/2000/09/xmldsig#sha1',
  digestValue: 'Ohixl6upD6av8N7pEvDABhEL6hM=',
} as const;

/** The signer's role Facturae signatures declare, as Facturae-PHP writes it. */
export const CLAIMED_ROLE = 'emisor';
/** DataObjectFormat of the signed invoice: ISO 10162-10163 OID Facturae-PHP uses for it. */
export const DATA_OBJECT = {
  description: 'Factura electrónica',
  identifier: 'urn:oid:1.2.840.10003.5.109.10',
  mimeType: 'text/xml',
  encoding: 'UTF-8',
} as const;

export interface AlgorithmSuite {
  /** node:crypto hash name. */
  hash: 'sha256' | 'sha512';
  digestUri: string;
  signatureUri: string;
}

/** One hash for everything (references, certificate digest, signature), picked by the key's algorithm. */
export const SUITES: Record<SignatureAlgorithm, AlgorithmSuite> = {
  RSASSA_PKCS1_V1_5_SHA_256: {
    hash: 'sha256',
    digestUri: 'http://www.w3.org/2001/04/xmlenc#sha256',
    signatureUri: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  },
  RSASSA_PKCS1_V1_5_SHA_512: {
    hash: 'sha512',
    digestUri: 'http://www.w3.org/2001/04/xmlenc#sha512',
    signatureUri: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  },
};
