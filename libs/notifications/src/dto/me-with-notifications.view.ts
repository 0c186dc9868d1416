import { ApiPropertyOptional } from '@nestjs/swagger';
import { MeView } from '@claimdesk/auth';

/** `GET /v1/me` for a signed-in user also tells how many notifications wait unread. */
export class MeWithNotificationsView extends MeView {
  @ApiPropertyOptional({ description: 'Unread notifications (users only).', example: 3 })
  unreadNotifications?: number;
}
