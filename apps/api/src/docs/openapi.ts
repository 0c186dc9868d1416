import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BODY_LIMIT_BYTES, BODY_MEDIA_TYPE, Problem, ROLES } from '@claimdesk/platform';
import { describeAccess, listRoutes } from '../auth/route-access';

const problemResponses: Record<string, string> = {
  '400': 'Invalid input: one entry per bad field in `errors`.',
  '401': 'Missing or invalid credentials.',
  '403': 'The caller’s role may not do this.',
  '429': 'Rate limited; wait `Retry-After` seconds.',
  '503': 'PostgreSQL or Redis is unavailable for the moment; retry after `Retry-After` seconds when sent.',
};

/** Statuses of the body parser, on every operation that reads a body. */
const bodyResponses: Record<string, string> = {
  '413': `The body is larger than ${BODY_LIMIT_BYTES} bytes.`,
  '415': `The body is not ${BODY_MEDIA_TYPE}.`,
};

const retryAfter = {
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 0 },
  },
};

/** Builds the OpenAPI document from the controllers, adding the conventions every route shares. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('claimdesk')
    .setDescription(
      'Claim tracking and review for fact-checking desks. Errors are application/problem+json (RFC 9457).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Access token or newsroom API key (ck_…)' })
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [Problem] });
  const problemSchema = { $ref: '#/components/schemas/Problem' };
  const access = new Map(listRoutes(app).map((route) => [`${route.method} ${route.path}`, route]));
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, Record<string, unknown>][]) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      // Who may call it comes from the same @Public/@Roles metadata the auth guard reads.
      const route = access.get(`${method.toUpperCase()} ${path}`);
      const isPublic = route?.public ?? false;
      if (route && !isPublic) {
        operation.security = [{ bearer: [] }];
        operation['x-roles'] = route.roles ? [...new Set(['admin', ...route.roles])] : [...ROLES];
      }
      if (route) {
        const note = describeAccess(route);
        operation.description = operation.description ? `${String(operation.description)}\n\n${note}` : note;
      }
      const responses = (operation.responses ??= {}) as Record<string, unknown>;
      const shared =
        path.startsWith('/health') || path === '/metrics'
          ? {}
          : Object.fromEntries(
              Object.entries(problemResponses).filter(
                ([code]) => !isPublic || (code !== '401' && code !== '403'),
              ),
            );
      const idempotent = route?.idempotent ?? false;
      const described: Record<string, string> = {
        ...shared,
        ...(['post', 'put', 'patch'].includes(method) ? bodyResponses : {}),
        ...(idempotent ? { '422': 'This Idempotency-Key was already used with a different request.' } : {}),
        ...(path.includes('{') ? { '414': 'A path parameter is longer than 100 characters.' } : {}),
      };
      for (const [code, description] of Object.entries(described)) {
        responses[code] ??= {
          description,
          content: { 'application/problem+json': { schema: problemSchema } },
        };
      }
      for (const code of ['429', '503']) {
        const response = responses[code] as { headers?: Record<string, unknown> } | undefined;
        if (response) response.headers = { ...retryAfter, ...response.headers };
      }
      const ok = responses['200'] as { headers?: Record<string, unknown> } | undefined;
      if (method === 'get' && ok?.headers?.ETag) {
        responses['304'] ??= { description: 'Not modified: `If-None-Match` names the current ETag.' };
        ((operation.parameters ??= []) as unknown[]).push({
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'The ETag last seen; 304 without a body while it is still current.',
          schema: { type: 'string' },
        });
      }
      if (idempotent) {
        const parameters = (operation.parameters ??= []) as unknown[];
        parameters.push({
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Repeat a POST safely: the same key and body within 24 h returns the first response.',
          schema: { type: 'string', maxLength: 255 },
        });
      }
    }
  }
  return document;
}
