/**
 * The cookie that keeps a staff sign-in's refresh token: HttpOnly, so the portal's scripts never
 * see it, and sent only to /v1/auth (refresh and sign-out). It lives as long as the user pool
 * client's refresh tokens (30 days, which the stack configures).
 */
export const REFRESH_COOKIE = {
  name: 'sello_refresh',
  path: '/v1/auth',
  maxAgeSeconds: 30 * 86_400,
} as const;
