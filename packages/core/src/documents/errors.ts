import { ValidationError } from '../errors.ts';

/** Why a body was refused before it could be read as an invoice. */
export type UnreadableReason =
  | 'empty'
  | 'too-large'
  | 'encoding'
  | 'doctype'
  | 'not-xml'
  | 'unknown-root';

/**
 * The body is not a document we read: too large, not XML, hostile (a DOCTYPE, which is how XXE
 * and entity expansion get in) or XML of an unknown kind. A client mistake, so a 4xx naming the
 * body; `reason` lets the HTTP layer pick a more precise status (413 for `too-large`).
 */
export class UnreadableDocumentError extends ValidationError {
  constructor(
    readonly reason: UnreadableReason,
    message: string,
  ) {
    super(message, [{ path: 'body', message }]);
  }
}
