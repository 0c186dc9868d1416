import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
} from 'react';
import { onSessionExpired, rawJson } from '../../api/client';
import {
  logoutByCookie,
  refreshByCookie,
  type LoginBody,
  type SessionAnswer,
} from '../../api/pending-contract';
import { ApiProblem } from '../../api/problem';
import { csrfToken, session } from '../../api/session';

type Status = 'restoring' | 'signed-in' | 'signed-out';

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
    start(await refreshByCookie(csrf));
    return true;
  } catch (error) {
    if (error instanceof ApiProblem && error.status !== 0) session.clear();
    return false;
  }
}

onSessionExpired(renew);

async function login(email: string, password: string): Promise<SessionAnswer> {
  const body: LoginBody = { email, password, session: 'cookie' };
  try {
    return (await rawJson<SessionAnswer>('POST', '/v1/auth/login', body)).data;
  } catch (error) {
    // An API without browser sessions (before C3) rejects the field: sign in for this tab only.
    if (error instanceof ApiProblem && error.status === 400 && error.fieldError('session'))
      return (await rawJson<SessionAnswer>('POST', '/v1/auth/login', { email, password })).data;
    throw error;
  }
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
      if (csrf) await logoutByCookie(csrf);
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
