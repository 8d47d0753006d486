import type { RouteObject } from 'react-router';

/** The pages of this area (loaded on demand). */
export const inboxRoutes: RouteObject[] = [];
