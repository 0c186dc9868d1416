import { Body, Controller, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  NotificationPreferencesDto,
  NotificationPreferencesView,
  NotificationsService,
} from '@claimdesk/notifications';
import { CurrentPrincipal, DESK_STAFF, Principal, Roles } from '@claimdesk/platform';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly notifications: NotificationsService) {}

  @Put()
  @Roles(...DESK_STAFF)
  @ApiOperation({
    summary: 'Choose how notifications reach the caller by e-mail',
    description:
      'Replaces the settings. `email` turns mail on (it needs SMTP configured on the server); `mode` picks one mail per notification or a daily digest; `mute` lists types never mailed (they still appear in the list and the stream).',
  })
  @ApiOkResponse({ type: NotificationPreferencesView })
  update(
    @CurrentPrincipal() principal: Principal,
    @Body() body: NotificationPreferencesDto,
  ): Promise<NotificationPreferencesView> {
    return this.notifications.setPreferences(principal.id, body);
  }
}
