/**
 * Domain errors. Each carries a stable `code`; packages/http maps codes to HTTP statuses in one
 * table, so the domain never speaks HTTP.
 */
export interface FieldError {
  /** Dotted path of the offending field, e.g. `address.country`. */
  path: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request is well-formed but breaks a rule (bad tax id, bad cursor, wrong state of input). */
export class ValidationError extends AppError {
  readonly code = 'validation-error';
}

/**
 * The request is well-formed but what it asks cannot be done as given: a document whose seller is
 * not the tenant, a rejection without a reason. Answered 422 with `errors` naming the field.
 */
export class UnprocessableError extends AppError {
  readonly code = 'unprocessable';
}

export class NotFoundError extends AppError {
  readonly code = 'not-found';
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} ${id} was not found`);
  }
}

/** The resource exists but its state forbids the operation (e.g. editing an issued invoice). */
export class ConflictError extends AppError {
  readonly code = 'conflict';
}

/** An `If-Match` precondition failed: somebody else changed the resource first. */
export class PreconditionFailedError extends AppError {
  readonly code = 'precondition-failed';
}

export class UnauthorizedError extends AppError {
  readonly code = 'unauthorized';
}

export class ForbiddenError extends AppError {
  readonly code = 'forbidden';
}

export class RateLimitedError extends AppError {
  readonly code = 'rate-limited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The same Idempotency-Key was sent with a different request. */
export class IdempotencyMismatchError extends AppError {
  readonly code = 'idempotency-key-reused';
}

/** A request with the same Idempotency-Key is still being processed. */
export class IdempotencyInProgressError extends AppError {
  readonly code = 'idempotency-in-progress';
}
