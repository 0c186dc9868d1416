import { notifiesAbout } from '@claimdesk/notifications';
import type { EventJobName } from '@claimdesk/platform';
import { reviewActsOn } from '@claimdesk/review';
import { isWebhookEventType } from '@claimdesk/webhooks';

/**
 * Who hears about which domain events: the one place that maps an event type to the jobs the
 * relay enqueues for it. A new consumer of events adds its row here, with its job and handler.
 */
export const OUTBOX_SUBSCRIBERS: ReadonlyArray<{
  job: EventJobName;
  accepts: (eventType: string) => boolean;
}> = [
  // Review auto-assigns triaged claims and keeps due-date timers in step with assignments and due dates.
  { job: 'review.event', accepts: reviewActsOn },
  // Notifications tell the people concerned (assignee, submitter, mentioned users, editors, webhook owners).
  { job: 'notifications.event', accepts: notifiesAbout },
  // Webhooks fan the events newsrooms may subscribe to out to their endpoints.
  { job: 'webhooks.event', accepts: isWebhookEventType },
];

/** The jobs to enqueue for one event, in subscriber order; empty when nobody listens. */
export function jobsForEvent(eventType: string): EventJobName[] {
  return OUTBOX_SUBSCRIBERS.filter((subscriber) => subscriber.accepts(eventType)).map(
    (subscriber) => subscriber.job,
  );
}
