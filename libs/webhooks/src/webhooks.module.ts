import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookMessage } from './webhook-message.entity';
import { Webhook } from './webhook.entity';
import { WebhooksService } from './webhooks.service';

/** Managing endpoints and reading their delivery log; imported by the API. */
@Module({
  imports: [TypeOrmModule.forFeature([Webhook, WebhookMessage, WebhookAttempt])],
  providers: [WebhooksService],
  exports: [WebhooksService],
})
export class WebhooksModule {}
