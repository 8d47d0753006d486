import {
  type CancellationRequest,
  type CancellationResult,
  type Pac,
  PacRejectedError,
  PacUnavailableError,
  type StampedCfdi,
} from '@sello/core/ports';

/**
 * The PAC SW Sapien (SmarterWeb, services.sw.com.mx; tests at services.test.sw.com.mx) through its
 * REST services API, as its public documentation describes it:
 *
 * - Authentication, developers.sw.com.mx/knowledge-base "Autenticación" (?p=3705):
 *   `POST /security/authenticate` with headers `user` and `password` answers
 *   `{data: {token, expires_in, tokeny_type}, status: "success"}`; the token lasts two hours. An
 *   "infinite token" from the ADT portal is used as is, without authenticating.
 * - Stamping, developers.sw.com.mx/knowledge-base/stamp and ".../stamping-version-4":
 *   `POST /cfdi33/stamp/v4`, `Authorization: Bearer <token>`, multipart/form-data with the sealed
 *   CFDI in the field `xml`; response version 4 carries `cfdi` (the stamped XML), `uuid`,
 *   `fechaTimbrado`, `selloSAT`, `noCertificadoSAT`, `cadenaOriginalSAT`, `qrCode`. The path says
 *   cfdi33 for compatibility; it takes CFDI 4.0.
 * - Cancelling, developers.sw.com.mx/knowledge-base/cancellation-of-cfdi ("Cancellation by
 *   UUID", with the issuer's CSD uploaded to the SW account beforehand):
 *   `POST /cfdi33/cancel/{rfc}/{uuid}/{motivo}/{folioSustitucion}`, the last only with motivo 01;
 *   the answer carries the SAT acknowledgement (`acuse`) and `uuid: {<UUID>: <SAT status>}`.
 * - Errors, developers.sw.com.mx/knowledge-base/error-codes: `{message: "<code> - <text>",
 *   messageDetail, data: null, status: "error"}`; the codes are SAT's validation matrix (301…)
 *   or SW's own (AU… authentication, CO… uncontrolled). HTTP 400 for the document's faults,
 *   401 for credentials or token.
 *
 * Mapping: a 4xx naming a code is the document's (or cancellation's) fault → PacRejectedError
 * with that code; no answer within the timeout, a 5xx, a 429 or an unreadable answer →
 * PacUnavailableError (nothing known to be stamped: send the same document again later; SW
 * answers a stamped one with 307, whose stamp is returned when the answer carries it). The
 * acknowledgement does not say whether SAT cancelled at once or waits for the receptor, so a
 * cancellation is `pending` unless the answer says `cancellation.status` (the sandbox does).
 */
export type SwSapienCredentials = { token: string } | { user: string; password: string };

export interface SwSapienPacOptions {
  /** `https://services.sw.com.mx`, `https://services.test.sw.com.mx` or the local sandbox. */
  url: string;
  /** Read when first needed (from the secret store); never logged. */
  credentials: () => Promise<SwSapienCredentials>;
  /** Per request; a Lambda's own timeout should leave room for one. Default 25 s. */
  timeoutMs?: number;
  now?: () => Date;
}

interface SwAnswer {
  status?: string;
  message?: string | null;
  messageDetail?: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: SW's data differs per service and is checked field by field
  data?: any;
}

interface Token {
  value: string;
  /** Epoch milliseconds. */
  until: number;
  infinite: boolean;
}

const CANCEL_UUID_CODES = new Set(['202', '203', '204', '205']);

export class SwSapienPac implements Pac {
  readonly #url: string;
  readonly #timeoutMs: number;
  readonly #now: () => Date;
  #token: Promise<Token> | undefined;
  #tokenUntil = 0;

  constructor(private readonly options: SwSapienPacOptions) {
    this.#url = options.url.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? 25_000;
    this.#now = options.now ?? (() => new Date());
  }

  async stamp(xml: string): Promise<StampedCfdi> {
    const form = () => {
      const body = new FormData();
      body.set('xml', new Blob([xml], { type: 'text/xml' }), 'cfdi.xml');
      return body;
    };
    const answer = await this.#post('/cfdi33/stamp/v4', form, 'xml');
    return stampOf(answer.data, 'The PAC answered a stamp without the CFDI, its UUID or its date');
  }

  async cancel(request: CancellationRequest): Promise<CancellationResult> {
    const segments = [request.issuerRfc, request.uuid, request.reason];
    if (request.substitute) segments.push(request.substitute);
    const path = `/cfdi33/cancel/${segments.map(encodeURIComponent).join('/')}`;
    const field = request.reason === '01' || request.substitute ? 'substitute' : 'reason';
    const answer = await this.#post(path, undefined, field);
    const data = answer.data ?? {};
    const statuses: Record<string, string> =
      data.uuid && typeof data.uuid === 'object' ? data.uuid : {};
    const sat = statuses[request.uuid.toUpperCase()] ?? statuses[request.uuid.toLowerCase()];
    if (sat && sat !== '201') {
      throw new PacRejectedError(sat, `SAT answered ${sat} for ${request.uuid}`, 'uuid');
    }
    const status = data.cancellation?.status === 'cancelled' ? 'cancelled' : 'pending';
    const at =
      typeof data.cancellation?.at === 'string' ? data.cancellation.at : this.#now().toISOString();
    return { status, at };
  }

