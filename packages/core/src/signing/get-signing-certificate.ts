import { NotFoundError } from '../errors.ts';
import type { SigningIdentity, SigningIdentityRepository } from './signing-identity.ts';

export const getSigningCertificate =
  ({ identities }: { identities: SigningIdentityRepository }) =>
  async (tenantId: string): Promise<SigningIdentity> => {
    const identity = await identities.get(tenantId);
    if (!identity) throw new NotFoundError('Signing certificate of tenant', tenantId);
    return identity;
  };
