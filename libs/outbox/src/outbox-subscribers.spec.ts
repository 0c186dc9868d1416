import { ACCOUNT_EVENT_TYPES, EVENT_TYPES } from '@claimdesk/events';
import { JOB_NAMES } from '@claimdesk/platform';
import { reviewActsOn } from '@claimdesk/review';
import { jobsForEvent, OUTBOX_SUBSCRIBERS } from './outbox-subscribers';

describe('outbox subscribers', () => {
  it('sends review the claim events it acts on, and no others', () => {
    const toReview = EVENT_TYPES.filter((type) => jobsForEvent(type).includes('review.event'));
    expect(toReview).toEqual(EVENT_TYPES.filter(reviewActsOn));
    expect(toReview).toEqual(expect.arrayContaining(['claim.triaged', 'claim.assigned', 'claim.updated']));
    expect(toReview).not.toContain('claim.created');
    expect(toReview).not.toContain('claim.published');
  });

  it('enqueues nothing for events nobody subscribes to', () => {
    expect(jobsForEvent('webhook.test')).toEqual([]);
    expect(jobsForEvent('claimed.something')).toEqual([]);
  });

  it('enqueues nothing for account audit events (they have no claim to review, notify or deliver)', () => {
    expect(ACCOUNT_EVENT_TYPES.length).toBeGreaterThan(0);
    for (const type of ACCOUNT_EVENT_TYPES)
      expect({ type, jobs: jobsForEvent(type) }).toEqual({ type, jobs: [] });
  });

  it('only names registered jobs, each once', () => {
    const jobs = OUTBOX_SUBSCRIBERS.map((subscriber) => subscriber.job);
    expect(new Set(jobs).size).toBe(jobs.length);
    for (const job of jobs) expect(JOB_NAMES).toContain(job);
  });
});
