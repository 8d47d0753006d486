import { STAFF_ROLES } from '@sello/core/staff';
import * as z from 'zod';
import { Instant } from './common.ts';
import { NewPassword } from './password.ts';
import { Tenant } from './tenants.ts';

export const StaffRole = z
  .enum(STAFF_ROLES)
  .describe(
    'owner and admin administer the tenant (owners alone make owners); accountant does the books; ' +
      'technician reads and does work orders; readOnly reads',
  )
  .meta({ id: 'StaffRole' });

const Email = z.email().max(254);
/** Only the shape: the identity provider tells a wrong password. */
const Password = z.string().min(1).max(256);
const LinkToken = z.string().min(1).max(100).describe('The `token` of the link Sello mailed');

export const SignInInput = z
  .object({ email: Email, password: Password })
  .strict()
  .meta({ id: 'SignInInput' });

export const StaffUser = z
  .object({
    kind: z.literal('staff').describe('A member of a tenant'),
    id: z.string().describe('The user id'),
    email: z.string(),
    tenantId: z.string(),
    role: StaffRole,
  })
  .meta({ id: 'StaffUser' });

export const RecipientUser = z
  .object({
    kind: z
      .literal('recipient')
      .describe('A registered recipient: reads the inbox of its tax id, no tenant'),
    id: z.string().describe('The recipient id (`rcp_…`), as GET /v1/recipients/me names it'),
    email: z.string(),
    taxId: z.string().describe('The tax id whose inbox it reads'),
    name: z.string().optional(),
  })
  .meta({ id: 'RecipientUser' });

export const SignedIn = z
  .object({
    accessToken: z
      .string()
      .describe(
        'Send as `Authorization: Bearer <accessToken>`. The refresh token travels only in the ' +
          '`sello_refresh` cookie (HttpOnly, Path=/v1/auth), for POST /v1/auth/refresh',
      ),
    expiresIn: z.number().int().describe('Seconds the access token is valid for'),
    user: z
      .discriminatedUnion('kind', [StaffUser, RecipientUser])
      .describe(
        'Who signed in: `kind` staff (a member of a tenant, with its role) or recipient (a ' +
          'registered recipient; its token opens only its inbox and /v1/recipients/me)',
      ),
  })
  .meta({ id: 'SignedIn' });

export const ForgotPasswordInput = z
  .object({ email: Email })
  .strict()
  .meta({ id: 'ForgotPasswordInput' });

export const ResetPasswordInput = z
  .object({ token: LinkToken, password: NewPassword })
  .strict()
  .meta({ id: 'ResetPasswordInput' });

export const AcceptInvitationInput = z
  .object({ token: LinkToken, password: NewPassword })
  .strict()
  .meta({ id: 'AcceptInvitationInput' });

export const Member = z
  .object({
    id: z.string().describe('The user id'),
    email: z.string(),
    name: z.string().optional(),
    role: StaffRole,
    status: z
      .enum(['invited', 'active'])
      .describe('invited: has not chosen a password yet; active: signs in'),
    createdAt: Instant,
    joinedAt: Instant.optional().describe('When the invitation was accepted'),
    centreIds: z
      .array(z.string())
      .optional()
      .describe('The work centres the member works at; its only one is its drafts’ default centre'),
  })
  .meta({ id: 'Member' });

export const InviteInput = z
  .object({
    email: Email.describe('Where the invitation goes; the sign-in name'),
    role: StaffRole,
    name: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .meta({ id: 'InviteInput' });

export const MemberPatch = z
  .object({
    role: StaffRole.optional(),
    centreIds: z
      .array(z.string().min(1).max(64))
      .max(50)
      .optional()
      .describe('The work centres the member works at, each one of the tenant (`[]`: none)'),
  })
  .strict()
  .refine((p) => p.role !== undefined || p.centreIds !== undefined, {
    message: 'Give `role` or `centreIds`',
    when: (payload) => payload.issues.length === 0,
  })
  .meta({ id: 'MemberPatch' });

export const Me = z
  .object({
    kind: z
      .enum(['staff', 'apiKey'])
      .describe('staff: a person signed in; apiKey: a system with one of the API keys'),
    tenant: Tenant,
    user: Member.optional().describe('The signed-in member (staff only)'),
    apiKey: z.object({ id: z.string() }).optional().describe('The calling key (API keys only)'),
  })
  .meta({ id: 'Me' });

export const SignedUp = z
  .object({
    tenant: Tenant,
    user: Member.describe('The owner, active: sign in with the e-mail and password just given'),
  })
  .meta({ id: 'SignedUp' });
