import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { TransactionService } from '../database/transaction.service';
import { ProblemException } from '../errors/problem';
import { RequestWithPrincipal } from '../http/principal';
import { RouteMetadata } from '../http/route-metadata';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

interface StoredResponse {
  request_hash: string;
  status_code: number | null;
  response_body: unknown;
}

/**
 * `Idempotency-Key` on the POST routes marked `@Idempotent()`: the first request runs inside a
 * transaction that also stores its response, so the key and the write commit together. A retry with
 * the same key and body within 24 h gets the stored response; a concurrent retry waits on the key's
 * row lock for the first to finish. The ETag is set later, on whatever this returns (replays
 * included): tagVersionedResponses.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly transactions: TransactionService,
    private readonly reflector: RouteMetadata,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & RequestWithPrincipal>();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new ProblemException(400, 'Idempotency-Key must be 1-255 visible ASCII characters.', {
        errors: [{ field: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }],
      });
    }
    const reply = http.getResponse<FastifyReply>();
    const scope = request.principal ? `${request.principal.kind}:${request.principal.id}` : 'anonymous';
    const path = request.url.split('?')[0];
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const declaredStatus = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());

    return from(
      this.transactions.runAmbient(async (manager) => {
        await manager.query(
          `DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND created_at < now() - interval '24 hours'`,
          [scope, key],
        );
        const claimed: unknown[] = await manager.query(
          `INSERT INTO idempotency_keys (scope, key, method, path, request_hash)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
          [scope, key, request.method, path, requestHash],
        );
        if (claimed.length === 0) return this.replay(manager, scope, key, requestHash, reply);

        const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        const status = reply.statusCode !== 200 ? reply.statusCode : (declaredStatus ?? 201);
        await manager.query(
          `UPDATE idempotency_keys SET status_code = $3, response_body = $4 WHERE scope = $1 AND key = $2`,
          [scope, key, status, JSON.stringify(body ?? null)],
        );
        return body;
      }),
    );
  }

  private async replay(
    manager: TransactionService['manager'],
    scope: string,
    key: string,
    requestHash: string,
    reply: FastifyReply,
  ): Promise<unknown> {
    const [stored]: StoredResponse[] = await manager.query(
      `SELECT request_hash, status_code, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    if (!stored || stored.request_hash !== requestHash) {
      throw new ProblemException(422, 'This Idempotency-Key was already used with a different request.');
    }
    reply.status(stored.status_code ?? 200).header('idempotent-replayed', 'true');
    return stored.response_body;
  }
}
