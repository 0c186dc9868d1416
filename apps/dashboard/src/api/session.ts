import type { components } from './schema';

type User = components['schemas']['UserView'];

/**
 * The browser session: the access token lives in memory only; the refresh token is an httpOnly
 * cookie the API sets (C3), so a reload or a new tab restores the session with `POST /v1/auth/refresh`.
 */
interface SessionState {
  accessToken: string | null;
  user: User | null;
}

const state: SessionState = { accessToken: null, user: null };
const listeners = new Set<() => void>();
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

export const session = {
  get token() {
    return state.accessToken;
  },
  get user() {
    return state.user;
  },
  set(accessToken: string, expiresIn: number, user: User, renew: () => void) {
    state.accessToken = accessToken;
    state.user = user;
    clearTimeout(refreshTimer);
    // Renew a minute before the access token runs out, so a working day passes without a sign-in.
    refreshTimer = setTimeout(renew, Math.max(5, expiresIn - 60) * 1000);
    listeners.forEach((listener) => listener());
  },
  clear() {
    state.accessToken = null;
    state.user = null;
    clearTimeout(refreshTimer);
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function csrfToken(): string | undefined {
  const match = document.cookie.split('; ').find((part) => part.startsWith('claimdesk_csrf='));
  return match ? decodeURIComponent(match.slice('claimdesk_csrf='.length)) : undefined;
}
