import type {
  Connector,
  ConnectorCredentials,
  ForwardRequest,
  ForwardResult,
} from '@sello/core/connectors';

/**
 * Sello's generic insurer-platform adapter: the REST protocol an insurer's e-invoicing platform
 * is reached with, each user with their own account there (the README documents it):
 *
 * - `POST {url}/api/v1/sessions` `{username, password, taxId}` → 200 `{token, expiresIn}`; 401
 *   `INVALID_CREDENTIALS`, 403 `TAX_ID_NOT_ALLOWED` (the account does not file under that tax id).
 * - `POST {url}/api/v1/invoices`, `Authorization: Bearer <token>`, the signed Facturae as the body
 *   (`application/xml`, its file name in `X-File-Name`) → 201 `{registryNumber, status,
 *   receivedAt}`; 409 `DUPLICATE_INVOICE` with the `registryNumber` the platform gave it the
 *   first time; 400/422 a refusal (`NOT_FACTURAE`, `SELLER_MISMATCH`, `INVALID_SIGNATURE`, …).
 * - Every refusal is `{error: {code, message}}`.
 *
 * What the platform refused (the credentials, the document) is `rejected` with its code: the
 * user fixes it and forwards again. What is not an answer (network, timeout, 5xx, 429, a body
 * that is not the protocol's) throws, and the invoice's entry becomes `failed`. A duplicate is
 * `delivered` with the first registry number: forwarding twice registers once.
 */
export interface InsurerPlatformOptions {
  url: string;
  /** Per HTTP request; default 20 s, well inside the forwarding function's time. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface PlatformError {
  error?: { code?: unknown; message?: unknown; registryNumber?: unknown };
}

/** Not an answer of the platform's: the caller records `failed`. */
export class InsurerPlatformUnavailableError extends Error {
  override readonly name = 'InsurerPlatformUnavailableError';
}

export class InsurerPlatformConnector implements Connector {
  readonly id = 'insurer-platform' as const;
  readonly perUserCredentials = true;
  readonly #base: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: InsurerPlatformOptions) {
    this.#base = options.url.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? 20_000;
    this.#fetch = options.fetch ?? fetch;
  }

  async forward({ document, credentials }: ForwardRequest): Promise<ForwardResult> {
    if (!credentials) {
      return refused('CREDENTIALS_REQUIRED', 'The insurer platform needs your own credentials');
    }
    const session = await this.#signIn(credentials);
    if ('status' in session) return session;
    const res = await this.#send('/api/v1/invoices', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${session.token}`,
        'content-type': 'application/xml',
        'x-file-name': document.fileName,
      },
      body: document.body,
    });
    const body = await json(res);
    if (res.status === 201 || res.status === 200) {
      const registryNumber = (body as { registryNumber?: unknown }).registryNumber;
      if (typeof registryNumber !== 'string' || !registryNumber) {
        throw new InsurerPlatformUnavailableError(
          'The insurer platform took the invoice without a registry number',
        );
      }
      const status = (body as { status?: unknown }).status;
      return {
        status: 'delivered',
        registryNumber,
        ...(typeof status === 'string' ? { receiverStatus: status } : {}),
      };
    }
    const error = errorOf(body);
    if (res.status === 409 && error.code === 'DUPLICATE_INVOICE' && error.registryNumber) {
      return { status: 'delivered', registryNumber: error.registryNumber };
    }
    if (res.status === 400 || res.status === 409 || res.status === 413 || res.status === 422) {
      return refused(error.code ?? `HTTP_${res.status}`, error.message ?? 'Refused');
    }
    throw unavailable(res.status, error);
  }

  async #signIn(c: ConnectorCredentials): Promise<{ token: string } | ForwardResult> {
    const res = await this.#send('/api/v1/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: c.username, password: c.password, taxId: c.taxId }),
    });
    const body = await json(res);
    if (res.status === 200 || res.status === 201) {
      const token = (body as { token?: unknown }).token;
      if (typeof token !== 'string' || !token) {
        throw new InsurerPlatformUnavailableError('The insurer platform answered no session token');
      }
      return { token };
    }
    const error = errorOf(body);
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      return refused(
        error.code ?? `HTTP_${res.status}`,
        `${error.message ?? 'Sign-in refused'}: check your credentials in your profile`,
      );
    }
    throw unavailable(res.status, error);
  }

  async #send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await this.#fetch(`${this.#base}${path}`, {
        ...init,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      // The request's own error names the address and the cause, never its body.
      const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new InsurerPlatformUnavailableError(`The insurer platform was not reached (${cause})`);
    }
  }
}

const refused = (code: string, message: string): ForwardResult => ({
  status: 'rejected',
  error: { code, message },
});

const unavailable = (status: number, error: { code?: string; message?: string }) =>
  new InsurerPlatformUnavailableError(
    `The insurer platform answered HTTP ${status}${error.code ? ` ${error.code}` : ''}${
      error.message ? `: ${error.message}` : ''
    }`,
  );

async function json(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}

function errorOf(body: unknown): { code?: string; message?: string; registryNumber?: string } {
  const e = (body as PlatformError).error ?? {};
  const text = (v: unknown) => (typeof v === 'string' && v ? v.slice(0, 500) : undefined);
  const code = text(e.code);
  const message = text(e.message);
  const registryNumber = text(e.registryNumber);
  return {
    ...(code ? { code } : {}),
    ...(message ? { message } : {}),
    ...(registryNumber ? { registryNumber } : {}),
  };
}
