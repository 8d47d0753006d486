import { type TrustAnchors, trustAnchorsFrom } from '@sello/core/signing';
import { TRUSTED_CAS } from '@sello/signing/trusted-cas';
import { trustedCasPem } from './config.ts';

let anchors: TrustAnchors | undefined;

/**
 * The CAs whose certificates prove a tenant's tax id: the list Sello ships and the operator's PEM
 * bundle (SELLO_TRUSTED_CAS_PEM), parsed once per container. A bad bundle fails the cold start.
 */
export function trustAnchors(): TrustAnchors {
  anchors ??= trustAnchorsFrom([...TRUSTED_CAS.map((ca) => ca.pem), trustedCasPem() ?? '']);
  return anchors;
}
