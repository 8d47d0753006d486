import type { RouteObject } from 'react-router';

/** Automatic tasks: the list, the four-tab form, and one task with its runs and documents. */
export const tasksRoutes: RouteObject[] = [
  {
    path: 'tasks',
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./list-page.tsx')).TasksListPage }),
      },
      {
        path: 'new',
        lazy: async () => ({ Component: (await import('./form-page.tsx')).NewTaskPage }),
      },
      {
        path: ':id',
        lazy: async () => ({ Component: (await import('./task-page.tsx')).TaskPage }),
      },
      {
        path: ':id/edit',
        lazy: async () => ({ Component: (await import('./form-page.tsx')).EditTaskPage }),
      },
    ],
  },
];
