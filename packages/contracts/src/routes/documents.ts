import type { RouteDef, TriggeredDef } from '../route.ts';

/** Routes of this area; spread into the route table in ../routes.ts. */
export const documentsRoutes = {} as const satisfies Record<string, RouteDef>;

/** Functions of this area no HTTP route reaches. */
export const documentsTriggered = {} as const satisfies Record<string, TriggeredDef>;
