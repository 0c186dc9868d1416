/** Query parameters and headers that carry credentials: never logged in clear. */
const SECRET_NAME = /token|key|secret|password|signature|session|csrf|auth|code/i;
const SECRET_HEADERS = new Set([
  'authorization',
  'cookie',
  'set-cookie',
  'x-csrf-token',
  'x-api-key',
  'proxy-authorization',
]);
const REDACTED = '[redacted]';

/** Browsers pass short-lived tokens in the query (SSE); keep them and anything like them out of logs. */
export function withoutQueryTokens(url: string): string {
  return url.replace(/([?&]([^=&#]*)=)([^&#]*)/g, (whole, prefix: string, name: string) =>
    SECRET_NAME.test(decodeURIComponentSafe(name)) ? `${prefix}${REDACTED}` : whole,
  );
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A parsed query with credential-like values replaced. */
export function withoutSecretFields(fields: unknown): unknown {
  if (!fields || typeof fields !== 'object') return fields;
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, SECRET_NAME.test(name) ? REDACTED : value]),
  );
}

/** Request or response headers with the credential headers replaced. */
export function withoutSecretHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value,
    ]),
  );
}
