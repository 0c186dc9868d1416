import { UsersService } from '@claimdesk/auth';
import { createUserSession, startTestApi, TestApi, TestResponse, TestSession } from '@claimdesk/testing';
import { DataSource } from 'typeorm';

/**
 * The review workflow end to end through the API: an editor and two fact-checkers work a claim
 * from submission to publication, reopen it for a correction and publish that, with the history
 * checked at every step; then the four-eyes rule, reassignment, reopening without an assignee and
 * concurrent actions on one claim.
 */
describe('review workflow', () => {
  let api: TestApi;
  let editor: TestSession;
  let secondEditor: TestSession;
  let checkerA: TestSession;
  let checkerB: TestSession;
  const run = `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

  beforeAll(async () => {
    api = await startTestApi();
    editor = await createUserSession(api, { roles: ['editor'], name: 'Editor One' });
    secondEditor = await createUserSession(api, { roles: ['editor'], name: 'Editor Two' });
    checkerA = await createUserSession(api, { roles: ['fact_checker'], name: 'Checker A' });
    checkerB = await createUserSession(api, { roles: ['fact_checker'], name: 'Checker B' });
  });
  afterAll(() => api.close());

  const send = (
    session: TestSession,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    api.request({
      method,
      url,
      as: 'anonymous',
      headers: { ...session.headers, ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  async function act(
    session: TestSession,
    id: string,
    action: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse> {
    const response = await send(session, 'POST', `/v1/claims/${id}/${action}`, payload, headers);
    expect(response.statusCode).toBeLessThan(500);
    if (response.statusCode >= 400) {
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    return response;
  }

  async function ok(
    session: TestSession,
    id: string,
    action: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<any> {
    const response = await act(session, id, action, payload, headers);
    expect({ action, status: response.statusCode, detail: response.data?.detail }).toEqual({
      action,
      status: 200,
      detail: undefined,
    });
    expect(response.headers.etag).toBe(`W/"${response.data.version}"`);
    return response.data;
  }

  const get = async (session: TestSession, id: string) =>
    (await send(session, 'GET', `/v1/claims/${id}`)).data;

  async function history(id: string): Promise<[string, string | null][]> {
    const response = await send(editor, 'GET', `/v1/claims/${id}/history?limit=100`);
    expect(response.statusCode).toBe(200);
    expect(response.data.nextCursor).toBeNull();
    return response.data.items.map((entry: any) => [entry.type, entry.actor?.id ?? null]);
  }

  async function createClaim(session: TestSession, text: string): Promise<any> {
    const response = await send(session, 'POST', '/v1/claims', {
      text,
      tags: [run],
      stances: [{ actor: { name: 'Sergei Lavrov', kind: 'person', country: 'Russia' }, type: 'asserted' }],
    });
    expect(response.statusCode).toBe(201);
    return response.data;
  }

  /** Brings a new claim to `in_approval` with a review submitted by `reviewer`. */
  async function claimInApproval(reviewer: TestSession, label: string): Promise<any> {
    const claim = await createClaim(checkerA, `A claim awaiting approval: ${label} (${run}).`);
    await ok(editor, claim.id, 'triage', {});
    await ok(editor, claim.id, 'assign', { assigneeId: reviewer.principal.id });
    await ok(reviewer, claim.id, 'start');
    return ok(reviewer, claim.id, 'submit', {
      verdict: 'mixed',
      summary: 'Parts hold up, parts do not.',
      evidenceStatus: 'disputed',
    });
  }

  it('takes a claim from submitted to published, reopens it and publishes the correction', async () => {
    const a = checkerA.principal.id;
    const ed = editor.principal.id;
    const ed2 = secondEditor.principal.id;
    const claim = await createClaim(
      checkerA,
      `Mercenaries from Albania, Kosovo and Bosnia are being sent to fight in Ukraine (${run}).`,
    );
    const id = claim.id;
    expect(claim).toMatchObject({
      status: 'submitted',
      assigneeId: null,
      verdict: null,
      currentReview: null,
      publishedReview: null,
      publishedReviews: [],
      allowedActions: [],
    });
    const expected: [string, string | null][] = [['claim.created', a]];
    expect(await history(id)).toEqual(expected);
    expect((await get(editor, id)).allowedActions).toEqual(['triage', 'dismiss']);

    // The editor triages it, setting priority and a due date.
    const dueAt = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();
    let view = await ok(editor, id, 'triage', { priority: 'urgent', dueAt });
    expect(view).toMatchObject({ status: 'triaged', priority: 'urgent', dueAt, version: claim.version + 1 });
    expect(view.allowedActions).toEqual(['dismiss', 'assign']);
    expected.push(['claim.triaged', ed]);
    expect(await history(id)).toEqual(expected);

    // …assigns it to fact-checker A.
    view = await ok(editor, id, 'assign', { assigneeId: a });
    expect(view).toMatchObject({ status: 'assigned', assigneeId: a, dueAt });
    expected.push(['claim.assigned', ed]);
    expect(await history(id)).toEqual(expected);
    expect((await get(checkerA, id)).allowedActions).toEqual(['start']);
    expect((await get(checkerB, id)).allowedActions).toEqual([]);

    // A starts and submits a verdict.
    view = await ok(checkerA, id, 'start');
    expect(view).toMatchObject({ status: 'in_review', allowedActions: ['submit'] });
    expected.push(['claim.review_started', a]);
    expect(await history(id)).toEqual(expected);

    view = await ok(checkerA, id, 'submit', {
      verdict: 'false',
      summary: 'No recruitment of Balkan citizens for Ukraine has been documented.',
      evidenceStatus: 'debunked',
    });
    expect(view).toMatchObject({
      status: 'in_approval',
      evidenceStatus: 'debunked',
      verdict: null,
      allowedActions: [],
      currentReview: {
        round: 1,
        verdict: 'false',
        rating: 1,
        evidenceStatus: 'debunked',
        submittedBy: a,
        outcome: 'pending',
        publishedAt: null,
      },
      publishedReview: null,
    });
    const firstRound = view.currentReview.id;
    expected.push(['claim.submitted', a], ['claim.evidence_status_changed', a]);
    expect(await history(id)).toEqual(expected);
    expect((await get(editor, id)).allowedActions).toEqual(['send_back', 'publish']);

    // The editor sends it back; it returns to A.
    view = await ok(editor, id, 'send-back', { comment: 'Quote the Bosnian ministry too.' });
    expect(view).toMatchObject({
      status: 'in_review',
      assigneeId: a,
      currentReview: {
        id: firstRound,
        outcome: 'sent_back',
        decidedBy: ed,
        decisionComment: 'Quote the Bosnian ministry too.',
      },
    });
    expected.push(['claim.sent_back', ed]);
    expect(await history(id)).toEqual(expected);

    // A resubmits (same evidence status: no evidence event this time).
    view = await ok(checkerA, id, 'submit', {
      verdict: 'false',
      summary: 'No recruitment documented; the Albanian, Kosovar and Bosnian ministries deny it.',
      evidenceStatus: 'debunked',
    });
    expect(view.currentReview).toMatchObject({ round: 2, outcome: 'pending', submittedBy: a });
    const secondRound = view.currentReview.id;
    expected.push(['claim.submitted', a]);
    expect(await history(id)).toEqual(expected);

    // The editor publishes.
    view = await ok(editor, id, 'publish');
    expect(view).toMatchObject({
      status: 'published',
      verdict: 'false',
      assigneeId: a,
      allowedActions: ['reopen'],
      currentReview: { id: secondRound, outcome: 'published', decidedBy: ed, correctsReviewId: null },
      publishedReview: { version: 1, verdict: 'false', rating: 1, approvedBy: { id: ed } },
    });
    expect(view.publishedReviews.map((review: any) => review.id)).toEqual([secondRound]);
    expected.push(['claim.published', ed]);
    expect(await history(id)).toEqual(expected);

    // The editor reopens it for a correction: back to A, the published review kept.
    view = await ok(editor, id, 'reopen', { reason: 'A reader sent a ministry statement we missed.' });
    expect(view).toMatchObject({
      status: 'in_review',
      assigneeId: a,
      verdict: 'false',
      publishedReview: { version: 1, verdict: 'false' },
    });
    expected.push(['claim.reopened', ed]);
    expect(await history(id)).toEqual(expected);
    expect((await get(checkerA, id)).allowedActions).toEqual(['submit']);

    // A submits the corrected verdict; a second editor publishes it.
    view = await ok(checkerA, id, 'submit', {
      verdict: 'mostly_false',
      summary: 'Two Bosnian volunteers are documented; no organised recruitment.',
      evidenceStatus: 'disputed',
    });
    expect(view.currentReview).toMatchObject({ round: 3, verdict: 'mostly_false', outcome: 'pending' });
    const correction = view.currentReview.id;
    expected.push(['claim.submitted', a], ['claim.evidence_status_changed', a]);
    expect(await history(id)).toEqual(expected);

    view = await ok(secondEditor, id, 'publish');
    expect(view).toMatchObject({
      status: 'published',
      verdict: 'mostly_false',
      evidenceStatus: 'disputed',
      publishedReview: {
        version: 2,
        verdict: 'mostly_false',
        rating: 2,
        correction: { reason: 'A reader sent a ministry statement we missed.', previousVerdict: 'false' },
        approvedBy: { id: ed2 },
      },
    });
    expect(view.publishedReviews).toEqual([
      expect.objectContaining({ id: secondRound, verdict: 'false', correctsReviewId: null }),
      expect.objectContaining({ id: correction, verdict: 'mostly_false', correctsReviewId: secondRound }),
    ]);
    expected.push(['claim.published', ed2]);
    expect(await history(id)).toEqual(expected);

    // The history carries the contract's payloads.
    const entries: any[] = (await send(editor, 'GET', `/v1/claims/${id}/history?limit=100`)).data.items;
    const changes = (type: string) => entries.filter((entry) => entry.type === type).map((e) => e.changes);
    expect(changes('claim.triaged')).toEqual([expect.objectContaining({ priority: 'urgent', dueAt })]);
    expect(changes('claim.assigned')).toEqual([
      expect.objectContaining({
        assignmentId: expect.any(String),
        assigneeId: a,
        previousAssigneeId: null,
        dueAt,
        auto: false,
      }),
    ]);
    expect(changes('claim.review_started')).toEqual([
      expect.objectContaining({ assignmentId: changes('claim.assigned')[0].assignmentId, assigneeId: a }),
    ]);
    expect(changes('claim.submitted')).toEqual([
      expect.objectContaining({
        reviewId: firstRound,
        round: 1,
        verdict: 'false',
        evidenceStatus: 'debunked',
        submittedBy: a,
      }),
      expect.objectContaining({ reviewId: secondRound, round: 2, verdict: 'false', submittedBy: a }),
      expect.objectContaining({ reviewId: correction, round: 3, verdict: 'mostly_false', submittedBy: a }),
    ]);
    expect(changes('claim.evidence_status_changed')).toEqual([
      expect.objectContaining({ from: 'unverified', to: 'debunked' }),
      expect.objectContaining({ from: 'debunked', to: 'disputed' }),
    ]);
    expect(changes('claim.sent_back')).toEqual([
      {
        version: expect.any(Number),
        reviewId: firstRound,
        comment: 'Quote the Bosnian ministry too.',
        assigneeId: a,
      },
    ]);
    expect(changes('claim.published')).toEqual([
      expect.objectContaining({
        reviewId: secondRound,
        round: 2,
        verdict: 'false',
        submittedBy: a,
        correctsReviewId: null,
      }),
      expect.objectContaining({
        reviewId: correction,
        round: 3,
        verdict: 'mostly_false',
        submittedBy: a,
        correctsReviewId: secondRound,
      }),
    ]);
    expect(changes('claim.reopened')).toEqual([
      expect.objectContaining({
        reason: 'A reader sent a ministry statement we missed.',
        previousReviewId: secondRound,
        assigneeId: a,
      }),
    ]);
    // Versions increase by one with every action.
    const versions = entries.map((entry) => entry.changes.version);
    for (let index = 1; index < versions.length; index++) {
      expect(versions[index]).toBeGreaterThanOrEqual(versions[index - 1]);
    }

    // Assignment records: one per stint of work, each ended when the review was published.
    const assignments = await api.app
      .get(DataSource)
      .query(
        `SELECT assignee_id, assigned_by_id, due_at, ended_at, end_reason FROM assignments WHERE claim_id = $1 ORDER BY assigned_at`,
        [id],
      );
    expect(assignments).toEqual([
      expect.objectContaining({
        assignee_id: a,
        assigned_by_id: ed,
        end_reason: 'submitted',
        ended_at: expect.any(Date),
      }),
      expect.objectContaining({
        assignee_id: a,
        assigned_by_id: ed,
        end_reason: 'submitted',
        ended_at: expect.any(Date),
      }),
    ]);
    expect(assignments[0].due_at.toISOString()).toBe(dueAt);

    // A newsroom reads the published reviews, not the desk's drafts or actions.
    const newsroom = await api.request({ method: 'GET', url: `/v1/claims/${id}`, as: 'newsroom' });
    expect(newsroom.data).toMatchObject({ currentReview: null, allowedActions: [], verdict: 'mostly_false' });
    expect(newsroom.data.publishedReview).toMatchObject({ version: 2, verdict: 'mostly_false' });
    expect(newsroom.data.publishedReviews).toEqual([]);
  });

  it('refuses actions the status does not allow with 409 and the caller’s allowed actions', async () => {
    const claim = await createClaim(checkerA, `A fresh claim nobody has triaged yet (${run}).`);
    const response = await act(editor, claim.id, 'publish');
    expect(response.statusCode).toBe(409);
    expect(response.data).toMatchObject({
      status: 409,
      claimStatus: 'submitted',
      allowedActions: ['triage', 'dismiss'],
      detail: expect.stringContaining('in_approval'),
    });
    for (const [action, body] of [
      ['start', undefined],
      ['submit', { verdict: 'false', summary: 'x', evidenceStatus: 'debunked' }],
      ['send-back', { comment: 'x' }],
      ['reopen', { reason: 'x' }],
      ['assign', { assigneeId: checkerA.principal.id }],
    ] as const) {
      const refused = await act(
        action === 'start' || action === 'submit' ? checkerA : editor,
        claim.id,
        action,
        body,
      );
      expect({ action, status: refused.statusCode }).toEqual({ action, status: 409 });
    }
    // Nothing changed.
    expect(await get(editor, claim.id)).toMatchObject({ status: 'submitted', version: claim.version });

    // Dismissed is final.
    await ok(editor, claim.id, 'dismiss', { reason: 'Opinion, not a checkable statement.' });
    const again = await act(editor, claim.id, 'triage', {});
    expect(again.statusCode).toBe(409);
    expect(again.data.allowedActions).toEqual([]);
    expect(await history(claim.id)).toEqual([
      ['claim.created', checkerA.principal.id],
      ['claim.dismissed', editor.principal.id],
    ]);
  });

  it('lets only the assignee start and submit', async () => {
    const claim = await createClaim(checkerA, `A claim assigned to fact-checker A only (${run}).`);
    await ok(editor, claim.id, 'triage', {});
    const unassigned = await act(checkerB, claim.id, 'start');
    expect(unassigned.statusCode).toBe(409);
    await ok(editor, claim.id, 'assign', { assigneeId: checkerA.principal.id });

    const byB = await act(checkerB, claim.id, 'start');
    expect(byB.statusCode).toBe(403);
    expect(byB.data).toMatchObject({ type: expect.stringContaining('not-assignee'), allowedActions: [] });
    expect(byB.data.detail).toMatch(/assignee/);
    // Not even an editor or admin who is not the assignee.
    expect((await act(editor, claim.id, 'start')).statusCode).toBe(403);
    expect(
      (await api.request({ method: 'POST', url: `/v1/claims/${claim.id}/start`, as: 'admin' })).statusCode,
    ).toBe(403);

    await ok(checkerA, claim.id, 'start');
    const submitByB = await act(checkerB, claim.id, 'submit', {
      verdict: 'true',
      summary: 'Looks right to me.',
      evidenceStatus: 'corroborated',
    });
    expect(submitByB.statusCode).toBe(403);
    expect((await get(editor, claim.id)).status).toBe('in_review');
  });

  it('refuses the wrong role with 403 from the guard', async () => {
    const claim = await createClaim(checkerA, `A claim a fact-checker tries to triage (${run}).`);
    for (const action of ['triage', 'dismiss', 'assign', 'send-back', 'publish', 'reopen']) {
      const response = await act(checkerA, claim.id, action, {});
      expect({ action, status: response.statusCode }).toEqual({ action, status: 403 });
    }
    for (const action of ['triage', 'start', 'submit', 'publish']) {
      const response = await api.request({
        method: 'POST',
        url: `/v1/claims/${claim.id}/${action}`,
        as: 'newsroom',
        payload: {},
      });
      expect({ action, status: response.statusCode }).toEqual({ action, status: 403 });
    }
    expect(await history(claim.id)).toHaveLength(1);
  });

  it('applies the four-eyes rule to editors and admins who submitted the review', async () => {
    const reviewingEditor = await createUserSession(api, { roles: ['editor'] });
    const view = await claimInApproval(reviewingEditor, 'submitted by an editor');
    expect((await get(reviewingEditor, view.id)).allowedActions).toEqual(['send_back']);
    const own = await act(reviewingEditor, view.id, 'publish');
    expect(own.statusCode).toBe(403);
    expect(own.data).toMatchObject({
      type: expect.stringContaining('four-eyes'),
      allowedActions: ['send_back'],
    });
    expect(own.data.detail).toMatch(/four-eyes/);

    const admin = await createUserSession(api, { roles: ['admin'] });
    const byAdmin = await claimInApproval(admin, 'submitted by an admin');
    expect((await act(admin, byAdmin.id, 'publish')).statusCode).toBe(403);
    // Another editor may.
    expect((await ok(editor, byAdmin.id, 'publish')).status).toBe('published');
  });

  it('reassigns: ends the open assignment and starts a new one', async () => {
    const claim = await createClaim(checkerA, `A claim handed from A to B mid-review (${run}).`);
    await ok(editor, claim.id, 'triage', {});
    await ok(editor, claim.id, 'assign', { assigneeId: checkerA.principal.id });
    await ok(checkerA, claim.id, 'start');
    const same = await act(editor, claim.id, 'assign', { assigneeId: checkerA.principal.id });
    expect(same.statusCode).toBe(409);

    const view = await ok(editor, claim.id, 'assign', { assigneeId: checkerB.principal.id });
    expect(view).toMatchObject({ status: 'assigned', assigneeId: checkerB.principal.id });
    const entries: any[] = (await send(editor, 'GET', `/v1/claims/${claim.id}/history?limit=100`)).data.items;
    expect(entries.filter((entry) => entry.type === 'claim.assigned').at(-1).changes).toMatchObject({
      assigneeId: checkerB.principal.id,
      previousAssigneeId: checkerA.principal.id,
    });
    const assignments = await api.app
      .get(DataSource)
      .query(`SELECT assignee_id, end_reason FROM assignments WHERE claim_id = $1 ORDER BY assigned_at`, [
        claim.id,
      ]);
    expect(assignments).toEqual([
      { assignee_id: checkerA.principal.id, end_reason: 'reassigned' },
      { assignee_id: checkerB.principal.id, end_reason: null },
    ]);
    expect((await act(checkerA, claim.id, 'start')).statusCode).toBe(403);
    await ok(checkerB, claim.id, 'start');
  });

  it('reopens without an assignee when the last one can no longer review, so an editor assigns it', async () => {
    const leaving = await createUserSession(api, { roles: ['fact_checker'] });
    const view = await claimInApproval(leaving, 'reviewer leaves the desk');
    await ok(editor, view.id, 'publish');
    await api.app.get(UsersService).update(leaving.user!.id, { active: false });

    const reopened = await ok(editor, view.id, 'reopen', { reason: 'Correction needed.' });
    expect(reopened).toMatchObject({ status: 'in_review', assigneeId: null, allowedActions: ['assign'] });
    const entries: any[] = (await send(editor, 'GET', `/v1/claims/${view.id}/history?limit=100`)).data.items;
    expect(entries.at(-1)).toMatchObject({
      type: 'claim.reopened',
      changes: { assigneeId: null, previousReviewId: view.currentReview.id },
    });
    await ok(editor, view.id, 'assign', { assigneeId: checkerB.principal.id });
    await ok(checkerB, view.id, 'start');
  });

  it('serialises concurrent actions on one claim: two publishes, one wins', async () => {
    // Several claims at once, so a missing row lock would show up rather than hide behind lucky timing.
    const claims = await Promise.all(
      [1, 2, 3].map((round) => claimInApproval(checkerA, `published twice at once, ${round}`)),
    );
    await Promise.all(
      claims.map(async (view) => {
        const results = await Promise.all([
          act(editor, view.id, 'publish'),
          act(secondEditor, view.id, 'publish'),
        ]);
        expect(results.map((response) => response.statusCode).sort()).toEqual([200, 409]);
        const loser = results.find((response) => response.statusCode === 409)!;
        expect(loser.data).toMatchObject({ claimStatus: 'published', allowedActions: ['reopen'] });
        const types = (await history(view.id)).map(([type]) => type);
        expect(types.filter((type) => type === 'claim.published')).toHaveLength(1);
        const reviews = await api.app
          .get(DataSource)
          .query(`SELECT outcome FROM reviews WHERE claim_id = $1`, [view.id]);
        expect(reviews).toEqual([{ outcome: 'published' }]);
      }),
    );
  });

  it('serialises a triage racing a dismiss', async () => {
    const claim = await createClaim(checkerA, `A claim triaged and dismissed at the same moment (${run}).`);
    const results = await Promise.all([
      act(editor, claim.id, 'triage', {}),
      act(secondEditor, claim.id, 'dismiss', { reason: 'Duplicate.' }),
    ]);
    const codes = results.map((response) => response.statusCode);
    // Dismiss is legal from both submitted and triaged, so it always succeeds; triage only if first.
    expect(codes[1]).toBe(200);
    expect([200, 409]).toContain(codes[0]);
    expect((await get(editor, claim.id)).status).toBe('dismissed');
  });

  it('serves every history entry as the document describes its event type', async () => {
    const document = (await api.request({ method: 'GET', url: '/docs-json' })).data;
    const variants: Schema[] = document.components.schemas.HistoryPage.properties.items.items.oneOf;
    const byType = new Map(variants.map((variant) => [variant.properties!.type.enum![0], variant]));
    const claims = (await send(editor, 'GET', `/v1/claims?tag=${run}&limit=100`)).data.items;
    const seen = new Set<string>();
    for (const claim of claims) {
      for (const entry of (await send(editor, 'GET', `/v1/claims/${claim.id}/history?limit=100`)).data
        .items) {
        seen.add(entry.type);
        const schema = byType.get(entry.type);
        expect({ type: entry.type, described: !!schema }).toEqual({ type: entry.type, described: true });
        expect({ type: entry.type, mismatches: mismatches(schema!, entry, document) }).toEqual({
          type: entry.type,
          mismatches: [],
        });
      }
    }
    // The suite's claims go through every workflow step, so the check covers each of them.
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'claim.assigned',
        'claim.created',
        'claim.dismissed',
        'claim.evidence_status_changed',
        'claim.published',
        'claim.reopened',
        'claim.review_started',
        'claim.sent_back',
        'claim.submitted',
        'claim.triaged',
      ]),
    );
  });
});

interface Schema {
  type?: string;
  enum?: string[];
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  $ref?: string;
}

/** Where `value` departs from `schema` (the subset of OpenAPI the history schemas use), as paths. */
function mismatches(schema: Schema, value: unknown, document: any, path = '$'): string[] {
  if (schema.$ref)
    return mismatches(document.components.schemas[schema.$ref.split('/').pop()!], value, document, path);
  if (value === null) return schema.nullable ? [] : [`${path} is null`];
  if (schema.allOf) return schema.allOf.flatMap((part) => mismatches(part, value, document, path));
  if (schema.enum && !schema.enum.includes(value as string)) return [`${path} is not one of ${schema.enum}`];
  const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  const expected = schema.type === 'number' && actual === 'integer' ? 'integer' : schema.type;
  if (expected && expected !== actual) return [`${path} is ${actual}, not ${expected}`];
  if (Array.isArray(value) && schema.items)
    return value.flatMap((item, index) => mismatches(schema.items!, item, document, `${path}[${index}]`));
  if (actual !== 'object') return [];
  const record = value as Record<string, unknown>;
  return [
    ...(schema.required ?? []).filter((key) => !(key in record)).map((key) => `${path}.${key} is missing`),
    ...Object.entries(schema.properties ?? {})
      .filter(([key]) => key in record && record[key] !== undefined)
      .flatMap(([key, property]) => mismatches(property, record[key], document, `${path}.${key}`)),
  ];
}
