import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
} from 'react';
import { api, onSessionExpired, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { components } from '../../api/schema';
import { csrfToken, session } from '../../api/session';

type Status = 'restoring' | 'signed-in' | 'signed-out';
type SessionAnswer = components['schemas']['LoginResponse'];

/** A browser's refresh and logout send no refresh token: the API reads the httpOnly cookie (C3). */
const byCookie = (csrf: string) => ({ params: { header: { 'X-CSRF-Token': csrf } }, body: {} });

interface Auth {
  status: Status;
  user: SessionAnswer['user'] | null;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

function start(answer: SessionAnswer) {
  session.set(answer.accessToken, answer.expiresIn, answer.user, () => void renew());
}

/** Renews the access token with the refresh cookie; false when there is no session to renew. */
async function renew(): Promise<boolean> {
  const csrf = csrfToken();
  if (!csrf) return false;
  try {
    start(await unwrap(api.POST('/v1/auth/refresh', byCookie(csrf))));
    return true;
  } catch (error) {
    if (error instanceof ApiProblem && error.status !== 0) session.clear();
    return false;
  }
}

onSessionExpired(renew);

/** Signs in with a browser session: the refresh token comes back as an httpOnly cookie (C3). */
function login(email: string, password: string): Promise<SessionAnswer> {
  return unwrap(api.POST('/v1/auth/login', { body: { email, password, session: 'cookie' } }));
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [restoring, setRestoring] = useState(true);
  const user = useSyncExternalStore(session.subscribe, () => session.user);
  useEffect(() => {
    void renew().finally(() => setRestoring(false));
  }, []);
  const signIn = useCallback(
    async (email: string, password: string) => start(await login(email, password)),
    [],
  );
  const signOut = useCallback(async () => {
    const csrf = csrfToken();
    try {
      if (csrf) await unwrap(api.POST('/v1/auth/logout', byCookie(csrf)));
    } finally {
      session.clear();
    }
  }, []);
  const status: Status = user ? 'signed-in' : restoring ? 'restoring' : 'signed-out';
  return <AuthContext.Provider value={{ status, user, signIn, signOut }}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

export function useRoles() {
  const { user } = useAuth();
  const roles = user?.roles ?? [];
  const isAdmin = roles.includes('admin');
  return {
    roles,
    isAdmin,
    isEditor: isAdmin || roles.includes('editor'),
    isFactChecker: isAdmin || roles.includes('fact_checker') || roles.includes('editor'),
  };
}
