import { Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AcceptsStreamToken, AuthService, STREAM_TOKEN_TTL_SECONDS } from '@claimdesk/auth';
import {
  ListNotificationsQuery,
  NotificationPage,
  NotificationsService,
  NotificationStreamService,
  NotificationView,
  ReadAllResult,
  StreamQuery,
  StreamTokenView,
} from '@claimdesk/notifications';
import {
  ApiProblemResponse,
  CurrentPrincipal,
  DESK_STAFF,
  Idempotent,
  NoIdempotency,
  Page,
  Principal,
  Roles,
  uuidParam,
} from '@claimdesk/platform';
import type { FastifyReply } from 'fastify';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/notifications')
@Roles(...DESK_STAFF)
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly streams: NotificationStreamService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s notifications, newest first; `unread=true` for unread ones only' })
  @ApiOkResponse({ type: NotificationPage })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListNotificationsQuery,
  ): Promise<Page<NotificationView>> {
    return this.notifications.list(principal.id, query);
  }

  @Post('read-all')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all the caller’s notifications read' })
  @ApiOkResponse({ type: ReadAllResult })
  readAll(@CurrentPrincipal() principal: Principal): Promise<ReadAllResult> {
    return this.notifications.markAllRead(principal.id);
  }

  @Post('stream-token')
  @HttpCode(200)
  @NoIdempotency()
  @ApiOperation({
    summary: 'A short-lived token to open the live stream from a browser',
    description:
      'EventSource cannot send an Authorization header: pass this token as `?token=` to GET /v1/notifications/stream. It opens that stream only, for 60 seconds; an open stream stays open.',
  })
  @ApiOkResponse({ type: StreamTokenView })
  async streamToken(@CurrentPrincipal() principal: Principal): Promise<StreamTokenView> {
    return { token: await this.auth.issueStreamToken(principal), expiresIn: STREAM_TOKEN_TTL_SECONDS };
  }

  @Get('stream')
  @AcceptsStreamToken()
  @ApiOperation({
    summary: 'New notifications, live (Server-Sent Events)',
    description:
      'One event per new notification: `id:` orders them, `data:` is the notification as the list shows it. A comment line is sent as a heartbeat every 15 s. Reconnect with `Last-Event-ID` to receive what was missed. Authenticate with the Authorization header, or with `?token=` from POST /v1/notifications/stream-token.',
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The id of the last event received; what came after it is sent first.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An endless text/event-stream.',
    content: { 'text/event-stream': { schema: { type: 'string', example: 'id: 42\ndata: {"id":"…"}\n\n' } } },
  })
  @ApiProblemResponse(503, 'Live delivery is unavailable for the moment (Redis).')
  async stream(
    @CurrentPrincipal() principal: Principal,
    @Query() _query: StreamQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.streams.open(principal.id, reply, lastEventId);
  }

  @Post(':id/read')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of the caller’s notifications read' })
  @ApiOkResponse({ type: NotificationView })
  @ApiProblemResponse(404, 'The caller has no notification with this id.')
  read(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<NotificationView> {
    return this.notifications.markRead(principal.id, id);
  }
}
