import {
  createUserSession,
  startTestApi,
  startTestWorker,
  TestApi,
  TestResponse,
  TestSession,
  TestWorker,
} from '@claimdesk/testing';
import { CLAIM_EDITS } from '@claimdesk/workflow';

/**
 * The edit rules of the workflow table through the API: the cases the rule-book issue found
 * (a stranger editing a published claim, a fact-checker editing someone else's review, a stance
 * added twice), each now refused with the claim unchanged; the desk's own edits still allowed;
 * removals kept in the history with who and why, and told to the assignee.
 */
describe('claim edit rules', () => {
  let api: TestApi;
  let worker: TestWorker;
  let editor: TestSession;
  let secondEditor: TestSession;
  let assignee: TestSession;
  let stranger: TestSession;
  const run = `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker();
    editor = await createUserSession(api, { roles: ['editor'], name: 'Edit Rules Editor' });
    secondEditor = await createUserSession(api, { roles: ['editor'], name: 'Edit Rules Editor Two' });
    assignee = await createUserSession(api, { roles: ['fact_checker'], name: 'Edit Rules Assignee' });
    stranger = await createUserSession(api, { roles: ['fact_checker'], name: 'Edit Rules Stranger' });
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const send = (
    session: TestSession,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: Record<string, unknown>,
  ): Promise<TestResponse> =>
    api.request({ method, url, as: 'anonymous', headers: session.headers, ...(payload ? { payload } : {}) });

  async function expectStatus(response: TestResponse, status: number): Promise<any> {
    expect({ status: response.statusCode, detail: response.data?.detail }).toMatchObject({ status });
    if (status >= 400) expect(response.headers['content-type']).toContain('application/problem+json');
    return response.data;
  }

  async function newClaim(by: TestSession = assignee, extra: Record<string, unknown> = {}) {
    const response = await send(by, 'POST', '/v1/claims', {
      text: `Foreign volunteers are being recruited through a sports club (${run} ${Math.random()}).`,
      tags: [run],
      stances: [{ actor: { name: `Minister ${run}`, kind: 'person' }, type: 'asserted' }],
      ...extra,
    });
    return expectStatus(response, 201);
  }

  async function act(session: TestSession, id: string, action: string, payload?: Record<string, unknown>) {
    return expectStatus(await send(session, 'POST', `/v1/claims/${id}/${action}`, payload), 200);
  }

  /** A claim taken through the workflow to `status`, reviewed by `assignee`. */
  async function claimIn(status: 'in_review' | 'in_approval' | 'published') {
    const claim = await newClaim(editor);
    await act(editor, claim.id, 'triage');
    await act(editor, claim.id, 'assign', { assigneeId: assignee.user!.id });
    await act(assignee, claim.id, 'start');
    if (status === 'in_review') return claim;
    await act(assignee, claim.id, 'submit', {
      verdict: 'false',
      summary: 'No such recruitment was found.',
      evidenceStatus: 'debunked',
    });
    if (status === 'in_approval') return claim;
    await act(editor, claim.id, 'publish');
    return claim;
  }

  const view = async (session: TestSession, id: string) =>
    expectStatus(await send(session, 'GET', `/v1/claims/${id}`), 200);

  it('refuses a stranger’s edits of a published claim with 409, naming reopen, and changes nothing', async () => {
    const claim = await claimIn('published');
    const before = await view(editor, claim.id);
    const stanceId = before.stances[0].id;

    const patch = await expectStatus(
      await send(stranger, 'PATCH', `/v1/claims/${claim.id}`, {
        text: 'Something else entirely, said later.',
      }),
      409,
    );
    expect(patch).toMatchObject({
      type: 'https://claimdesk.dev/problems/edit-conflict',
      claimStatus: 'published',
      openedBy: ['reopen'],
      allowedActions: [],
      allowedEdits: ['notes'],
    });
    const removal = await expectStatus(
      await send(stranger, 'DELETE', `/v1/claims/${claim.id}/stances/${stanceId}`),
      409,
    );
    expect(removal).toMatchObject({ claimStatus: 'published', openedBy: ['reopen'] });
    const added = await expectStatus(
      await send(stranger, 'POST', `/v1/claims/${claim.id}/stances`, {
        actor: { name: `Someone else ${run}`, kind: 'person' },
        type: 'asserted',
      }),
      409,
    );
    expect(added).toMatchObject({ claimStatus: 'published', openedBy: ['reopen'] });
    // Editors too: a published claim changes only through reopen → review → publish.
    const byEditor = await expectStatus(
      await send(editor, 'POST', `/v1/claims/${claim.id}/evidence`, {
        kind: 'report',
        summary: 'A late report.',
        relation: 'context',
      }),
      409,
    );
    expect(byEditor).toMatchObject({ allowedActions: ['reopen'], allowedEdits: ['notes'] });

    const after = await view(editor, claim.id);
    expect(after).toEqual(before);
    const history = await expectStatus(
      await send(editor, 'GET', `/v1/claims/${claim.id}/history?limit=100`),
      200,
    );
    expect(history.items.map((item: any) => item.type)).not.toContain('claim.updated');
    expect(history.items.map((item: any) => item.type)).not.toContain('claim.stance_removed');

    // Notes stay open to the desk.
    await expectStatus(
      await send(stranger, 'POST', `/v1/claims/${claim.id}/notes`, { body: 'Worth a follow-up.' }),
      201,
    );
  });

  it('opens a published claim’s edits again after reopen, to the assignee and editors', async () => {
    const claim = await claimIn('published');
    await act(secondEditor, claim.id, 'reopen', { reason: 'A new source surfaced.' });
    expect((await view(assignee, claim.id)).allowedEdits).toEqual([...CLAIM_EDITS]);
    expect((await view(stranger, claim.id)).allowedEdits).toEqual(['notes']);
    await expectStatus(
      await send(assignee, 'PATCH', `/v1/claims/${claim.id}`, { summary: 'Corrected.' }),
      200,
    );
  });

  it('keeps another fact-checker out of a review in progress with 403, and lets the assignee and editors in', async () => {
    const claim = await claimIn('in_review');
    const before = await view(editor, claim.id);
    expect((await view(stranger, claim.id)).allowedEdits).toEqual(['notes']);
    expect((await view(assignee, claim.id)).allowedEdits).toEqual([...CLAIM_EDITS]);

    const attempts: [string, 'PATCH' | 'POST' | 'DELETE', string, Record<string, unknown> | undefined][] = [
      ['evidenceStatus', 'PATCH', `/v1/claims/${claim.id}`, { evidenceStatus: 'corroborated' }],
      ['text', 'PATCH', `/v1/claims/${claim.id}`, { text: 'A different claim text, long enough.' }],
      ['priority', 'PATCH', `/v1/claims/${claim.id}`, { priority: 'urgent' }],
      [
        'stances',
        'POST',
        `/v1/claims/${claim.id}/stances`,
        { actor: { name: `Rejecter ${run}`, kind: 'government' }, type: 'rejected' },
      ],
      ['stances', 'DELETE', `/v1/claims/${claim.id}/stances/${before.stances[0].id}`, undefined],
      [
        'evidence',
        'POST',
        `/v1/claims/${claim.id}/evidence`,
        { kind: 'media', summary: 'A video.', relation: 'supports' },
      ],
    ];
    for (const [edit, method, url, payload] of attempts) {
      const problem = await expectStatus(await send(stranger, method, url, payload), 403);
      expect({ edit, ...problem }).toMatchObject({
        edit,
        type: 'https://claimdesk.dev/problems/edit-forbidden',
        claimStatus: 'in_review',
        allowedActions: [],
        allowedEdits: ['notes'],
      });
    }
    expect(await view(editor, claim.id)).toEqual(before);

    await expectStatus(await send(editor, 'PATCH', `/v1/claims/${claim.id}`, { priority: 'urgent' }), 200);
    await expectStatus(
      await send(assignee, 'POST', `/v1/claims/${claim.id}/evidence`, {
        kind: 'document',
        summary: 'The club’s register.',
        relation: 'refutes',
      }),
      201,
    );
  });

  it('closes edits while a review awaits approval, naming send-back', async () => {
    const claim = await claimIn('in_approval');
    const problem = await expectStatus(
      await send(assignee, 'PATCH', `/v1/claims/${claim.id}`, { summary: 'One more thing.' }),
      409,
    );
    expect(problem).toMatchObject({
      claimStatus: 'in_approval',
      openedBy: ['send_back'],
      allowedEdits: ['notes'],
    });
    expect(problem.detail).toContain('`send-back` would open it');
  });

  it('lets the submitter edit before assignment, and nobody else but editors', async () => {
    const claim = await newClaim(assignee);
    await expectStatus(
      await send(assignee, 'PATCH', `/v1/claims/${claim.id}`, { tags: [run, 'sport'] }),
      200,
    );
    await expectStatus(await send(stranger, 'PATCH', `/v1/claims/${claim.id}`, { tags: [run] }), 403);
    await expectStatus(await send(editor, 'PATCH', `/v1/claims/${claim.id}`, { tags: [run] }), 200);
  });

  it('answers a stance added twice with 409 and the existing stance’s id', async () => {
    const claim = await newClaim(assignee);
    const actorId = claim.stances[0].actor.id;
    const again = await expectStatus(
      await send(assignee, 'POST', `/v1/claims/${claim.id}/stances`, { actorId, type: 'asserted' }),
      409,
    );
    expect(again).toMatchObject({ existingStanceId: claim.stances[0].id });
    // Another type from the same actor is a different stance.
    await expectStatus(
      await send(assignee, 'POST', `/v1/claims/${claim.id}/stances`, { actorId, type: 'repeated' }),
      201,
    );
    expect((await view(assignee, claim.id)).stances).toHaveLength(2);
  });

  it('keeps a removal in the history with who and why, and tells the assignee when it was not theirs', async () => {
    const claim = await claimIn('in_review');
    const evidence = await expectStatus(
      await send(assignee, 'POST', `/v1/claims/${claim.id}/evidence`, {
        kind: 'report',
        summary: 'A report that turned out to be a hoax.',
        relation: 'supports',
      }),
      201,
    );
    const reason = 'The report is a known hoax.';
    await expectStatus(
      await send(
        editor,
        'DELETE',
        `/v1/claims/${claim.id}/evidence/${evidence.id}?reason=${encodeURIComponent(reason)}`,
      ),
      204,
    );
    const history = await expectStatus(
      await send(editor, 'GET', `/v1/claims/${claim.id}/history?limit=100`),
      200,
    );
    const removed = history.items.find((item: any) => item.type === 'claim.evidence_removed');
    expect(removed).toMatchObject({
      actor: { id: editor.user!.id },
      changes: { reason, evidence: { id: evidence.id }, addedBy: { kind: 'user', id: assignee.user!.id } },
    });

    await worker.settled();
    const inbox = await expectStatus(await send(assignee, 'GET', '/v1/notifications?limit=100'), 200);
    expect(inbox.items).toContainEqual(
      expect.objectContaining({ type: 'claim.evidence_removed', claimId: claim.id }),
    );
  });

  it('refuses a bad removal reason with 400', async () => {
    const claim = await newClaim(assignee);
    const url = `/v1/claims/${claim.id}/stances/${claim.stances[0].id}`;
    await expectStatus(await send(assignee, 'DELETE', `${url}?reason=`), 400);
    await expectStatus(await send(assignee, 'DELETE', `${url}?reason=${'x'.repeat(501)}`), 400);
    await expectStatus(await send(assignee, 'DELETE', `${url}?reason=a&reason=b`), 400);
    expect((await view(assignee, claim.id)).stances).toHaveLength(1);
  });

  it('answers a role 403 on a workflow action with the claim’s status and the caller’s allowed actions', async () => {
    const claim = await newClaim(assignee);
    const problem = await expectStatus(
      await send(stranger, 'POST', `/v1/claims/${claim.id}/triage`, {}),
      403,
    );
    expect(problem).toMatchObject({ claimStatus: 'submitted', allowedActions: [] });
    expect(problem.detail).toBe('triage needs the role editor or admin.');
    // Before the body is validated: no 400 for a caller who may not act at all.
    const dismiss = await expectStatus(
      await send(stranger, 'POST', `/v1/claims/${claim.id}/dismiss`, {}),
      403,
    );
    expect(dismiss).toMatchObject({ claimStatus: 'submitted', allowedActions: [] });
  });
});
