import {
  DynamoApiKeyRepository,
  DynamoAttemptCounter,
  DynamoCentreRepository,
  DynamoChangeRequestRepository,
  DynamoClaimDocumentRepository,
  DynamoClaimRepository,
  DynamoCsdIdentityRepository,
  DynamoCustomerDirectory,
  DynamoCustomerPricesRepository,
  DynamoCustomerRepository,
  DynamoDepositRepository,
  DynamoDocumentGrantStore,
  DynamoHeartbeatRepository,
  DynamoIdempotencyStore,
  DynamoImportRepository,
  DynamoInboxRepository,
  DynamoInvoiceRepository,
  DynamoInvoicingPolicyRepository,
  DynamoMembershipRepository,
  DynamoNotificationLog,
  DynamoOnboardingKeyRepository,
  DynamoPolicyRunRepository,
  DynamoProductRepository,
  DynamoRecipientMigrationStore,
  DynamoRecipientRepository,
  DynamoRemedyRepository,
  DynamoSeriesRepository,
  DynamoSettingsRepository,
  DynamoSigningIdentityRepository,
  DynamoSignUpRepository,
  DynamoStaffLinkRepository,
  DynamoSubmissionRepository,
  DynamoSubmitterCertificateRepository,
  DynamoTariffRepository,
  DynamoTaskRepository,
  DynamoTaskRunRepository,
  DynamoTenantRepository,
  DynamoTicketRepository,
  DynamoValuationRepository,
  DynamoVerifactuRepository,
  DynamoWebhookDeliveryRepository,
  DynamoWebhookSubscriptionRepository,
  DynamoWorkOrderRepository,
} from '@sello/aws';
import { DynamoConnectorCredentialsRepository } from '@sello/aws/connectors';
import { jurisdictionOf } from '@sello/core/taxes';
import { documentClient } from './clients.ts';
import { tableName } from './config.ts';

/**
 * Every repository of the platform over the shared document client and the configured table,
 * built once per container on first use. The area modules of this package pick what each use
 * case needs from here.
 */
function build() {
  const db = documentClient();
  const table = tableName();
  return {
    customers: new DynamoCustomerRepository(db, table),
    products: new DynamoProductRepository(db, table),
    tariffs: new DynamoTariffRepository(db, table),
    customerPrices: new DynamoCustomerPricesRepository(db, table),
    tenants: new DynamoTenantRepository(db, table),
    apiKeys: new DynamoApiKeyRepository(db, table),
    heartbeats: new DynamoHeartbeatRepository(db, table),
    idempotency: new DynamoIdempotencyStore(db, table),
    invoices: new DynamoInvoiceRepository(db, table),
    series: new DynamoSeriesRepository(db, table),
    signingIdentities: new DynamoSigningIdentityRepository(db, table),
    // Mexico: the tenant's CSD, which seals CFDI (apart from the Facturae signing identity)
    csdIdentities: new DynamoCsdIdentityRepository(db, table),
    // VERI*FACTU, one adapter per port: the chain as read, corrections appended to it (which
    // read it too), submission to AEAT, and the certificate that presents the records there.
    verifactu: new DynamoVerifactuRepository(db, table),
    verifactuRemedies: new DynamoRemedyRepository(db, table),
    verifactuSubmissions: new DynamoSubmissionRepository(db, table),
    submitterCertificates: new DynamoSubmitterCertificateRepository(db, table),
    // exchange
    inbox: new DynamoInboxRepository(db, table),
    imports: new DynamoImportRepository(db, table),
    // recipients
    settings: new DynamoSettingsRepository(db, table),
    onboardingKeys: new DynamoOnboardingKeyRepository(db, table),
    recipients: new DynamoRecipientRepository(db, table),
    recipientMigration: new DynamoRecipientMigrationStore(db, table),
    attempts: new DynamoAttemptCounter(db, table),
    recipientNotifications: new DynamoNotificationLog(db, table),
    // webhooks
    webhookSubscriptions: new DynamoWebhookSubscriptionRepository(db, table),
    webhookDeliveries: new DynamoWebhookDeliveryRepository(db, table),
    // tasks
    tasks: new DynamoTaskRepository(db, table),
    taskRuns: new DynamoTaskRunRepository(db, table),
    workOrders: new DynamoWorkOrderRepository(db, table),
    customerDirectory: new DynamoCustomerDirectory(db, table),
    // staff
    memberships: new DynamoMembershipRepository(db, table),
    staffLinks: new DynamoStaffLinkRepository(db, table),
    signUps: new DynamoSignUpRepository(db, table),
    // tickets
    tickets: new DynamoTicketRepository(db, table),
    // deposits
    deposits: new DynamoDepositRepository(db, table),
    // connectors
    connectorCredentials: new DynamoConnectorCredentialsRepository(db, table),
    // change requests
    changeRequests: new DynamoChangeRequestRepository(db, table),
    // invoicing policies (automatic invoicing of deposits)
    invoicingPolicies: new DynamoInvoicingPolicyRepository(db, table),
    policyRuns: new DynamoPolicyRunRepository(db, table),
    documentGrants: new DynamoDocumentGrantStore(db, table),
    // workshops: work centres, claim files, their valuations and documents
    centres: new DynamoCentreRepository(db, table),
    claims: new DynamoClaimRepository(db, table),
    valuations: new DynamoValuationRepository(db, table),
    claimDocuments: new DynamoClaimDocumentRepository(db, table),
  };
}

let built: ReturnType<typeof build> | undefined;

export const repositories = () => {
  built ??= build();
  return built;
};

/** Whose tax rules a tenant follows (Spain's for a tenant not found: the caller then fails anyway). */
export const tenantJurisdiction = async (tenantId: string) =>
  jurisdictionOf((await repositories().tenants.get(tenantId))?.address.country ?? 'ES');
