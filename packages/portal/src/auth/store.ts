import type { RecipientUser, SignedIn, SignInFields, StaffUser } from './contract.ts';

export type Session =
  /** On load, while a refresh through the cookie says whether someone is signed in. */
  | { status: 'checking' }
  | { status: 'signedOut'; expired?: boolean }
  | { status: 'staff'; user: StaffUser; accessToken: string; expiresAt: number }
  /** A registered recipient: its inbox only. */
  | { status: 'recipient'; user: RecipientUser; accessToken: string; expiresAt: number }
  /** Developer tools only (the local platform): the tenant's API key stands in for staff. */
  | { status: 'apiKey'; key: string };

/** The three calls of the sign-in contract (see contract.ts). */
export interface AuthCalls {
  signIn(input: SignInFields): Promise<SignedIn>;
  /** The refresh cookie's new access token, or undefined when there is no valid cookie. */
  refresh(): Promise<SignedIn | undefined>;
  signOut(): Promise<void>;
}

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface SessionDeps {
  calls: AuthCalls;
  /** Keeps only a hint that a refresh cookie may exist, never a token. */
  local: KeyValue;
  /** Keeps the developer's API key for this tab. */
  tab: KeyValue;
  developerTools: boolean;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface SessionStore {
  get(): Session;
  subscribe(listener: () => void): () => void;
  /** The `Authorization` header value for API calls, if anyone is signed in. */
  authorization(): string | undefined;
  start(): Promise<void>;
  signIn(input: SignInFields): Promise<void>;
  /** An answer that already signed someone in (a recipient's registration answers like sign-in). */
  signedIn(answer: SignedIn): void;
  signOut(): Promise<void>;
  setApiKey(key: string): void;
  /** The API refused the credentials (401): sign out, saying why. */
  expired(): void;
}

const HINT = 'sello.session';
const DEV_KEY = 'sello.devApiKey';
/** Refresh this long before the access token expires, so calls never carry a dead one. */
const REFRESH_EARLY_MS = 60_000;

/**
 * Who is signed in, in memory only: the access token lives in this object and dies with the page;
 * a reload gets a new one through the HttpOnly refresh cookie, which script never sees.
 */
export function createSessionStore(deps: SessionDeps): SessionStore {
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  let session: Session = { status: 'checking' };
  let timer: unknown;
  let started: Promise<void> | undefined;
  const listeners = new Set<() => void>();

  const set = (next: Session) => {
    session = next;
    for (const listener of listeners) listener();
  };
  const stopTimer = () => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
  };
  const signedIn = (answer: SignedIn) => {
    const expiresAt = now() + answer.expiresIn * 1000;
    deps.local.setItem(HINT, '1');
    deps.tab.removeItem(DEV_KEY);
    stopTimer();
    timer = setTimer(
      () => void refresh(),
      Math.max(5_000, answer.expiresIn * 1000 - REFRESH_EARLY_MS),
    );
    const token = { accessToken: answer.accessToken, expiresAt };
    set(
      answer.user.kind === 'recipient'
        ? { status: 'recipient', user: answer.user, ...token }
        : { status: 'staff', user: answer.user, ...token },
    );
  };
  /** Signed in with a token of the identity provider (staff or recipient). */
  const withToken = () => session.status === 'staff' || session.status === 'recipient';
  const signedOut = (expired: boolean) => {
    stopTimer();
    deps.local.removeItem(HINT);
    set(expired ? { status: 'signedOut', expired } : { status: 'signedOut' });
  };
  const refresh = async () => {
    const answer = await deps.calls.refresh().catch(() => undefined);
    if (answer) signedIn(answer);
    else signedOut(withToken());
  };

  return {
    get: () => session,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    authorization() {
      if (session.status === 'staff' || session.status === 'recipient') {
        return `Bearer ${session.accessToken}`;
      }
      if (session.status === 'apiKey') return `Bearer ${session.key}`;
      return undefined;
    },
    start() {
      // Once per page, however often React mounts the provider.
      started ??= (async () => {
        // Without the hint no one signed in from this browser: no request, no 401 to show.
        if (deps.local.getItem(HINT)) return refresh();
        const key = deps.developerTools ? deps.tab.getItem(DEV_KEY) : null;
        set(key ? { status: 'apiKey', key } : { status: 'signedOut' });
      })();
      return started;
    },
    async signIn(input) {
      signedIn(await deps.calls.signIn(input));
    },
    signedIn,
    async signOut() {
      const hadToken = withToken();
      deps.tab.removeItem(DEV_KEY);
      signedOut(false);
      if (hadToken) await deps.calls.signOut().catch(() => {});
    },
    setApiKey(key) {
      if (!deps.developerTools) return;
      deps.tab.setItem(DEV_KEY, key);
      set({ status: 'apiKey', key });
    },
    expired() {
      if (session.status === 'apiKey') deps.tab.removeItem(DEV_KEY);
      signedOut(true);
    },
  };
}
