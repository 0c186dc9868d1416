import { Injectable } from '@nestjs/common';
import { EventJobPayload, OnJob } from '@claimdesk/platform';
import { WebhookFanOut } from './webhook-fanout';

interface Pass {
  eventIds: Set<string>;
  /** Resolves to the failures of the pass by event id (none when it committed). */
  done: Promise<Map<string, unknown>>;
}

/**
 * `webhooks.event`: fans one relayed domain event out to its endpoints (webhook-fanout.ts), in a
 * pass shared with the other events whose jobs arrive meanwhile. This process runs one pass at a
 * time; the jobs that arrive while it runs wait for the next one, which takes all of their events
 * at once, so a burst costs a few statements per pass rather than several per event. A job
 * completes once the pass that took its event has committed.
 *
 * A pass that fails is run again one event at a time, so one event that cannot be fanned out
 * fails only its own job (which BullMQ retries) and not those that shared the pass.
 */
@Injectable()
export class WebhookEventHandler {
  private next?: Pass;
  private previous: Promise<unknown> = Promise.resolve();

  constructor(private readonly fanOut: WebhookFanOut) {}

  @OnJob('webhooks.event')
  async handle(payload: EventJobPayload): Promise<void> {
    const pass = this.nextPass();
    pass.eventIds.add(payload.eventId);
    const failures = await pass.done;
    if (failures.has(payload.eventId)) throw failures.get(payload.eventId);
  }

  /** The pass that has not started yet, to join; it starts when the running one ends. */
  private nextPass(): Pass {
    if (this.next) return this.next;
    const eventIds = new Set<string>();
    const done = this.previous.then(() => {
      this.next = undefined;
      return this.run([...eventIds]);
    });
    this.next = { eventIds, done };
    this.previous = done;
    return this.next;
  }

  private async run(eventIds: readonly string[]): Promise<Map<string, unknown>> {
    const failures = new Map<string, unknown>();
    try {
      await this.fanOut.run(eventIds);
    } catch (error) {
      if (eventIds.length === 1) failures.set(eventIds[0], error);
      else
        for (const id of eventIds)
          for (const [failed, why] of await this.run([id])) failures.set(failed, why);
    }
    return failures;
  }
}
