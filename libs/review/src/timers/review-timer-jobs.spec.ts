import { jobId, jobOptions, ReviewTimerPayload } from '@claimdesk/platform';
import { Job, JobsOptions, Queue } from 'bullmq';

/** Runs BullMQ's own option validation (no Redis needed); throws for options it would reject. */
function validateWithBullmq(name: string, options: JobsOptions): void {
  const queue = { opts: {}, qualifiedName: 'q', toKey: (key: string) => key, keys: {} } as unknown as Queue;
  const job = new Job(queue, name, {}, options) as unknown as {
    validateOptions(data: { data: string }): void;
  };
  job.validateOptions({ data: '{}' });
}

describe('review timer jobs', () => {
  const timer: ReviewTimerPayload = {
    claimId: '0c3c1e0e-5a55-4c5e-9d8e-0d7e8f1a2b3c',
    assignmentId: 'f2b0e7a4-2d7c-4a8e-b8f6-3e9a1c5d7e20',
    dueAt: '2026-12-01T09:30:00.000Z',
  };

  it('derives the id from the assignment and the due date, not the claim', () => {
    expect(jobId('review.overdue', timer)).toBe(
      `review.overdue-${timer.assignmentId}.${Date.parse(timer.dueAt)}`,
    );
    expect(jobId('review.overdue', { ...timer, claimId: 'other' })).toBe(jobId('review.overdue', timer));
    // Another way of writing the same instant is the same timer.
    expect(jobId('review.overdue', { ...timer, dueAt: '2026-12-01T10:30:00+01:00' })).toBe(
      jobId('review.overdue', timer),
    );
    expect(jobId('review.overdue', { ...timer, dueAt: '2026-12-02T09:30:00.000Z' })).not.toBe(
      jobId('review.overdue', timer),
    );
    expect(
      jobId('review.overdue', { ...timer, assignmentId: 'a1b2c3d4-0000-4000-8000-000000000000' }),
    ).not.toBe(jobId('review.overdue', timer));
    expect(jobId('review.due_soon', timer)).not.toBe(jobId('review.overdue', timer));
  });

  it('refuses a due date that is not a date', () => {
    expect(() => jobId('review.overdue', { ...timer, dueAt: 'soon' })).toThrow(/not a date/);
  });

  it('delays until runAt, or runs at once when runAt has passed', () => {
    const now = Date.now();
    const later = jobOptions('review.due_soon', timer, new Date(now + 60_000));
    expect(later.delay).toBeGreaterThan(59_000);
    expect(later.delay).toBeLessThanOrEqual(60_000);
    expect(jobOptions('review.due_soon', timer, new Date(now - 60_000)).delay).toBe(0);
    expect(jobOptions('review.event', { eventId: '1' })).not.toHaveProperty('delay');
    expect(() => validateWithBullmq('review.due_soon', later)).not.toThrow();
  });

  it('retries timers with backoff and forgets them once done, so the same timer can be set again', () => {
    const options = jobOptions('review.overdue', timer, new Date());
    expect(options.attempts).toBeGreaterThan(1);
    expect(options.backoff).toEqual({ type: 'exponential', delay: expect.any(Number) });
    expect(options.removeOnComplete).toBe(true);
    expect(options.removeOnFail).toMatchObject({ age: expect.any(Number), count: expect.any(Number) });
    // Event jobs keep their ids for a day: that is what dedupes an outbox replay.
    expect(jobOptions('review.event', { eventId: '1' }).removeOnComplete).toMatchObject({ age: 86_400 });
  });
});
