// The webhooks area's public surface (webhook subscriptions and deliveries).
export * from './backoff.ts';
export * from './deliver.ts';
export * from './model.ts';
export * from './publish.ts';
export * from './signature.ts';
export * from './subscriptions.ts';
export * from './url-guard.ts';
