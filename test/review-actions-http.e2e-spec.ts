import { UsersService } from '@claimdesk/auth';
import { WORKFLOW, WORKFLOW_ACTIONS } from '@claimdesk/workflow';
import {
  createUserSession,
  startTestApi,
  TestApi,
  TestRequest,
  TestResponse,
  TestSession,
} from '@claimdesk/testing';
import { randomUUID } from 'node:crypto';

/** The action routes at the HTTP edge: bad input, unknown ids, If-Match, idempotency and their OpenAPI description. */
describe('review action routes', () => {
  let api: TestApi;
  let checker: TestSession;
  const unknown = randomUUID();

  beforeAll(async () => {
    api = await startTestApi();
    checker = await createUserSession(api, { roles: ['fact_checker'] });
  });
  afterAll(() => api.close());

  async function newClaim(): Promise<any> {
    const response = await api.request({
      method: 'POST',
      url: '/v1/claims',
      as: 'editor',
      payload: { text: `A claim for probing the action routes ${randomUUID()}.` },
    });
    expect(response.statusCode).toBe(201);
    return response.data;
  }

  async function expectProblem(request: TestRequest, status: number, field?: string): Promise<TestResponse> {
    const response = await api.request({ as: 'editor', ...request });
    const label = `${request.method} ${request.url} ${JSON.stringify(request.payload ?? null)}`;
    expect({ label, status: response.statusCode }).toEqual({ label, status });
    expect(response.headers['content-type']).toContain('application/problem+json');
    if (field) {
      expect({ label, fields: response.data.errors?.map((error: any) => error.field) }).toEqual({
        label,
        fields: expect.arrayContaining([field]),
      });
    }
    return response;
  }

  it('rejects bad bodies with 400 and one entry per bad field, changing nothing', async () => {
    const claim = await newClaim();
    const url = (action: string) => `/v1/claims/${claim.id}/${action}`;
    const cases: [string, unknown, string][] = [
      ['triage', { priority: 'asap' }, 'priority'],
      ['triage', { priority: null }, 'priority'],
      ['triage', { dueAt: 'next tuesday' }, 'dueAt'],
      ['triage', { dueAt: 12 }, 'dueAt'],
      ['triage', { colour: 'red' }, 'colour'],
      ['dismiss', {}, 'reason'],
      ['dismiss', { reason: '   ' }, 'reason'],
      ['dismiss', { reason: 'x'.repeat(2001) }, 'reason'],
      ['dismiss', { reason: 42 }, 'reason'],
      ['assign', {}, 'assigneeId'],
      ['assign', { assigneeId: 'not-a-uuid' }, 'assigneeId'],
      ['assign', { assigneeId: checker.principal.id, note: 'hi' }, 'note'],
      ['start', { force: true }, 'force'],
      ['publish', { verdict: 'false' }, 'verdict'],
      ['submit', {}, 'verdict'],
      ['submit', { verdict: 'pants_on_fire', summary: 'x', evidenceStatus: 'debunked' }, 'verdict'],
      ['submit', { verdict: 'false', summary: '', evidenceStatus: 'debunked' }, 'summary'],
      ['submit', { verdict: 'false', summary: 'x', evidenceStatus: 'fake' }, 'evidenceStatus'],
      ['submit', { verdict: 'false', summary: 'x', evidenceStatus: 'debunked', rating: 1 }, 'rating'],
      ['send-back', {}, 'comment'],
      ['send-back', { comment: ['a'] }, 'comment'],
      ['reopen', {}, 'reason'],
      ['reopen', { reason: 'ok', assigneeId: unknown }, 'assigneeId'],
    ];
    for (const [action, payload, field] of cases) {
      await expectProblem({ method: 'POST', url: url(action), payload: payload as object }, 400, field);
    }
    const after = await api.request({ method: 'GET', url: `/v1/claims/${claim.id}`, as: 'editor' });
    expect(after.data).toMatchObject({ status: 'submitted', version: claim.version });
  });

  it('rejects a body that is not a JSON object', async () => {
    const claim = await newClaim();
    await expectProblem(
      {
        method: 'POST',
        url: `/v1/claims/${claim.id}/dismiss`,
        headers: { 'content-type': 'application/json' },
        payload: '{"reason": ',
      },
      400,
    );
    await expectProblem(
      {
        method: 'POST',
        url: `/v1/claims/${claim.id}/dismiss`,
        headers: { 'content-type': 'text/plain' },
        payload: 'reason=no',
      },
      415,
    );
  });

  it('answers 400 for a malformed id and 404 for an unknown claim on every action', async () => {
    for (const action of WORKFLOW_ACTIONS) {
      const slug = WORKFLOW[action].slug;
      const body = {
        triage: {},
        dismiss: { reason: 'r' },
        assign: { assigneeId: checker.principal.id },
        start: undefined,
        submit: { verdict: 'false', summary: 's', evidenceStatus: 'debunked' },
        send_back: { comment: 'c' },
        publish: undefined,
        reopen: { reason: 'r' },
      }[action];
      const as = action === 'start' || action === 'submit' ? 'fact_checker' : 'editor';
      await expectProblem(
        { method: 'POST', url: `/v1/claims/not-a-uuid/${slug}`, payload: body, as },
        400,
        'id',
      );
      const missing = await expectProblem(
        { method: 'POST', url: `/v1/claims/${unknown}/${slug}`, payload: body, as },
        404,
      );
      expect(missing.data.detail).toContain(unknown);
    }
  });

  it('refuses an assignee who does not exist or is deactivated', async () => {
    const claim = await newClaim();
    const url = `/v1/claims/${claim.id}/assign`;
    await api.request({ method: 'POST', url: `/v1/claims/${claim.id}/triage`, as: 'editor', payload: {} });
    const missing = await expectProblem(
      { method: 'POST', url, payload: { assigneeId: unknown } },
      400,
      'assigneeId',
    );
    expect(missing.data.detail).toContain('does not exist');

    const gone = await createUserSession(api, { roles: ['fact_checker'] });
    await api.app.get(UsersService).update(gone.user!.id, { active: false });
    const inactive = await expectProblem(
      { method: 'POST', url, payload: { assigneeId: gone.user!.id } },
      400,
      'assigneeId',
    );
    expect(inactive.data.detail).toContain('deactivated');

    const ok = await api.request({
      method: 'POST',
      url,
      as: 'editor',
      payload: { assigneeId: checker.principal.id },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.data.assigneeId).toBe(checker.principal.id);
  });

  it('honours If-Match: a stale ETag is 412 and changes nothing; the current one passes', async () => {
    const claim = await newClaim();
    const stale = `W/"${claim.version}"`;
    const triaged = await api.request({
      method: 'POST',
      url: `/v1/claims/${claim.id}/triage`,
      as: 'editor',
      payload: { priority: 'high' },
      headers: { 'if-match': stale },
    });
    expect(triaged.statusCode).toBe(200);
    expect(triaged.headers.etag).toBe(`W/"${claim.version + 1}"`);

    const refused = await expectProblem(
      {
        method: 'POST',
        url: `/v1/claims/${claim.id}/dismiss`,
        payload: { reason: 'Stale view.' },
        headers: { 'if-match': stale },
      },
      412,
    );
    expect(refused.data.currentVersion).toBe(claim.version + 1);
    const now = await api.request({ method: 'GET', url: `/v1/claims/${claim.id}`, as: 'editor' });
    expect(now.data.status).toBe('triaged');

    const dismissed = await api.request({
      method: 'POST',
      url: `/v1/claims/${claim.id}/dismiss`,
      as: 'editor',
      payload: { reason: 'Current view.' },
      headers: { 'if-match': String(triaged.headers.etag) },
    });
    expect(dismissed.statusCode).toBe(200);
  });

  it('replays an action sent again with the same Idempotency-Key instead of refusing it', async () => {
    const claim = await newClaim();
    const request: TestRequest = {
      method: 'POST',
      url: `/v1/claims/${claim.id}/triage`,
      as: 'editor',
      payload: { priority: 'urgent' },
      headers: { 'idempotency-key': `triage-${claim.id}` },
    };
    const first = await api.request(request);
    const second = await api.request(request);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.data.version).toBe(first.data.version);
    // The replay is the same versioned resource, so it carries the same ETag as the first answer.
    expect(first.headers.etag).toBe(`W/"${first.data.version}"`);
    expect(second.headers.etag).toBe(first.headers.etag);
    const history = await api.request({
      method: 'GET',
      url: `/v1/claims/${claim.id}/history?limit=100`,
      as: 'editor',
    });
    expect(history.data.items.filter((entry: any) => entry.type === 'claim.triaged')).toHaveLength(1);
  });

  it('documents each action route from the workflow table', async () => {
    const docs = (await api.request({ method: 'GET', url: '/docs-json', as: 'anonymous' })).data;
    for (const action of WORKFLOW_ACTIONS) {
      const rule = WORKFLOW[action];
      const operation = docs.paths[`/v1/claims/{id}/${rule.slug}`]?.post;
      expect({ action, summary: operation?.summary }).toEqual({ action, summary: rule.summary });
      expect(operation.description).toContain(rule.description);
      expect(operation.description).toContain(`\`${rule.to}\``);
      expect(operation['x-roles']).toEqual(expect.arrayContaining([...rule.roles]));
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['200', '400', '403', '404', '409', '412']),
      );
      expect(operation.responses['200'].content['application/json'].schema.$ref).toBe(
        '#/components/schemas/ClaimView',
      );
    }
    const submit =
      docs.paths['/v1/claims/{id}/submit'].post.requestBody.content['application/json'].schema.$ref;
    const schema = docs.components.schemas[submit.split('/').pop()];
    expect(schema.properties.verdict.enum).toEqual([
      'true',
      'mostly_true',
      'mixed',
      'misleading',
      'mostly_false',
      'false',
      'unproven',
    ]);
    expect(schema.required).toEqual(expect.arrayContaining(['verdict', 'summary', 'evidenceStatus']));
    const claimView = docs.components.schemas.ClaimView;
    expect(claimView.properties.allowedActions.items.enum).toEqual([...WORKFLOW_ACTIONS]);
    expect(Object.keys(claimView.properties)).toEqual(
      expect.arrayContaining(['currentReview', 'publishedReview', 'publishedReviews', 'allowedActions']),
    );
  });
});
