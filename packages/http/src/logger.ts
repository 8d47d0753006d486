import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger of every function. Bodies, headers and query strings are never logged: they can
 * hold API keys, tax data or passwords. Level from POWERTOOLS_LOG_LEVEL.
 */
export const logger = new Logger({ serviceName: 'sello' });
