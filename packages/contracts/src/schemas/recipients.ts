// Schemas of the recipients area (onboarding keys, recipient accounts and sessions).
export {};
