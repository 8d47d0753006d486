// Schemas of the webhooks area (webhook subscriptions and deliveries).
export {};