  async #post(
    path: string,
    body: (() => FormData) | undefined,
    field: string,
    retried = false,
  ): Promise<SwAnswer> {
    const token = await this.#currentToken();
    const res = await this.#fetch(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.value}` },
      ...(body ? { body: body() } : {}),
    });
    const answer = await readAnswer(res);
    if (res.ok && answer.status === 'success') return answer;
    if (res.status === 401 && !retried && !token.infinite) {
      // The token expired early or was revoked: one fresh authentication, then give up.
      this.#token = undefined;
      return this.#post(path, body, field, true);
    }
    if (res.status === 401 || res.status === 403) {
      throw new PacUnavailableError(
        `The PAC refused Sello's credentials (HTTP ${res.status}); the operator must fix the PAC secret`,
        300,
      );
    }
    if (res.status >= 500 || res.status === 429 || res.status === 408) {
      throw new PacUnavailableError(
        `The PAC failed (HTTP ${res.status}): ${answer.message ?? ''}`.trim(),
      );
    }
    const { code, text } = splitMessage(answer.message);
    if (code === '307' && answer.data?.cfdi) {
      // Stamped before (a retry after a lost answer): the first stamp is the answer.
      return { ...answer, status: 'success' };
    }
    const detail = answer.messageDetail ? ` (${answer.messageDetail})` : '';
    throw new PacRejectedError(
      code ?? `HTTP ${res.status}`,
      `${text}${detail}`,
      code && CANCEL_UUID_CODES.has(code) ? 'uuid' : field,
    );
  }

  async #fetch(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.#url}${path}`, {
        ...init,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new PacUnavailableError(`The PAC did not answer within ${this.#timeoutMs} ms`);
      }
      throw new PacUnavailableError(`The PAC could not be reached: ${(error as Error).message}`);
    }
  }

  /** One authentication shared by concurrent calls, renewed a minute before it expires. */
  #currentToken(): Promise<Token> {
    if (!this.#token || this.#tokenUntil <= this.#now().getTime() + 60_000) {
      const pending = this.#authenticate();
      this.#token = pending;
      this.#tokenUntil = Number.POSITIVE_INFINITY; // shared while it is on its way
      pending.then(
        (t) => {
          if (this.#token === pending) this.#tokenUntil = t.until;
        },
        () => {
          if (this.#token === pending) this.#token = undefined;
        },
      );
    }
    return this.#token;
  }

  async #authenticate(): Promise<Token> {
    const credentials = await this.options.credentials();
    if ('token' in credentials)
      return { value: credentials.token, until: Number.POSITIVE_INFINITY, infinite: true };
    const res = await this.#fetch('/security/authenticate', {
      method: 'POST',
      headers: { user: credentials.user, password: credentials.password },
    });
    const answer = await readAnswer(res);
    const token = answer.data?.token;
    if (!res.ok || answer.status !== 'success' || typeof token !== 'string') {
      if (res.status >= 500) throw new PacUnavailableError(`The PAC failed (HTTP ${res.status})`);
      throw new PacUnavailableError(
        `The PAC refused Sello's credentials: ${answer.message ?? `HTTP ${res.status}`}`,
        300,
      );
    }
    const expires = Number(answer.data.expires_in);
    // The documentation shows an instant in epoch seconds; a small number would be a duration.
    const until = expires > 1e9 ? expires * 1000 : this.#now().getTime() + (expires || 7200) * 1000;
    return { value: token, until, infinite: false };
  }
}

async function readAnswer(res: Response): Promise<SwAnswer> {
  const text = await res.text();
  try {
    return JSON.parse(text) as SwAnswer;
  } catch {
    if (res.status >= 500 || res.status === 429 || res.status === 408)
      return { status: 'error', message: text.slice(0, 200) };
    throw new PacUnavailableError(`The PAC answered HTTP ${res.status} with no JSON`);
  }
}

/** `"305 - La fecha de emisión no está dentro de la vigencia…"` → its code and text. */
function splitMessage(message: string | null | undefined): { code?: string; text: string } {
  const m = /^\s*([A-Z]{0,6}\d{3,5})\s*-\s*(.*)$/s.exec(message ?? '');
  if (!m) return { text: message || 'The PAC refused it without saying why' };
  return { code: m[1]!, text: m[2]!.trim() };
}

// biome-ignore lint/suspicious/noExplicitAny: checked field by field
function stampOf(data: any, problem: string): StampedCfdi {
  if (
    typeof data?.cfdi !== 'string' ||
    typeof data.uuid !== 'string' ||
    typeof data.fechaTimbrado !== 'string'
  ) {
    throw new PacUnavailableError(problem);
  }
  return { xml: data.cfdi, uuid: data.uuid.toUpperCase(), stampedAt: data.fechaTimbrado };
}
