import { DomainEvent } from '@claimdesk/events';
import { Metrics, ReviewTimerPayload } from '@claimdesk/platform';
import { AutoAssigner, ReviewTimerKind, ReviewTimerOutcome, ReviewTimers } from '@claimdesk/review';
import {
  createUserSession,
  isolatedTestEnv,
  IsolatedTestEnv,
  recordPreparedStatements,
  sessionRequests,
  startTestApi,
  startTestWorker,
  TestApi,
  TestSession,
  TestWorker,
  waitFor,
} from '@claimdesk/testing';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';

/** The due-soon lead time the worker runs with: a due date LEAD_MS + 1 s away reminds after about a second. */
const LEAD_MS = 2000;

interface Fired {
  kind: ReviewTimerKind;
  payload: ReviewTimerPayload;
  outcome: ReviewTimerOutcome;
}

describe('review timers and auto-assignment (worker)', () => {
  // Auto-assignment is on for this suite's worker and it counts every open assignment, and the
  // lead time is short: neither may touch other suites' claims, so this suite has its own database.
  let isolated: IsolatedTestEnv;
  let api: TestApi;
  let worker: TestWorker;
  let editor: TestSession;
  let checker: TestSession;
  let otherChecker: TestSession;
  let fired: Fired[];
  const run = randomBytes(4).toString('hex');

  beforeAll(async () => {
    isolated = await isolatedTestEnv('review_timers');
    api = await startTestApi(isolated.env);
    worker = await startTestWorker({
      ...isolated.env,
      REVIEW_DUE_SOON_LEAD_MS: String(LEAD_MS),
      REVIEW_AUTO_ASSIGN: 'true',
      OUTBOX_POLL_MS: '200',
    });
    editor = await createUserSession(api, { roles: ['editor'] });
    checker = await createUserSession(api, { roles: ['fact_checker'] });
    otherChecker = await createUserSession(api, { roles: ['fact_checker'] });
  });

  beforeEach(() => {
    // Records what every timer did, by wrapping the worker's own service.
    fired = [];
    const timers = worker.app.get(ReviewTimers);
    const fire = ReviewTimers.prototype.fire;
    jest.spyOn(timers, 'fire').mockImplementation(async (kind, payload) => {
      const outcome = await fire.call(timers, kind, payload);
      fired.push({ kind, payload, outcome });
      return outcome;
    });
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await isolated?.drop();
  });

  const { send, act } = sessionRequests(() => api);

  /** A triaged claim with the given tags (nobody's expertise by default, so it is not auto-assigned). */
  async function triagedClaim(
    label: string,
    dueAt: string | null,
    tags = [`untaken-${run}`],
  ): Promise<string> {
    const created = await send(editor, 'POST', '/v1/claims', {
      text: `A claim for the timer tests: ${label} (${run}).`,
      tags,
    });
    expect(created.statusCode).toBe(201);
    await act(editor, created.data.id, 'triage', dueAt ? { dueAt } : {});
    return created.data.id;
  }

  async function events(claimId: string, type?: string): Promise<DomainEvent[]> {
    return worker.dataSource.getRepository(DomainEvent).find({
      where: type ? { claimId, type } : { claimId },
      order: { id: 'ASC' },
    });
  }

  async function openAssignment(claimId: string): Promise<{ id: string; assignee_id: string }> {
    const [row] = await worker.dataSource.query(
      `SELECT id, assignee_id FROM assignments WHERE claim_id = $1 AND ended_at IS NULL`,
      [claimId],
    );
    return row;
  }

  const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

  const firedFor = (assignmentId: string, kind: ReviewTimerKind) =>
    fired.filter((entry) => entry.kind === kind && entry.payload.assignmentId === assignmentId);

  it('reminds the assignee before the due date, then escalates when it passes, once each', async () => {
    const dueAt = inMs(LEAD_MS + 1500);
    const id = await triagedClaim('due soon, then overdue', dueAt);
    await act(editor, id, 'assign', { assigneeId: checker.principal.id });
    const assignment = await openAssignment(id);

    const [dueSoon] = await waitFor(
      async () => {
        const found = await events(id, 'claim.due_soon');
        return found.length ? found : undefined;
      },
      8000,
      { message: 'claim.due_soon' },
    );
    expect(dueSoon).toMatchObject({
      actorKind: null,
      actorId: null,
      payload: { assignmentId: assignment.id, assigneeId: checker.principal.id, dueAt },
    });
    // The reminder came before the due date, not with the overdue check.
    expect(dueSoon.createdAt.getTime()).toBeLessThan(Date.parse(dueAt));
    expect(await events(id, 'claim.overdue')).toEqual([]);

    const [overdue] = await waitFor(
      async () => {
        const found = await events(id, 'claim.overdue');
        return found.length ? found : undefined;
      },
      8000,
      { message: 'claim.overdue' },
    );
    expect(overdue).toMatchObject({
      actorKind: null,
      payload: { assignmentId: assignment.id, assigneeId: checker.principal.id, dueAt },
    });
    expect(overdue.createdAt.getTime()).toBeGreaterThanOrEqual(Date.parse(dueAt) - 50);

    // The history shows both, with no actor.
    const history = await send(editor, 'GET', `/v1/claims/${id}/history?limit=100`);
    expect(history.data.items.filter((entry: any) => /due_soon|overdue/.test(entry.type))).toEqual([
      expect.objectContaining({ type: 'claim.due_soon', actor: null }),
      expect.objectContaining({ type: 'claim.overdue', actor: null }),
    ]);

    // The same timers again (a replayed job, a retry) write nothing more.
    const payload = { claimId: id, assignmentId: assignment.id, dueAt };
    const timers = worker.app.get(ReviewTimers);
    await expect(timers.fire('overdue', payload)).resolves.toBe('already_written');
    await worker.jobs.add('review.due_soon', payload);
    await waitFor(() =>
      firedFor(assignment.id, 'due_soon').some((entry) => entry.outcome === 'already_written'),
    );
    expect(await events(id, 'claim.due_soon')).toHaveLength(1);
    expect(await events(id, 'claim.overdue')).toHaveLength(1);

    // The worker timed its jobs.
    const metrics = await worker.app.get(Metrics).registry.metrics();
    expect(metrics).toMatch(
      /claimdesk_job_duration_seconds_count\{job="review.overdue",outcome="completed"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /claimdesk_job_duration_seconds_count\{job="review.event",outcome="completed"\} [1-9]/,
    );
  });

  it('does nothing when the review was submitted before the timers fired', async () => {
    const dueAt = inMs(LEAD_MS + 1500);
    const id = await triagedClaim('submitted in time', dueAt);
    await act(editor, id, 'assign', { assigneeId: checker.principal.id });
    const assignment = await openAssignment(id);
    await act(checker, id, 'start');
    await act(checker, id, 'submit', {
      verdict: 'false',
      summary: 'Nothing supports it.',
      evidenceStatus: 'debunked',
    });

    await waitFor(() => firedFor(assignment.id, 'due_soon').length > 0, 20_000, {
      message: 'the due-soon timer',
    });
    await waitFor(() => firedFor(assignment.id, 'overdue').length > 0, 20_000, {
      message: 'the overdue timer',
    });
    expect(fired.map((entry) => [entry.kind, entry.outcome])).toEqual([
      ['due_soon', 'claim_moved_on'],
      ['overdue', 'claim_moved_on'],
    ]);
    expect(await events(id, 'claim.due_soon')).toEqual([]);
    expect(await events(id, 'claim.overdue')).toEqual([]);
  });

  it('lets a reassignment supersede the old assignee’s timers', async () => {
    const dueAt = inMs(LEAD_MS + 1500);
    const id = await triagedClaim('reassigned', dueAt);
    await act(editor, id, 'assign', { assigneeId: checker.principal.id });
    const first = await openAssignment(id);
    // Wait until the first assignment's timers are set, so they really exist to be superseded.
    await waitFor(async () => (await worker.jobs.queue('review').getDelayedCount()) >= 2);
    await act(editor, id, 'assign', { assigneeId: otherChecker.principal.id });
    const second = await openAssignment(id);
    expect(second.id).not.toBe(first.id);

    await waitFor(() => firedFor(second.id, 'overdue').length > 0, 20_000, {
      message: 'the new overdue timer',
    });
    await waitFor(() => firedFor(first.id, 'overdue').length > 0, 20_000, {
      message: 'the old overdue timer',
    });
    expect(firedFor(first.id, 'due_soon').map((entry) => entry.outcome)).toEqual(['assignment_changed']);
    expect(firedFor(first.id, 'overdue').map((entry) => entry.outcome)).toEqual(['assignment_changed']);
    const timerEvents = [...(await events(id, 'claim.due_soon')), ...(await events(id, 'claim.overdue'))];
    expect(timerEvents.map((event) => [event.type, event.payload])).toEqual([
      ['claim.due_soon', { assignmentId: second.id, assigneeId: otherChecker.principal.id, dueAt }],
      ['claim.overdue', { assignmentId: second.id, assigneeId: otherChecker.principal.id, dueAt }],
    ]);
  });

  it('follows a changed due date: the old date’s timers do nothing, the new date’s fire', async () => {
    const firstDue = inMs(LEAD_MS + 2000);
    const id = await triagedClaim('due date moved', firstDue);
    await act(editor, id, 'assign', { assigneeId: checker.principal.id });
    const assignment = await openAssignment(id);
    await waitFor(async () => (await worker.jobs.queue('review').getDelayedCount()) >= 2);
    const newDue = inMs(LEAD_MS + 1000);
    const patched = await send(editor, 'PATCH', `/v1/claims/${id}`, { dueAt: newDue });
    expect(patched.statusCode).toBe(200);

    await waitFor(() => firedFor(assignment.id, 'overdue').length >= 2, 10_000, {
      message: 'both overdue timers',
    });
    const outcomes = (kind: ReviewTimerKind) =>
      firedFor(assignment.id, kind).map((entry) => [entry.payload.dueAt, entry.outcome]);
    expect(outcomes('overdue')).toEqual([
      [newDue, 'written'],
      [firstDue, 'due_date_changed'],
    ]);
    expect((await events(id, 'claim.overdue')).map((event) => event.payload.dueAt)).toEqual([newDue]);
  });

  it('sets no timers for a claim without a due date', async () => {
    const id = await triagedClaim('no due date', null);
    await act(editor, id, 'assign', { assigneeId: checker.principal.id });
    await worker.settled();
    await expect(worker.app.get(ReviewTimers).sync(id)).resolves.toBeNull();
    expect(fired).toEqual([]);
  });

  it('reads the timers of claims synced together in one statement, each claim its own', async () => {
    const [soon, later] = [inMs(3_600_000), inMs(7_200_000)];
    const [a, b, none] = await Promise.all([
      triagedClaim('synced together, a', soon),
      triagedClaim('synced together, b', later),
      triagedClaim('synced together, no due date', null),
    ]);
    for (const id of [a, b, none]) await act(editor, id, 'assign', { assigneeId: checker.principal.id });
    await worker.settled();
    const timers = worker.app.get(ReviewTimers);
    const statements = recordPreparedStatements(worker.dataSource);

    const [forA, forB, forNone] = await Promise.all([timers.sync(a), timers.sync(b), timers.sync(none)]);
    expect([forA?.assignmentId, forA?.dueAt, forB?.assignmentId, forB?.dueAt, forNone]).toEqual([
      (await openAssignment(a)).id,
      soon,
      (await openAssignment(b)).id,
      later,
      null,
    ]);
    // The worker's own jobs may sync other claims meanwhile: the reads that name these claims are one.
    const reads = statements
      .valuesOf('review-timed-assignments')
      .filter(([claimIds]) => (claimIds as string[]).includes(a));
    expect(reads.map(([claimIds]) => claimIds)).toEqual([[a, b, none]]);
  });

  describe('auto-assignment', () => {
    const tag = `elections-${run}`;
    let busy: TestSession; // one open assignment, two in all
    let idle: TestSession; // one open assignment, one in all
    let inactive: TestSession;
    let elsewhere: TestSession;
    let editorWithExpertise: TestSession;

    beforeAll(async () => {
      busy = await createUserSession(api, { expertise: [tag, 'health'] });
      idle = await createUserSession(api, { expertise: [tag] });
      inactive = await createUserSession(api, { expertise: [tag] });
      elsewhere = await createUserSession(api, { expertise: [`sports-${run}`] });
      editorWithExpertise = await createUserSession(api, { roles: ['editor'], expertise: [tag] });
      const admin = await createUserSession(api, { roles: ['admin'] });
      const deactivated = await send(admin, 'PATCH', `/v1/users/${inactive.principal.id}`, { active: false });
      expect(deactivated.statusCode).toBe(200);

      // Workload, given by hand to claims nobody's expertise matches.
      const one = await triagedClaim('busy work 1', null);
      await act(editor, one, 'assign', { assigneeId: busy.principal.id });
      const two = await triagedClaim('busy work 2, moved on', null);
      await act(editor, two, 'assign', { assigneeId: busy.principal.id });
      await act(editor, two, 'assign', { assigneeId: elsewhere.principal.id });
      const three = await triagedClaim('idle work', null);
      await act(editor, three, 'assign', { assigneeId: idle.principal.id });
      await worker.settled();
    });

    async function assignedEvent(claimId: string): Promise<DomainEvent> {
      const [event] = await waitFor(
        async () => {
          const found = await events(claimId, 'claim.assigned');
          return found.length ? found : undefined;
        },
        8000,
        { message: `claim.assigned on ${claimId}` },
      );
      return event;
    }

    it('gives a triaged claim to the matching fact-checker with the least open work, then the fewest in all', async () => {
      // busy and idle both have one open assignment; idle has fewer in all.
      const first = await triagedClaim('auto 1', null, [tag, 'misc']);
      const event = await assignedEvent(first);
      expect(event).toMatchObject({
        actorKind: null,
        actorId: null,
        payload: { assigneeId: idle.principal.id, previousAssigneeId: null, dueAt: null, auto: true },
      });
      const view = await send(editor, 'GET', `/v1/claims/${first}`);
      expect(view.data).toMatchObject({ status: 'assigned', assigneeId: idle.principal.id });
      const [assignment] = await worker.dataSource.query(
        `SELECT assignee_id, assigned_by_kind, assigned_by_id FROM assignments WHERE claim_id = $1`,
        [first],
      );
      expect(assignment).toEqual({
        assignee_id: idle.principal.id,
        assigned_by_kind: 'system',
        assigned_by_id: null,
      });

      // Now idle has two open, busy one: busy is next.
      const second = await triagedClaim('auto 2', null, [tag]);
      expect((await assignedEvent(second)).payload).toMatchObject({
        assigneeId: busy.principal.id,
        auto: true,
      });
      // Never the deactivated fact-checker, the one with other expertise, or the editor.
      for (const user of [inactive, elsewhere, editorWithExpertise]) {
        expect(user.principal.id).not.toBe(idle.principal.id);
      }
    });

    it('sets the due-date timers of an auto-assignment', async () => {
      const dueAt = inMs(LEAD_MS + 1000);
      const id = await triagedClaim('auto with a due date', dueAt, [tag]);
      const event = await assignedEvent(id);
      expect(event.payload).toMatchObject({ auto: true, dueAt });
      const [overdue] = await waitFor(
        async () => {
          const found = await events(id, 'claim.overdue');
          return found.length ? found : undefined;
        },
        8000,
        { message: 'claim.overdue' },
      );
      expect(overdue.payload).toMatchObject({ assignmentId: event.payload.assignmentId, dueAt });
    });

    it('leaves a claim nobody’s expertise matches (or without tags) in the unassigned queue', async () => {
      const unmatched = await triagedClaim('nobody knows this', null, [`obscure-${run}`]);
      const untagged = await triagedClaim('no tags at all', null, []);
      await worker.settled();
      for (const id of [unmatched, untagged]) {
        const view = await send(editor, 'GET', `/v1/claims/${id}`);
        expect(view.data).toMatchObject({ status: 'triaged', assigneeId: null });
        expect(await events(id, 'claim.assigned')).toEqual([]);
      }
    });

    it('skips a claim someone took before the job ran', async () => {
      const id = await triagedClaim('taken by hand', null, [`obscure-${run}`]);
      await act(editor, id, 'assign', { assigneeId: elsewhere.principal.id });
      await worker.settled();
      // A late or replayed auto-assignment of the (now assigned) claim changes nothing.
      await worker.dataSource.query(`UPDATE users SET expertise = $2 WHERE id = $1`, [
        checker.principal.id,
        [`obscure-${run}`],
      ]);
      await expect(worker.app.get(AutoAssigner).assign(id)).resolves.toBeNull();
      expect((await events(id, 'claim.assigned')).map((event) => event.payload.assigneeId)).toEqual([
        elsewhere.principal.id,
      ]);
    });
  });

  it('lets a running timer finish when the worker shuts down', async () => {
    const id = await triagedClaim('shutdown', inMs(60_000));
    await act(editor, id, 'assign', { assigneeId: checker.principal.id });
    await worker.settled();
    const assignment = await openAssignment(id);
    // A second worker on a queue prefix of its own, so it alone takes the job below.
    const second = await startTestWorker({ ...isolated.env, QUEUE_PREFIX: `${isolated.env.QUEUE_PREFIX}_2` });
    const timers = second.app.get(ReviewTimers);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let finished: ReviewTimerOutcome | undefined;
    const started = new Promise<void>((resolve) => {
      jest.spyOn(timers, 'fire').mockImplementation(async (kind, payload) => {
        resolve();
        await gate;
        finished = await ReviewTimers.prototype.fire.call(timers, kind, payload);
        return finished;
      });
    });
    const job = await second.jobs.add('review.overdue', {
      claimId: id,
      assignmentId: assignment.id,
      dueAt: new Date(0).toISOString(),
    });
    await started;
    // SIGTERM arrives while the job runs: close waits for it instead of abandoning it.
    const closing = second.close();
    release();
    await closing;
    expect(finished).toBe('due_date_changed');
    // Completed (and so removed), not left active to be redone as stalled.
    const queue = new Queue('review', {
      connection: { url: second.config.REDIS_URL },
      prefix: second.config.QUEUE_PREFIX,
    });
    try {
      expect(await queue.getJob(String(job.id))).toBeUndefined();
      expect(await queue.getJobCounts('active', 'waiting', 'failed')).toEqual({
        active: 0,
        waiting: 0,
        failed: 0,
      });
    } finally {
      await queue.close();
    }
  });
});
