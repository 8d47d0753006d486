// Tenant settings (notifications, payment defaults, branding).
export {};
