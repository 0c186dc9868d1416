/**
 * The body of actions that take none (`start`, `publish`). Declaring it lets the global validation
 * pipe refuse unknown fields (a client sending `{verdict}` to publish learns it is ignored) instead
 * of silently dropping them. An absent body is fine.
 */
export class NoBodyDto {}
