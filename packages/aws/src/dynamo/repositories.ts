import { documentClient } from '../clients.ts';
import { tableName } from '../config.ts';
import { exchangeRepositories } from '../exchange/repositories.ts';
import { recipientsRepositories } from '../recipients/repositories.ts';
import { tasksRepositories } from '../tasks/repositories.ts';
import { webhooksRepositories } from '../webhooks/repositories.ts';
import { DynamoApiKeyRepository } from './api-key-repository.ts';
import {
  DynamoCustomerPricesRepository,
  DynamoProductRepository,
  DynamoTariffRepository,
} from './catalog-repository.ts';
import { DynamoCustomerRepository } from './customer-repository.ts';
import { DynamoHeartbeatRepository } from './heartbeat-repository.ts';
import { DynamoIdempotencyStore } from './idempotency-store.ts';
import { DynamoInvoiceRepository } from './invoice-repository.ts';
import { DynamoSeriesRepository } from './series-repository.ts';
import { DynamoSigningIdentityRepository } from './signing-identity-repository.ts';
import { DynamoTenantRepository } from './tenant-repository.ts';
import { DynamoVerifactuRepository } from './verifactu-repository.ts';

/** Repositories over the shared client and the configured table, built once per container. */
let built: ReturnType<typeof build> | undefined;

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
    verifactu: new DynamoVerifactuRepository(db, table),
    ...exchangeRepositories(db, table),
    ...recipientsRepositories(db, table),
    ...webhooksRepositories(db, table),
    ...tasksRepositories(db, table),
  };
}

export const repositories = () => {
  built ??= build();
  return built;
};
