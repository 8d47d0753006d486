import { systemClock } from '@sello/core/ports';
import * as core from '@sello/core/settings';
import { repositories } from './repositories.ts';

/** The tenant's settings (payment defaults, notifications). */
export const getSettings = () => core.getSettings({ settings: repositories().settings });

export const updateSettings = () =>
  core.updateSettings({ settings: repositories().settings, clock: systemClock });
