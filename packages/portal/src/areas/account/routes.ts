import type { RouteObject } from 'react-router';

/**
 * The pages of this area (loaded on demand): where the mails' links lead (the paths are the ones
 * `portalLink` writes in @sello/core/staff) and the request for a reset link.
 */
export const accountRoutes: RouteObject[] = [
  {
    path: 'accept-invitation',
    lazy: async () => ({
      Component: (await import('./accept-invitation-page.tsx')).AcceptInvitationPage,
    }),
  },
  {
    path: 'forgot-password',
    lazy: async () => ({
      Component: (await import('./forgot-password-page.tsx')).ForgotPasswordPage,
    }),
  },
  {
    path: 'reset-password',
    lazy: async () => ({
      Component: (await import('./reset-password-page.tsx')).ResetPasswordPage,
    }),
  },
];
