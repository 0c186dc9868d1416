import { DEMO_CLAIMS, DEMO_PASSWORD, DEMO_TAG, DEMO_USERS, loadDemoDesk } from '@claimdesk/demo';
import { startTestApi, TestApi } from '@claimdesk/testing';

const lavrovClaim = DEMO_CLAIMS.find((claim) => claim.text.includes('Mercenaries from Albania'))!;
const editor = DEMO_USERS.find((user) => user.roles.includes('editor'))!;

describe('the demo desk', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('loads once: a second run creates nothing', async () => {
    const first = await loadDemoDesk(api.app);
    expect(first.users.created + first.users.existing).toBe(DEMO_USERS.length);
    expect(first.claims.created + first.claims.existing).toBe(DEMO_CLAIMS.length);

    const second = await loadDemoDesk(api.app);
    expect(second).toEqual({
      users: { created: 0, existing: DEMO_USERS.length },
      claims: { created: 0, existing: DEMO_CLAIMS.length },
    });

    const listed = await api.request({ method: 'GET', url: `/v1/claims?tag=${DEMO_TAG}&limit=100` });
    expect(listed.statusCode).toBe(200);
    const texts = listed.data.items.map((claim: any) => claim.text);
    expect(texts.sort()).toEqual(DEMO_CLAIMS.map((claim) => claim.text).sort());
  });

  it('lets the demo editor sign in with the printed password', async () => {
    const login = await api.request({
      method: 'POST',
      url: '/v1/auth/login',
      as: 'anonymous',
      payload: { email: editor.email, password: DEMO_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    expect(login.data.user).toMatchObject({ email: editor.email, roles: ['editor'] });
    token = login.data.accessToken;
    const wrong = await api.request({
      method: 'POST',
      url: '/v1/auth/login',
      as: 'anonymous',
      payload: { email: editor.email, password: 'not-the-demo-password' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it("finds Lavrov's claim by full-text search, with who asserted, repeated and rejected it", async () => {
    const found = await api.request({
      method: 'GET',
      url: '/v1/claims?q=mercenaries',
      as: 'anonymous',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(found.statusCode).toBe(200);
    const claim = found.data.items.find((item: any) => item.text === lavrovClaim.text);
    expect(claim).toMatchObject({
      status: 'submitted',
      evidenceStatus: 'unsubstantiated',
      priority: 'high',
      tags: expect.arrayContaining([DEMO_TAG, 'mercenaries']),
    });
    const stances = claim.stances.map((stance: any) => [stance.type, stance.actor.name, stance.actor.kind]);
    expect(stances).toEqual(
      expect.arrayContaining([
        ['asserted', 'Sergei Lavrov', 'person'],
        ['repeated', 'Serbian state-controlled media', 'media_outlet'],
        ['rejected', 'Government of Albania', 'government'],
        ['rejected', 'Government of Kosovo', 'government'],
        ['rejected', 'Government of Bosnia and Herzegovina', 'government'],
      ]),
    );
    expect(stances).toHaveLength(5);

    const nothing = await api.request({ method: 'GET', url: '/v1/claims?q=zeppelin', as: 'editor' });
    expect(nothing.data.items.filter((item: any) => item.tags.includes(DEMO_TAG))).toEqual([]);
  });

  it('recorded the demo through the services: history names the demo editor', async () => {
    const found = await api.request({ method: 'GET', url: `/v1/claims?tag=${DEMO_TAG}&q=mercenaries` });
    const id = found.data.items[0].id;
    const history = await api.request({ method: 'GET', url: `/v1/claims/${id}/history?limit=100` });
    expect(history.statusCode).toBe(200);
    const types = history.data.items.map((entry: any) => entry.type);
    expect(types.slice(0, 3)).toEqual(['claim.created', 'claim.updated', 'claim.evidence_status_changed']);
    expect(history.data.items[0].actor).toMatchObject({ kind: 'user', name: editor.name });
  });

  it('shares actors between claims instead of duplicating them', async () => {
    const actors = await api.request({
      method: 'GET',
      url: '/v1/actors?q=Serbian%20state-controlled%20media',
    });
    expect(actors.statusCode).toBe(200);
    const matches = actors.data.items.filter((actor: any) => actor.name === 'Serbian state-controlled media');
    expect(matches).toHaveLength(1);
    const detail = await api.request({ method: 'GET', url: `/v1/actors/${matches[0].id}` });
    expect(detail.data.claims.map((stance: any) => stance.type)).toEqual(['repeated', 'repeated']);
  });

  it('points a near-duplicate at the demo claim through `similar` (the README walk-through)', async () => {
    const created = await api.request({
      method: 'POST',
      url: '/v1/claims',
      as: 'editor',
      payload: {
        text: 'Mercenaries from Albania and Kosovo are being sent to fight in Ukraine.',
        tags: ['balkans'],
        stances: [
          { actor: { name: 'Serbian state-controlled media', kind: 'media_outlet' }, type: 'repeated' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.data.similar).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: lavrovClaim.text, score: expect.any(Number) }),
      ]),
    );
  });

  it('shows a living desk: claims in every status, overdue work, work for each fact-checker, a correction', async () => {
    const listed = await api.request({ method: 'GET', url: `/v1/claims?tag=${DEMO_TAG}&limit=100` });
    const statuses = new Set(listed.data.items.map((claim: any) => claim.status));
    expect([...statuses].sort()).toEqual(
      ['assigned', 'dismissed', 'in_approval', 'in_review', 'published', 'submitted', 'triaged'].sort(),
    );
    const overdue = await api.request({ method: 'GET', url: '/v1/review-queue?scope=overdue' });
    expect(overdue.data.items.length).toBeGreaterThan(0);
    const stats = await api.request({ method: 'GET', url: '/v1/review-queue/stats' });
    const checkers = DEMO_USERS.filter((user) => user.roles.includes('fact_checker'));
    for (const checker of checkers) {
      const load = stats.data.assignees.find((entry: any) => entry.handle === checker.handle);
      const open = load ? load.assigned + load.inReview + load.inApproval : 0;
      expect({ checker: checker.handle, hasWork: open > 0 }).toEqual({
        checker: checker.handle,
        hasWork: true,
      });
    }
    const published = listed.data.items.find((claim: any) => claim.status === 'published');
    const view = await api.request({ method: 'GET', url: `/v1/claims/${published.id}` });
    expect(view.data.publishedReviews.length).toBeGreaterThanOrEqual(2);
  });

  it('keys demo claims by a stable id: an edited demo claim is not loaded again', async () => {
    const found = await api.request({ method: 'GET', url: `/v1/claims?tag=${DEMO_TAG}&status=submitted` });
    const claim = found.data.items.find((item: any) => item.text === lavrovClaim.text);
    const edited = await api.request({
      method: 'PATCH',
      url: `/v1/claims/${claim.id}`,
      as: 'editor',
      payload: { text: `${lavrovClaim.text} (edited on the desk)` },
    });
    expect(edited.statusCode).toBe(200);
    const again = await loadDemoDesk(api.app);
    expect(again.claims).toEqual({ created: 0, existing: DEMO_CLAIMS.length });
    const after = await api.request({ method: 'GET', url: `/v1/claims?tag=${DEMO_TAG}&limit=100` });
    expect(after.data.items).toHaveLength(DEMO_CLAIMS.length);
  });
});
