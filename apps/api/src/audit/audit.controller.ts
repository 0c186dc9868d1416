import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditEventPage, AuditEventsQuery, AuditEventView, EventsService } from '@claimdesk/events';
import { Page, Problem, Roles } from '@claimdesk/platform';

@ApiTags('audit')
@Roles('admin')
@Controller('v1/audit-events')
export class AuditController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({
    summary: 'Changes to accounts: users and API keys',
    description:
      'Who created or changed which user (roles, activity, a password change — never the password) ' +
      'and who issued or revoked which API key (never the key), newest first. Claim changes are in ' +
      '`GET /v1/claims/{id}/history`.',
  })
  @ApiOkResponse({ type: AuditEventPage })
  @ApiBadRequestResponse({ type: Problem, description: 'Unknown type, bad limit or a foreign cursor.' })
  list(@Query() query: AuditEventsQuery): Promise<Page<AuditEventView>> {
    return this.events.accountEvents(query);
  }
}
