import createClient, { type Middleware } from 'openapi-fetch';
import { connectionLost, problemFrom } from './problem';
import type { paths } from './schema';
import { session } from './session';
import { connection } from './connection';

let renewing: Promise<boolean> | undefined;
let renewSession: () => Promise<boolean> = async () => false;

/** The auth feature tells the client how to renew the session when a call comes back 401. */
export function onSessionExpired(renew: () => Promise<boolean>) {
  renewSession = renew;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (session.token && !request.headers.has('authorization'))
      request.headers.set('authorization', `Bearer ${session.token}`);
    return request;
  },
};

async function send(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    connection.markOnline();
    return response;
  } catch {
    connection.markOffline();
    throw connectionLost();
  }
}

/** Sends through fetch; a 401 renews the session once and repeats the request. */
async function fetchWithSession(input: Request): Promise<Response> {
  const retry = input.clone();
  const response = await send(input);
  if (response.status !== 401 || !session.token || input.url.includes('/v1/auth/')) return response;
  renewing ??= renewSession().finally(() => (renewing = undefined));
  if (!(await renewing)) return response;
  retry.headers.set('authorization', `Bearer ${session.token}`);
  return send(retry);
}

/** The one typed client of the dashboard, generated from the API's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '', fetch: fetchWithSession });
api.use(auth);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Returns the data of a call or throws its problem+json as an ApiProblem. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw problemFrom(response.status, error);
  return data as T;
}

/** The version a write must match, as the `If-Match` header. */
export const ifMatch = (version: number) => ({ 'If-Match': `W/"${version}"` });
