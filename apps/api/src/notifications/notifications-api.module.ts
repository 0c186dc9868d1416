import { Module } from '@nestjs/common';
import { AuthModule } from '@claimdesk/auth';
import { NotificationsModule } from '@claimdesk/notifications';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { NotificationsController } from './notifications.controller';

@Module({
  imports: [NotificationsModule, AuthModule],
  controllers: [NotificationsController, NotificationPreferencesController],
})
export class NotificationsApiModule {}
