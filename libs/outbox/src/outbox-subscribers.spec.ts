import { EVENT_TYPES } from '@claimdesk/events';
import { JOB_NAMES } from '@claimdesk/platform';
import { jobsForEvent, OUTBOX_SUBSCRIBERS } from './outbox-subscribers';

describe('outbox subscribers', () => {
  it('sends every claim event to review', () => {
    for (const type of EVENT_TYPES.filter((type) => type.startsWith('claim.'))) {
      expect(jobsForEvent(type)).toContain('review.event');
    }
  });

  it('enqueues nothing for events nobody subscribes to', () => {
    expect(jobsForEvent('webhook.test')).toEqual([]);
    expect(jobsForEvent('claimed.something')).toEqual([]);
  });

  it('only names registered jobs, each once', () => {
    const jobs = OUTBOX_SUBSCRIBERS.map((subscriber) => subscriber.job);
    expect(new Set(jobs).size).toBe(jobs.length);
    for (const job of jobs) expect(JOB_NAMES).toContain(job);
  });
});
