import { randomBytes } from 'node:crypto';
import { ApiKeysService, AuthService, IssuedApiKey, UserRole, UsersService, UserView } from '@claimdesk/auth';
import { Principal, Role } from '@claimdesk/platform';
import type { TestApi } from './test-api';

/** Who a test request is sent as: a role (a user of that role is created once per TestApi) or nobody. */
export type TestCaller = Role | 'anonymous';

/** A signed-in caller: a user with an access token, or a newsroom API key. */
export interface TestSession {
  principal: Principal;
  headers: { authorization: string };
  /** Set for users. */
  user?: UserView;
  /** Set for users: lets a test sign in through the API. */
  password?: string;
  /** Set for newsroom keys. */
  apiKey?: IssuedApiKey;
}

export interface NewUserOptions {
  roles?: UserRole[];
  name?: string;
  email?: string;
  handle?: string;
  expertise?: string[];
  password?: string;
}

const cached = new WeakMap<TestApi, Map<Role, Promise<TestSession>>>();
const unique = () => randomBytes(6).toString('hex');

/**
 * A new user of the given roles (default fact_checker), created through the users service, with a
 * valid access token. Each call makes another user: use it when a test needs two editors.
 */
export async function createUserSession(api: TestApi, options: NewUserOptions = {}): Promise<TestSession> {
  const roles = options.roles ?? ['fact_checker'];
  const tag = unique();
  const password = options.password ?? `pw-${randomBytes(12).toString('base64url')}`;
  const user = await api.app.get(UsersService).create({
    email: options.email ?? `${roles.join('-').replace(/_/g, '-')}-${tag}@test.claimdesk.dev`,
    name: options.name ?? `Test ${roles.join(' ')} ${tag}`,
    password,
    roles,
    expertise: options.expertise,
    handle: options.handle,
  });
  const token = await api.app.get(AuthService).issueAccessToken(user);
  return {
    principal: { kind: 'user', id: user.id, name: user.name, roles: user.roles },
    headers: { authorization: `Bearer ${token}` },
    user,
    password,
  };
}

/** A new newsroom API key. */
export async function createApiKeySession(
  api: TestApi,
  name = `Test newsroom ${unique()}`,
): Promise<TestSession> {
  const apiKey = await api.app.get(ApiKeysService).issue({ name, role: 'newsroom' });
  return {
    principal: { kind: 'api_key', id: apiKey.id, name: apiKey.name, roles: ['newsroom'] },
    headers: { authorization: `Bearer ${apiKey.key}` },
    apiKey,
  };
}

/** The caller `api.request({as: role})` uses: created on first use, then the same one for this TestApi. */
export function sessionFor(api: TestApi, role: Role): Promise<TestSession> {
  let sessions = cached.get(api);
  if (!sessions) cached.set(api, (sessions = new Map()));
  let session = sessions.get(role);
  if (!session) {
    session = role === 'newsroom' ? createApiKeySession(api) : createUserSession(api, { roles: [role] });
    // A failed creation should not poison later requests with the same rejection.
    session.catch(() => sessions.delete(role));
    sessions.set(role, session);
  }
  return session;
}

/** Returns the headers that authenticate a request as `caller`. */
export async function headersFor(api: TestApi, caller: TestCaller): Promise<Record<string, string>> {
  if (caller === 'anonymous') return {};
  return (await sessionFor(api, caller)).headers;
}
