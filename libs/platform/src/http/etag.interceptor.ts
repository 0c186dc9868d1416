import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { etagFor } from './etag';

const isVersioned = (body: unknown): body is { version: number } =>
  typeof body === 'object' && body !== null && Number.isInteger((body as { version?: unknown }).version);

/**
 * Every response that is one versioned resource carries its `ETag`, whichever route produced it
 * (a GET, a PATCH, a workflow action, an idempotent replay), so `If-Match` always has a tag to send.
 */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (isVersioned(body) && !reply.hasHeader('etag')) void reply.header('etag', etagFor(body.version));
        return body;
      }),
    );
  }
}
