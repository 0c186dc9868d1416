import { UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * The POST route takes `Idempotency-Key` (API.md). Every POST carries this or `@NoIdempotency()`
 * (test/role-matrix.e2e-spec.ts checks). It is set per route rather than as a global interceptor
 * because Nest runs any interceptor through rxjs and two async-context bindings per request: on
 * `GET /v1/claims/:id` that was about a third of the CPU per request (docs/performance.md).
 */
export const Idempotent = () => UseInterceptors(IdempotencyInterceptor);
