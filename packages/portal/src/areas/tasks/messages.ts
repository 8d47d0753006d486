import { areaMessages } from '../../i18n/area.ts';

/** The strings of this area, in every language (Spanish is the reference). */
export const tasksMessages = areaMessages({
  es: { title: 'Tareas automáticas' },
  ca: { title: 'Tasques automàtiques' },
  en: { title: 'Automatic tasks' },
});
