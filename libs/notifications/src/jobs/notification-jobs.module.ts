import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@claimdesk/auth';
import { ClaimsModule } from '@claimdesk/claims';
import { EventsModule } from '@claimdesk/events';
import { NotificationPublisher } from '../live/notification-publisher';
import { Mailer } from '../mail/mailer';
import { Notification } from '../notification.entity';
import { DigestScheduler } from './digest-scheduler.service';
import { NotificationDelivery } from './notification-delivery.service';
import { NotificationJobsHandler } from './notification-jobs.handler';
import { NotificationMailSweep } from './notification-mail-sweep';

/** Notification job handlers and the digest schedule; imported by the worker. */
@Module({
  imports: [TypeOrmModule.forFeature([Notification]), EventsModule, ClaimsModule, AuthModule],
  providers: [
    NotificationDelivery,
    NotificationJobsHandler,
    NotificationPublisher,
    Mailer,
    DigestScheduler,
    NotificationMailSweep,
  ],
  exports: [NotificationDelivery],
})
export class NotificationJobsModule {}
