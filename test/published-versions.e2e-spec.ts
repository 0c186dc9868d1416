import {
  createApiKeySession,
  createUserSession,
  sessionRequests,
  startTestApi,
  TestApi,
  TestResponse,
  TestSession,
} from '@claimdesk/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * What was published stays as it was published: each `publish` appends a version that no later
 * write changes (not even SQL), a correction adds one with the reopen reason, and a newsroom key
 * sees only what was published: no draft verdict, comment, note or desk user id.
 */
describe('published versions', () => {
  let api: TestApi;
  let db: DataSource;
  let editor: TestSession;
  let secondEditor: TestSession;
  let checker: TestSession;
  let newsroom: TestSession;
  const run = randomUUID().slice(0, 8);
  const REASON = "Correction: Bosnia's denial date was wrong";

  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
    editor = await createUserSession(api, { roles: ['editor'], name: `Editor ${run}` });
    secondEditor = await createUserSession(api, { roles: ['editor'], name: `Second editor ${run}` });
    checker = await createUserSession(api, { roles: ['fact_checker'], name: `Checker ${run}` });
    newsroom = await createApiKeySession(api);
  });
  afterAll(() => api.close());

  const { send, act } = sessionRequests(() => api);

  /** A claim with a source, an asserting and a rejecting stance and one piece of evidence, under review. */
  async function claimUnderReview(label: string) {
    const created = await send(checker, 'POST', '/v1/claims', {
      text: `Mercenaries from Bosnia are sent to Ukraine (${label} ${run}).`,
      tags: [run],
      source: { url: `https://news.example.org/${run}/${label}`, title: 'Briefing', outlet: 'News' },
      stances: [
        {
          actor: {
            name: `Sergei Lavrov ${label} ${run}`,
            kind: 'person',
            title: 'Minister',
            country: 'Russia',
          },
          type: 'asserted',
          statedAt: '2022-05-06T09:00:00Z',
          sourceUrl: `https://video.example.org/${run}/${label}`,
        },
        {
          actor: { name: `Ministry of Defence of Bosnia ${label} ${run}`, kind: 'government' },
          type: 'rejected',
          sourceUrl: `https://mod.example.ba/${run}/${label}`,
        },
      ],
    });
    expect(created.statusCode).toBe(201);
    const id: string = created.data.id;
    const evidence = await send(checker, 'POST', `/v1/claims/${id}/evidence`, {
      kind: 'official_statement',
      summary: 'The ministry denies any recruitment.',
      url: `https://mod.example.ba/${run}/${label}/denial`,
      relation: 'refutes',
      reliability: 'high',
    });
    expect(evidence.statusCode).toBe(201);
    await act(editor, id, 'triage');
    await act(editor, id, 'assign', { assigneeId: checker.principal.id });
    await act(checker, id, 'start');
    return id;
  }

  async function publish(id: string, verdict: string, summary: string, approver = editor) {
    await act(checker, id, 'submit', { verdict, summary, evidenceStatus: 'debunked' });
    return act(approver, id, 'publish');
  }

  const versions = async (id: string, session: TestSession = editor) => {
    const response = await send(session, 'GET', `/v1/claims/${id}/published-versions`);
    expect(response.statusCode).toBe(200);
    return response.data;
  };

  let corrected: string;

  it('stores what was published and adds a version per correction, the reopen reason included', async () => {
    corrected = await claimUnderReview('roundtrip');
    expect(await versions(corrected)).toEqual({ items: [], nextCursor: null });
    const published = await publish(corrected, 'false', 'No recruitment has been documented.');
    const [first] = (await versions(corrected)).items;
    expect(first).toEqual({
      version: 1,
      publishedAt: expect.any(String),
      language: 'en',
      text: `Mercenaries from Bosnia are sent to Ukraine (roundtrip ${run}).`,
      summary: 'No recruitment has been documented.',
      verdict: 'false',
      rating: 1,
      evidenceStatus: 'debunked',
      stances: [
        {
          type: 'asserted',
          quote: null,
          statedAt: '2022-05-06T09:00:00.000Z',
          sourceUrl: `https://video.example.org/${run}/roundtrip`,
          actor: {
            id: expect.any(String),
            name: `Sergei Lavrov roundtrip ${run}`,
            kind: 'person',
            title: 'Minister',
            country: 'Russia',
          },
        },
        {
          type: 'rejected',
          quote: null,
          statedAt: null,
          sourceUrl: `https://mod.example.ba/${run}/roundtrip`,
          actor: {
            id: expect.any(String),
            name: `Ministry of Defence of Bosnia roundtrip ${run}`,
            kind: 'government',
            title: null,
            country: null,
          },
        },
      ],
      evidence: [
        {
          kind: 'official_statement',
          summary: 'The ministry denies any recruitment.',
          url: `https://mod.example.ba/${run}/roundtrip/denial`,
          relation: 'refutes',
          reliability: 'high',
        },
      ],
      appearances: [
        {
          url: `https://news.example.org/${run}/roundtrip`,
          title: 'Briefing',
          outlet: 'News',
          publishedAt: null,
        },
        {
          url: `https://video.example.org/${run}/roundtrip`,
          title: null,
          outlet: null,
          publishedAt: '2022-05-06T09:00:00.000Z',
        },
      ],
      correction: null,
      submittedBy: { id: checker.principal.id, name: checker.principal.name },
      approvedBy: { id: editor.principal.id, name: editor.principal.name },
    });
    expect(published.publishedReview).toEqual(first);

    await act(editor, corrected, 'reopen', { reason: `  ${REASON}  ` });
    // The same verdict again: a correction of the details, not "False to False".
    await publish(corrected, 'false', 'No recruitment; the denial came on 7 May.', secondEditor);
    const page = await versions(corrected);
    expect(page.items.map((item: any) => item.version)).toEqual([1, 2]);
    expect(page.items[0]).toEqual(first);
    expect(page.items[1]).toMatchObject({
      version: 2,
      summary: 'No recruitment; the denial came on 7 May.',
      verdict: 'false',
      correction: {
        reason: REASON,
        previousVerdict: 'false',
        previousRating: 1,
        previousPublishedAt: first.publishedAt,
      },
      approvedBy: { id: secondEditor.principal.id },
    });

    const review = (await send(null, 'GET', `/v1/claims/${corrected}/claim-review`)).data;
    expect(review).toMatchObject({
      reviewBody: 'No recruitment; the denial came on 7 May.',
      reviewRating: { ratingValue: 1, alternateName: 'False' },
      datePublished: first.publishedAt,
      dateModified: page.items[1].publishedAt,
      correction: [
        {
          '@type': 'CorrectionComment',
          datePublished: page.items[1].publishedAt,
          text: REASON,
          name: `Previously rated "False" (published ${first.publishedAt})`,
        },
      ],
    });
  });

  it('pages versions oldest first and refuses bad input', async () => {
    const one = await send(editor, 'GET', `/v1/claims/${corrected}/published-versions?limit=1`);
    expect(one.data.items.map((item: any) => item.version)).toEqual([1]);
    const two = await send(
      editor,
      'GET',
      `/v1/claims/${corrected}/published-versions?limit=1&cursor=${one.data.nextCursor}`,
    );
    expect(two.data.items.map((item: any) => item.version)).toEqual([2]);
    expect(two.data.nextCursor).toBeNull();
    expect((await send(editor, 'GET', `/v1/claims/${randomUUID()}/published-versions`)).statusCode).toBe(404);
    for (const query of ['limit=0', 'cursor=WyJ4Il0', 'cursor=!!', 'colour=red']) {
      const response = await send(editor, 'GET', `/v1/claims/${corrected}/published-versions?${query}`);
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await send(editor, 'GET', '/v1/claims/nope/published-versions')).statusCode).toBe(400);
    expect((await send(null, 'GET', `/v1/claims/${corrected}/published-versions`)).statusCode).toBe(401);
  });

  it('keeps what the public saw whatever is written afterwards, even in SQL', async () => {
    const id = await claimUnderReview('frozen');
    const text = `Mercenaries from Bosnia are sent to Ukraine (frozen ${run}).`;
    await publish(id, 'false', 'Nothing supports it.');
    const inFeed = async () =>
      (
        await send(null, 'GET', `/v1/claim-reviews?limit=100&since=${encodeURIComponent(publishedAt)}`)
      ).data.dataFeedElement.find((item: any) => item.url.endsWith(`/fact-checks/${id}`));
    const publishedAt = (await versions(id)).items[0].publishedAt;
    const before = {
      review: (await send(null, 'GET', `/v1/claims/${id}/claim-review`)).data,
      versions: await versions(id),
      published: (await send(editor, 'GET', `/v1/claims/${id}`)).data.publishedReview,
      feed: await inFeed(),
    };
    expect(before.review.claimReviewed).toBe(text);

    await db.query(
      `UPDATE claims SET text = 'Rewritten', verdict = 'true', evidence_status = 'corroborated' WHERE id = $1`,
      [id],
    );
    await db.query(
      `UPDATE actors SET name = 'Someone else', title = NULL WHERE id IN (SELECT actor_id FROM stances WHERE claim_id = $1)`,
      [id],
    );
    await db.query(`DELETE FROM stances WHERE claim_id = $1 AND type = 'rejected'`, [id]);
    await db.query(`UPDATE evidence SET summary = 'Changed' WHERE claim_id = $1`, [id]);
    await db.query(`UPDATE reviews SET verdict = 'true', summary = 'Changed' WHERE claim_id = $1`, [id]);
    await db.query(
      `UPDATE sources SET url = 'https://elsewhere.example.org/${run}' WHERE id = (SELECT source_id FROM claims WHERE id = $1)`,
      [id],
    );

    expect((await send(null, 'GET', `/v1/claims/${id}/claim-review`)).data).toEqual(before.review);
    expect(await versions(id)).toEqual(before.versions);
    const claim = (await send(editor, 'GET', `/v1/claims/${id}`)).data;
    expect(claim.text).toBe('Rewritten');
    expect(claim.publishedReview).toEqual(before.published);
    const { '@context': _context, ...item } = before.review;
    expect(before.feed).toEqual(item);
    expect(await inFeed()).toEqual(item);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on published versions in the database itself', async () => {
    for (const statement of [
      `UPDATE published_versions SET verdict = 'true' WHERE claim_id = $1`,
      `UPDATE published_versions SET correction = NULL WHERE claim_id = $1 AND version = 2`,
      `DELETE FROM published_versions WHERE claim_id = $1`,
    ]) {
      await expect(db.query(statement, [corrected])).rejects.toThrow(/published_versions is append-only/);
    }
    await expect(db.query(`TRUNCATE published_versions CASCADE`)).rejects.toThrow(/append-only/);
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM published_versions WHERE claim_id = $1`,
      [corrected],
    );
    expect(count).toBe(2);
  });

  describe('what a newsroom key sees', () => {
    let id: string;
    const DRAFT_SUMMARY = `Draft summary ${run}`;
    const COMMENT = `Send-back comment ${run}`;
    const NOTE = `Desk note ${run}`;

    beforeAll(async () => {
      // Published once, reopened, then a draft with another verdict sent back and resubmitted.
      id = await claimUnderReview('newsroom');
      await publish(id, 'false', 'No recruitment has been documented.');
      await act(editor, id, 'reopen', { reason: REASON });
      await act(checker, id, 'submit', {
        verdict: 'mostly_true',
        summary: DRAFT_SUMMARY,
        evidenceStatus: 'corroborated',
      });
      await act(editor, id, 'send-back', { comment: COMMENT });
      await act(checker, id, 'submit', {
        verdict: 'mostly_true',
        summary: DRAFT_SUMMARY,
        evidenceStatus: 'corroborated',
      });
      const note = await send(editor, 'POST', `/v1/claims/${id}/notes`, { body: NOTE });
      expect(note.statusCode).toBe(201);
    });

    const deskIds = () => [editor, secondEditor, checker].map((session) => session.principal.id);

    it('gets the claim without drafts, working evidence status or desk user ids', async () => {
      const desk = (await send(editor, 'GET', `/v1/claims/${id}`)).data;
      expect(desk).toMatchObject({
        status: 'in_approval',
        evidenceStatus: 'corroborated',
        currentReview: { verdict: 'mostly_true' },
      });
      const claim = (await send(newsroom, 'GET', `/v1/claims/${id}`)).data;
      expect(claim).toMatchObject({
        status: 'in_approval',
        evidenceStatus: 'debunked',
        verdict: 'false',
        assigneeId: null,
        createdBy: null,
        notesCount: 0,
        currentReview: null,
        publishedReviews: [],
        allowedActions: [],
        publishedReview: { version: 1, verdict: 'false', evidenceStatus: 'debunked' },
      });
      expect(claim.publishedReview).not.toHaveProperty('submittedBy');
      expect(claim.publishedReview).not.toHaveProperty('approvedBy');
      for (const part of [...claim.stances, ...claim.evidence]) expect(part.createdBy).toBeNull();
      const text = JSON.stringify(claim);
      for (const secret of [...deskIds(), DRAFT_SUMMARY, COMMENT, NOTE, 'mostly_true', 'corroborated']) {
        expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
      }
      const listed = (await send(newsroom, 'GET', `/v1/claims?tag=${run}&limit=100`)).data.items.find(
        (item: any) => item.id === id,
      );
      expect(listed).toMatchObject({ evidenceStatus: 'debunked', assigneeId: null, createdBy: null });
      // Filters match what each caller sees, so a newsroom cannot probe the draft's status or verdict.
      const ids = async (session: TestSession, filter: string) =>
        (await send(session, 'GET', `/v1/claims?tag=${run}&limit=100&${filter}`)).data.items.map(
          (item: any) => item.id,
        );
      expect(await ids(newsroom, 'evidenceStatus=corroborated')).not.toContain(id);
      expect(await ids(newsroom, 'verdict=mostly_true')).not.toContain(id);
      expect(await ids(newsroom, 'evidenceStatus=debunked')).toContain(id);
      expect(await ids(newsroom, 'verdict=false')).toContain(id);
      expect(await ids(editor, 'evidenceStatus=corroborated')).toContain(id);
    });

    it('gets a history of public events and published versions only: every key of every item checked', async () => {
      const desk = (await send(editor, 'GET', `/v1/claims/${id}/history?limit=100`)).data.items;
      expect(desk.map((entry: any) => entry.type)).toEqual(
        expect.arrayContaining([
          'claim.submitted',
          'claim.sent_back',
          'claim.note_added',
          'claim.evidence_status_changed',
        ]),
      );

      const items: any[] = [];
      let cursor: string | null = null;
      do {
        const response: TestResponse = await send(
          newsroom,
          'GET',
          `/v1/claims/${id}/history?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(response.statusCode).toBe(200);
        items.push(...response.data.items);
        cursor = response.data.nextCursor;
      } while (cursor);

      expect(items.map((entry) => entry.type)).toEqual([
        'claim.created',
        'claim.evidence_added',
        'claim.triaged',
        'claim.assigned',
        'claim.review_started',
        'claim.submitted',
        'claim.published',
        'claim.reopened',
        'claim.submitted',
        'claim.sent_back',
        'claim.submitted',
      ]);
      const published = items.find((entry) => entry.type === 'claim.published');
      expect(published.changes.publishedVersion).toMatchObject({ version: 1, verdict: 'false' });
      expect(published.changes.publishedVersion).not.toHaveProperty('submittedBy');

      // The allowed keys, item by item and in every nested object; nothing else may appear.
      const ALLOWED: Record<string, string[]> = {
        '': ['id', 'type', 'at', 'actor', 'changes'],
        changes: [
          'version',
          'claim',
          'stances',
          'stance',
          'evidence',
          'before',
          'after',
          'priority',
          'dueAt',
          'publishedVersion',
        ],
      };
      const FORBIDDEN = [
        'verdict',
        'comment',
        'reason',
        'submittedBy',
        'approvedBy',
        'decidedBy',
        'assigneeId',
        'assignmentId',
        'createdBy',
        'reviewId',
        'mentions',
        'noteId',
        'evidenceStatus',
      ];
      for (const entry of items) {
        expect(Object.keys(entry).sort()).toEqual([...ALLOWED[''].sort()]);
        expect(entry.actor).toBeNull();
        for (const key of Object.keys(entry.changes))
          expect({ type: entry.type, key, ok: ALLOWED.changes.includes(key) }).toEqual({
            type: entry.type,
            key,
            ok: true,
          });
        const { publishedVersion, ...rest } = entry.changes;
        const walk = (value: unknown, path: string): void => {
          if (Array.isArray(value)) return value.forEach((item, index) => walk(item, `${path}[${index}]`));
          if (value && typeof value === 'object') {
            for (const [key, inner] of Object.entries(value)) {
              expect({ path: `${path}.${key}`, forbidden: FORBIDDEN.includes(key) }).toEqual({
                path: `${path}.${key}`,
                forbidden: false,
              });
              walk(inner, `${path}.${key}`);
            }
          }
        };
        walk(rest, entry.type);
        if (publishedVersion)
          expect(Object.keys(publishedVersion)).not.toEqual(expect.arrayContaining(['submittedBy']));
      }
      const text = JSON.stringify(items);
      for (const secret of [
        ...deskIds(),
        DRAFT_SUMMARY,
        COMMENT,
        NOTE,
        'mostly_true',
        'corroborated',
        REASON,
      ]) {
        expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
      }
    });
  });
});
