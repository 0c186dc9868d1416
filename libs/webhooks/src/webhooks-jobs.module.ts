import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClaimsModule } from '@claimdesk/claims';
import { EventsModule } from '@claimdesk/events';
import { MetricsModule } from '@claimdesk/platform';
import { WebhookDeliverHandler } from './jobs/webhook-deliver.handler';
import { WebhookDispatcher } from './jobs/webhook-dispatcher';
import { WebhookEventHandler } from './jobs/webhook-event.handler';
import { WebhookFanOut } from './jobs/webhook-fanout';
import { WebhookLostJobs } from './jobs/webhook-lost-jobs';
import { WebhookResults } from './jobs/webhook-results';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookMessage } from './webhook-message.entity';
import { Webhook } from './webhook.entity';

/** The worker's side: fan-out, delivery and the dispatcher that polls for due messages. Needs QueueModule. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Webhook, WebhookMessage, WebhookAttempt]),
    ClaimsModule,
    EventsModule,
    MetricsModule,
  ],
  providers: [
    WebhookDispatcher,
    WebhookResults,
    WebhookFanOut,
    WebhookEventHandler,
    WebhookDeliverHandler,
    WebhookLostJobs,
  ],
  exports: [WebhookDispatcher],
})
export class WebhooksJobsModule {}
