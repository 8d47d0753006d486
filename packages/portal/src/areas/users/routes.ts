import type { RouteObject } from 'react-router';

/** Users and roles: the members, an invitation, one member's role and access. */
export const usersRoutes: RouteObject[] = [
  {
    path: 'users',
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./list-page.tsx')).UsersListPage }),
      },
      {
        path: 'invite',
        lazy: async () => ({ Component: (await import('./invite-page.tsx')).InviteUserPage }),
      },
      {
        path: ':id',
        lazy: async () => ({ Component: (await import('./member-page.tsx')).MemberPage }),
      },
    ],
  },
];
