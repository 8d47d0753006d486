import { AppError, type FieldError, RateLimitedError } from '@sello/core/errors';
import { PacUnavailableError } from '@sello/core/ports';

/** Errors of the HTTP layer itself (before any use case runs). */
export class HttpError extends AppError {
  constructor(
    readonly code: string,
    message: string,
    errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message, errors);
  }
}

/** The one table from error codes to statuses and titles. */
const STATUS: Record<string, { status: number; title: string }> = {
  'validation-error': { status: 400, title: 'The request is not valid' },
  'malformed-json': { status: 400, title: 'The body is not valid JSON' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'route-not-found': { status: 404, title: 'No such route' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  'idempotency-in-progress': {
    status: 409,
    title: 'A request with this Idempotency-Key is in progress',
  },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'payload-too-large': { status: 413, title: 'Body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  unprocessable: { status: 422, title: 'The request cannot be processed' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused with another request' },
  // The PAC refused the CFDI (SAT's validation matrix code in `errors`): fix the document.
  'pac-rejected': { status: 422, title: 'The PAC refused the document' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  'pac-unavailable': { status: 503, title: 'The PAC is not available; retry later' },
};

export const PROBLEM_TYPE_PREFIX = 'urn:sello:problem:';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
}

export interface ProblemResponse {
  status: number;
  body: ProblemBody;
  headers: Record<string, string>;
}

/** Maps any thrown value to RFC 9457 problem details; unknown errors never leak their message. */
export function toProblem(
  error: unknown,
  instance: string,
  correlationId: string,
): ProblemResponse {
  const known = error instanceof AppError ? STATUS[error.code] : undefined;
  if (!known || !(error instanceof AppError)) {
    return {
      status: 500,
      headers: {},
      body: {
        type: `${PROBLEM_TYPE_PREFIX}internal`,
        title: STATUS.internal!.title,
        status: 500,
        detail: `Something went wrong on our side. Quote ${correlationId} when contacting support.`,
        instance,
        correlationId,
      },
    };
  }
  const headers: Record<string, string> = error instanceof HttpError ? { ...error.headers } : {};
  if (error instanceof RateLimitedError || error instanceof PacUnavailableError)
    headers['retry-after'] = String(error.retryAfterSeconds);
  if (known.status === 401) headers['www-authenticate'] = 'Bearer realm="sello"';
  return {
    status: known.status,
    headers,
    body: {
      type: `${PROBLEM_TYPE_PREFIX}${error.code}`,
      title: known.title,
      status: known.status,
      detail: error.message,
      instance,
      correlationId,
      ...(error.errors.length ? { errors: error.errors } : {}),
    },
  };
}
