import { ENV } from '@sello/contracts';
import * as core from '@sello/core/system';
import { optionalEnv } from './config.ts';
import { repositories } from './repositories.ts';

export { stage } from './config.ts';

/** The public base URL of the API for the OpenAPI document's `servers`, when the stack sets it. */
export const publicApiUrl = () => optionalEnv(ENV.publicApiUrl);

export const recordSchedulerHeartbeat = () =>
  core.recordHeartbeat({ heartbeats: repositories().heartbeats });
