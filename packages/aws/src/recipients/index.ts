export * from './attempt-counter.ts';
export * from './notification-log.ts';
export * from './onboarding-key-repository.ts';
export * from './recipient-repository.ts';
export * from './settings-repository.ts';
