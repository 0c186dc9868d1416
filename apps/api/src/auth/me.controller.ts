import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService } from '@claimdesk/auth';
import { MeWithNotificationsView, NotificationsService } from '@claimdesk/notifications';
import { CurrentPrincipal, Principal } from '@claimdesk/platform';

@ApiTags('auth')
@Controller('v1/me')
export class MeController {
  constructor(
    private readonly auth: AuthService,
    private readonly notifications: NotificationsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The caller',
    description: 'A signed-in user with their account and settings, or a newsroom API key with its details.',
  })
  @ApiOkResponse({ type: MeWithNotificationsView })
  async me(@CurrentPrincipal() principal: Principal): Promise<MeWithNotificationsView> {
    const me = await this.auth.me(principal);
    if (principal.kind !== 'user') return me;
    return { ...me, unreadNotifications: await this.notifications.unreadCount(principal.id) };
  }
}
