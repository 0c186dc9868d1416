/**
 * Errors that mean PostgreSQL could not be reached or dropped us, not that the request was wrong
 * or our code failed: the same request will likely succeed in a moment, so the client is told to
 * retry (503 + Retry-After) instead of being handed a 500.
 *
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (administrator shutdown, crash shutdown,
 * cannot connect now) and 53300 (too many connections); node-postgres's own errors for a dead or
 * unusable connection carry no SQLSTATE, only a socket code or a message; TypeORM adds its own
 * when a query runner or pool is used after it was released.
 */
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const MESSAGES = [
  /^Connection terminated/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /Cannot use a pool after calling end/i,
];
const TYPEORM_NAMES = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
  'ConnectionIsNotSetError',
]);

/** Seconds a client is asked to wait before retrying after a lost database connection. */
export const CONNECTION_LOSS_RETRY_AFTER_SECONDS = 2;

export function isConnectionLoss(error: unknown): boolean {
  // TypeORM wraps the driver's error (driverError); Node wraps causes (cause). Three levels cover both.
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current && typeof current === 'object'; depth += 1) {
    const { code, name, message } = current as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && (SQLSTATE.test(code) || SOCKET_CODES.has(code))) return true;
    if (typeof name === 'string' && TYPEORM_NAMES.has(name)) return true;
    if (typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message))) return true;
    const next = current as { driverError?: unknown; cause?: unknown };
    current = next.driverError ?? next.cause;
  }
  return false;
}
