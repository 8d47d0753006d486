// The exchange area's public surface (imports, inbox status changes, tenant settings).
export {};
