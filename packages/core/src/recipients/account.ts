import { NotFoundError } from '../errors.ts';
import type { RecipientAccount, RecipientRepository } from './model.ts';
import type { RecipientPrincipal } from './principal.ts';

/** The signed-in recipient's account (GET /v1/recipients/me). */
export const getCurrentRecipient =
  ({ recipients }: { recipients: Pick<RecipientRepository, 'getByTaxId'> }) =>
  async (principal: RecipientPrincipal): Promise<RecipientAccount> => {
    const account = await recipients.getByTaxId(principal.taxId);
    if (!account || account.id !== principal.recipientId) {
      throw new NotFoundError('Recipient', principal.recipientId);
    }
    return account;
  };
