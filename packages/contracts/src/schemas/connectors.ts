// Schemas of the connectors area (users' connector credentials, forwarding invoices).
import { CONNECTOR_IDS } from '@sello/core/connectors';
import * as z from 'zod';
import { Instant } from './common.ts';

export const ConnectorId = z
  .enum(CONNECTOR_IDS)
  .describe(
    '`face` (FACe, public administrations), `insurer-platform` (an insurer’s e-invoicing ' +
      'platform, with your own credentials), `sandbox` (inside Sello, for trying)',
  );

export const ConnectorParams = z.object({ connector: ConnectorId });

export const ConnectorCredentialsInput = z
  .object({
    username: z.string().min(1).max(200).describe('Your user on that platform'),
    password: z.string().min(1).max(200).describe('Stored sealed; never returned nor logged'),
    taxId: z
      .string()
      .trim()
      .min(1)
      .max(30)
      .describe('The Spanish NIF, CIF or NIE you file under on that platform'),
  })
  .strict()
  .meta({ id: 'ConnectorCredentialsInput' });

export const ConnectorCredentials = z
  .object({
    connector: ConnectorId,
    taxId: z.string().describe('Normalised: upper case, no separators'),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .describe('Your credentials for a connector, as set: never the password, nor the username')
  .meta({ id: 'ConnectorCredentials' });

export const ConnectorCredentialsList = z
  .object({ items: z.array(ConnectorCredentials) })
  .meta({ id: 'ConnectorCredentialsList' });

export const ForwardInput = z
  .object({ connector: ConnectorId })
  .strict()
  .meta({ id: 'ForwardInput' });

export const Forwarding = z
  .object({
    connector: ConnectorId,
    status: z
      .enum(['sending', 'delivered', 'rejected', 'failed'])
      .describe(
        '`sending`: handed to the connector; `delivered`: the platform registered it ' +
          '(`registryNumber`); `rejected`: it refused it (`error`; fix and forward again); ' +
          '`failed`: it could not be reached (forward again)',
      ),
    registryNumber: z.string().optional().describe("The receiving platform's registry number"),
    receiverStatus: z.string().optional().describe("The receiving platform's own status"),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    userId: z.string().optional().describe('The user whose own credentials forwarded it'),
    attempts: z.number().int().min(1),
    at: Instant.describe('When it entered this status'),
  })
  .meta({ id: 'Forwarding' });

/** What the forwarding function is handed (asynchronous invoke; may come twice). */
export const ForwardJobEvent = z
  .object({
    tenantId: z.string().min(1),
    invoiceId: z.string().min(1),
    connector: ConnectorId,
    attempt: z.number().int().min(1),
  })
  .strict();
