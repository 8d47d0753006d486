import { describe, expect, it } from 'vitest';
import { buildOpenApi } from './openapi.ts';
import { ROLES, rolesOf } from './route.ts';
import { routeList, routes } from './routes.ts';

describe('rolesOf', () => {
  it('lets every role read and owner, admin and accountant do the rest, by default', () => {
    expect(rolesOf({ method: 'GET' })).toEqual(ROLES);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      expect(rolesOf({ method })).toEqual(['owner', 'admin', 'accountant']);
    }
    expect(rolesOf({ method: 'GET', roles: ['owner'] })).toEqual(['owner']);
  });

  it('keeps the matrix the README documents', () => {
    const allowed = (id: keyof typeof routes) => rolesOf(routes[id]);
    const admins = ['owner', 'admin'];
    for (const id of [
      'createApiKey',
      'listApiKeys',
      'revokeApiKey',
      'putSigningCertificate',
      'putCsd',
      'updateSettings',
      'putLogo',
      'deleteLogo',
      'createWebhook',
      'updateWebhook',
      'rotateWebhookSecret',
      'deleteWebhook',
      'createTask',
      'updateTask',
      'deleteTask',
      'runTaskOccurrence',
      'putVerifactuSubmitterCertificate',
      'listUsers',
      'inviteUser',
      'updateUser',
      'removeUser',
    ] as const) {
      expect(allowed(id), id).toEqual(admins);
    }
    for (const id of ['createWorkOrder', 'updateWorkOrder'] as const) {
      expect(allowed(id), id).toEqual(['owner', 'admin', 'accountant', 'technician']);
    }
    for (const id of [
      'validateDocument',
      'verifyVerifactuChain',
      'getMe',
      'listInvoices',
    ] as const) {
      expect(allowed(id), id).toEqual(ROLES);
    }
    for (const id of [
      'createInvoice',
      'issueInvoice',
      'setInboxStatus',
      'createCustomer',
    ] as const) {
      expect(allowed(id), id).toEqual(['owner', 'admin', 'accountant']);
    }
  });

  it('names roles only on routes that take staff tokens', () => {
    for (const route of routeList) {
      if (route.roles) expect(['tenant', 'staff', 'inbox'], route.id).toContain(route.auth);
    }
  });
});

describe('the OpenAPI document', () => {
  const doc = buildOpenApi(routeList, { version: 'test' }) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: { securitySchemes: Record<string, unknown> };
  };

  it('shows who may call each operation: credentials and staff roles', () => {
    const invite = doc.paths['/v1/users']!.post!;
    expect(invite.security).toEqual([{ apiKey: [] }, { staffToken: [] }]);
    expect(invite['x-sello-roles']).toEqual(['owner', 'admin']);
    expect(invite.description).toBe(
      'Staff roles: owner, admin. API keys act for the whole tenant.',
    );
    expect(Object.keys(invite.responses as object)).toContain('403');
    const inbox = doc.paths['/v1/inbox']!.get!;
    expect(inbox.security).toEqual([{ apiKey: [] }, { staffToken: [] }, { session: [] }]);
    expect(inbox['x-sello-roles']).toEqual(ROLES);
    const signIn = doc.paths['/v1/auth/sign-in']!.post!;
    expect(signIn.security).toEqual([]);
    expect(signIn['x-sello-roles']).toBeUndefined();
    expect(doc.paths['/v1/recipients/me']!.get!['x-sello-roles']).toBeUndefined();
    expect(doc.components.securitySchemes).toHaveProperty('staffToken');
  });
});
