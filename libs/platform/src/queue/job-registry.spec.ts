import { Job, JobsOptions, Queue } from 'bullmq';
import { JOB_DEFINITIONS, jobId, JOB_NAMES, jobOptions, QUEUE_NAMES } from './job-registry';

/** Runs BullMQ's own job option validation (no Redis needed); throws for options it would reject. */
function validateWithBullmq(name: string, options: JobsOptions): void {
  const queue = { opts: {}, qualifiedName: 'q', toKey: (key: string) => key, keys: {} } as unknown as Queue;
  const job = new Job(queue, name, {}, options) as unknown as {
    validateOptions(data: { data: string }): void;
  };
  job.validateOptions({ data: '{}' });
}

describe('job registry', () => {
  it('derives event job ids from the event id, deterministically', () => {
    expect(jobId('review.event', { eventId: '42' })).toBe('review.event-42');
    expect(jobOptions('review.event', { eventId: '42' })).toEqual(
      jobOptions('review.event', { eventId: '42' }),
    );
    expect(jobId('review.event', { eventId: '42' })).not.toBe(jobId('review.event', { eventId: '420' }));
  });

  it('gives every job retries with exponential backoff', () => {
    for (const name of JOB_NAMES) {
      expect(JOB_DEFINITIONS[name].attempts).toBeGreaterThan(1);
      expect(JOB_DEFINITIONS[name].backoffMs).toBeGreaterThan(0);
      expect(QUEUE_NAMES).toContain(JOB_DEFINITIONS[name].queue);
    }
    const options = jobOptions('review.event', { eventId: '1' });
    expect(options.attempts).toBe(JOB_DEFINITIONS['review.event'].attempts);
    expect(options.backoff).toEqual({
      type: 'exponential',
      delay: JOB_DEFINITIONS['review.event'].backoffMs,
    });
  });

  it('bounds how many finished jobs Redis keeps', () => {
    const options = jobOptions('review.event', { eventId: '1' });
    expect(options.removeOnComplete).toMatchObject({ age: expect.any(Number), count: expect.any(Number) });
    expect(options.removeOnFail).toMatchObject({ age: expect.any(Number), count: expect.any(Number) });
  });

  it.each(['1', '9007199254740993', '00012'])('makes ids BullMQ accepts for event id %s', (eventId) => {
    const id = jobId('review.event', { eventId });
    expect(id).not.toContain(':');
    expect(`${parseInt(id, 10)}`).not.toBe(id);
    expect(() => validateWithBullmq('review.event', jobOptions('review.event', { eventId }))).not.toThrow();
  });

  it('refuses keys that could break the id', () => {
    for (const eventId of ['a:b', '', 'a b', 'x/../y', 'é']) {
      expect(() => jobId('review.event', { eventId })).toThrow(/Unsafe job key/);
    }
  });

  it('catches BullMQ rejecting an unsafe id (so the test above can fail)', () => {
    expect(() => validateWithBullmq('review.event', { jobId: 'review.event:42' })).toThrow(
      /cannot contain :/,
    );
    expect(() => validateWithBullmq('review.event', { jobId: '42' })).toThrow(/cannot be integers/);
  });
});
