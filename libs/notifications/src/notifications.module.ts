import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@claimdesk/auth';
import { NotificationStreamService } from './live/notification-stream.service';
import { NotificationStreams } from './live/notification-streams.service';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

/** What the API needs: the list, read marks, settings and the live stream. */
@Module({
  imports: [TypeOrmModule.forFeature([Notification]), AuthModule],
  providers: [NotificationsService, NotificationStreams, NotificationStreamService],
  exports: [NotificationsService, NotificationStreamService],
})
export class NotificationsModule {}
