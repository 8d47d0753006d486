import * as core from '@sello/core';
import { systemClock } from '@sello/core';
import { repositories } from './repositories.ts';

/** The tenant's settings (payment defaults, notifications). */
export const getSettings = () => core.getSettings({ settings: repositories().settings });

export const updateSettings = () =>
  core.updateSettings({ settings: repositories().settings, clock: systemClock });
