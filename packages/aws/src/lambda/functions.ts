import { functionArnEnv } from '@sello/contracts';
import { requireEnv } from '../config.ts';

/**
 * The ARN of triggered function `id`, as CDK passes it to the functions that may reach it (see
 * `functionArnEnv`). Missing means the caller's route does not declare it: fail with the name.
 */
export const functionArn = (id: string): string => requireEnv(functionArnEnv(id));
