import { SetMetadata } from '@nestjs/common';

export const NO_IDEMPOTENCY = 'claimdesk:no-idempotency';

/**
 * The route carries a password or returns a secret, so its request must not be hashed into, nor its
 * response stored in, `idempotency_keys` (a SHA-256 of a body with a password can be brute-forced).
 * Such a POST is not `@Idempotent()`: it ignores `Idempotency-Key`, and the OpenAPI document omits it.
 */
export const NoIdempotency = () => SetMetadata(NO_IDEMPOTENCY, true);
