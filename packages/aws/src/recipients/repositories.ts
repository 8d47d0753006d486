import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAttemptCounter } from './attempt-counter.ts';
import { DynamoNotificationLog } from './notification-log.ts';
import { DynamoOnboardingKeyRepository } from './onboarding-key-repository.ts';
import {
  DynamoRecipientRepository,
  DynamoRecipientSessionRepository,
} from './recipient-repository.ts';
import { DynamoSettingsRepository } from './settings-repository.ts';

/** The recipients area's repositories, built once per container by ../dynamo/repositories.ts. */
export const recipientsRepositories = (db: DynamoDBDocumentClient, table: string) => ({
  settings: new DynamoSettingsRepository(db, table),
  onboardingKeys: new DynamoOnboardingKeyRepository(db, table),
  recipients: new DynamoRecipientRepository(db, table),
  recipientSessions: new DynamoRecipientSessionRepository(db, table),
  attempts: new DynamoAttemptCounter(db, table),
  recipientNotifications: new DynamoNotificationLog(db, table),
});
