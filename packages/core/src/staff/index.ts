// The staff area's public surface: members of a tenant with roles, their invitations and password
// resets, and signing in through the identity provider (which keeps the passwords).
export * from './links.ts';
export * from './members.ts';
export * from './model.ts';
export * from './passwords.ts';
export * from './sign-in.ts';
export * from './texts.ts';
