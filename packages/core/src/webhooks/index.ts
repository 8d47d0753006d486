// The webhooks area's public surface (webhook subscriptions and deliveries).
export {};
