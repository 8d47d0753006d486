// Schemas of the exchange area (imports, inbox status changes, tenant settings).
export {};
