import { defineRoute, type RouteDef } from '../route.ts';
import { IdParams, PageQuery, pageOf } from '../schemas/common.ts';
import { InviteInput, Me, Member, MemberPatch } from '../schemas/staff.ts';
import { ADMINS, problem, read, readWrite } from './shared.ts';

/** The people of a tenant (staff) and who is calling. */
export const usersRoutes = {
  listUsers: defineRoute({
    id: 'listUsers',
    method: 'GET',
    path: '/v1/users',
    entry: 'functions/users/list-users.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: read,
    summary: "The tenant's members, invited and active, in the order they were added",
    tag: 'Users',
    request: { query: PageQuery },
    responses: { 200: { description: 'A page of members', schema: pageOf(Member) } },
  }),
  inviteUser: defineRoute({
    id: 'inviteUser',
    method: 'POST',
    path: '/v1/users',
    entry: 'functions/users/invite-user.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: ['table:read', 'table:write', 'users:manage', 'mail:send'],
    summary:
      'Invite a person: Sello mails a link to choose a password (seven days, single use). Only owners invite owners',
    tag: 'Users',
    request: { body: InviteInput },
    responses: {
      201: { description: 'Invited', schema: Member },
      409: problem('The e-mail already belongs to a member'),
    },
  }),
  updateUser: defineRoute({
    id: 'updateUser',
    method: 'PATCH',
    path: '/v1/users/{id}',
    entry: 'functions/users/update-user.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: readWrite,
    summary:
      "Change a member's role or work centres (send `If-Match` to guard against lost updates). " +
      'Only owners give or take the owner role; each centre must be one of the tenant',
    tag: 'Users',
    request: { params: IdParams, body: MemberPatch },
    responses: {
      200: { description: 'Changed', schema: Member },
      400: problem('Invalid input, or no such centre; `errors` names e.g. `centreIds.1`'),
      404: problem('No such member'),
      409: problem('It would leave the tenant without an active owner'),
      412: problem('`If-Match` does not match the current version'),
    },
  }),
  removeUser: defineRoute({
    id: 'removeUser',
    method: 'DELETE',
    path: '/v1/users/{id}',
    entry: 'functions/users/remove-user.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: ['table:read', 'table:write', 'users:manage'],
    summary: 'Remove a member; it can no longer sign in. Only owners remove owners',
    tag: 'Users',
    request: { params: IdParams },
    responses: {
      204: { description: 'Removed' },
      404: problem('No such member'),
      409: problem('The member is the last active owner'),
    },
  }),
  getMe: defineRoute({
    id: 'getMe',
    method: 'GET',
    path: '/v1/me',
    entry: 'functions/users/get-me.ts',
    auth: 'tenant',
    access: read,
    summary: 'Who is calling: the signed-in member and its tenant, or the API key and its tenant',
    tag: 'Users',
    responses: { 200: { description: 'The caller', schema: Me } },
  }),
} as const satisfies Record<string, RouteDef>;
