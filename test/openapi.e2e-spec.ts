import SwaggerParser from '@apidevtools/swagger-parser';
import { startTestApi, TestApi } from '@claimdesk/testing';

type Operation = {
  requestBody?: unknown;
  parameters?: { name: string; in: string }[];
  responses: Record<string, { headers?: Record<string, { schema?: unknown }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The document clients generate their code from: valid, and naming every status the API really serves. */
describe('the OpenAPI document', () => {
  let api: TestApi;
  let document: Document;
  let operations: { label: string; method: string; path: string; operation: Operation }[];

  beforeAll(async () => {
    api = await startTestApi();
    document = (await api.request({ method: 'GET', url: '/docs-json' })).data;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({
          label: `${method.toUpperCase()} ${path}`,
          method,
          path,
          operation,
        })),
    );
  });
  afterAll(() => api.close());

  it('is a valid OpenAPI document', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('gives every response header a schema', () => {
    const missing = operations.flatMap(({ label, operation }) =>
      Object.entries(operation.responses).flatMap(([status, response]) =>
        Object.entries(response.headers ?? {})
          .filter(([, header]) => !header.schema)
          .map(([name]) => `${label} ${status} ${name}`),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('documents 413 and 415 wherever a body is read, 414 for path parameters, 422 wherever Idempotency-Key is taken', () => {
    const missing = operations.flatMap(({ label, method, path, operation }) => {
      const codes = [
        ...(['post', 'put', 'patch'].includes(method) ? ['413', '415'] : []),
        ...(path.includes('{') ? ['414'] : []),
        ...(operation.parameters?.some((parameter) => parameter.name === 'Idempotency-Key') ? ['422'] : []),
      ];
      return codes.filter((code) => !operation.responses[code]).map((code) => `${label} ${code}`);
    });
    expect(missing).toEqual([]);
  });

  it('documents 429 and 503 with Retry-After on every API route, and 503 on readiness', () => {
    const api = operations.filter(({ path }) => path.startsWith('/v1/'));
    expect(api.length).toBeGreaterThan(50);
    const missing = api.flatMap(({ label, operation }) =>
      ['429', '503']
        .filter((code) => !operation.responses[code]?.headers?.['Retry-After']?.schema)
        .map((code) => `${label} ${code}`),
    );
    expect(missing).toEqual([]);
    expect(document.paths['/health/ready'].get.responses['503']).toBeDefined();
  });
});
