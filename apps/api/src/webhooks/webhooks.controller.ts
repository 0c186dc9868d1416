import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiProblemResponse,
  CurrentPrincipal,
  Idempotent,
  NoIdempotency,
  PageQuery,
  Principal,
  Roles,
  uuidParam,
} from '@claimdesk/platform';
import {
  CreatedWebhookView,
  CreateWebhookDto,
  DeliveryPage,
  DeliveryView,
  RotatedSecretView,
  UpdateWebhookDto,
  WebhookPage,
  WebhooksService,
  WebhookView,
} from '@claimdesk/webhooks';
import type { FastifyReply } from 'fastify';

const NOT_FOUND = 'No webhook with this id, or it belongs to another newsroom.';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('newsroom')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  // The answer carries the secret: it must not be stored for idempotent replays.
  @NoIdempotency()
  @ApiOperation({
    summary: 'Register an endpoint for signed event deliveries',
    description:
      'The `secret` (`whsec_…`) is in this response only. Deliveries follow the Standard Webhooks specification.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookView })
  async create(
    @Body() body: CreateWebhookDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedWebhookView> {
    const created = await this.webhooks.create(body, principal);
    void reply.header('location', `/v1/webhooks/${created.id}`);
    return created;
  }

  @Get()
  @ApiOperation({ summary: 'List endpoints, newest first (a newsroom sees its own; admins all)' })
  @ApiOkResponse({ type: WebhookPage })
  list(@Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<WebhookPage> {
    return this.webhooks.list(query, principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One endpoint (never its secret)' })
  @ApiOkResponse({ type: WebhookView })
  @ApiProblemResponse(404, NOT_FOUND)
  async get(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WebhookView> {
    return this.webhooks.get(id, principal);
  }

  @Patch(':id')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag from GET; 412 if it changed since.',
  })
  @ApiOperation({ summary: 'Change the URL, events, tag filter or description; pause or re-enable' })
  @ApiOkResponse({ type: WebhookView })
  @ApiProblemResponse(404, NOT_FOUND)
  @ApiProblemResponse(412, 'If-Match does not match the current version.')
  async update(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: UpdateWebhookDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<WebhookView> {
    return this.webhooks.update(id, body, principal, ifMatch);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an endpoint and its delivery log' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponse(404, NOT_FOUND)
  async remove(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.webhooks.remove(id, principal);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @NoIdempotency()
  @ApiOperation({
    summary: 'Issue a new secret',
    description: 'For 24 h deliveries carry signatures from both the old and the new secret.',
  })
  @ApiOkResponse({ type: RotatedSecretView })
  @ApiProblemResponse(404, NOT_FOUND)
  rotateSecret(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RotatedSecretView> {
    return this.webhooks.rotateSecret(id, principal);
  }

  @Post(':id/test')
  @Idempotent()
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a `webhook.test` event to the endpoint now' })
  @ApiAcceptedResponse({ type: DeliveryView, description: 'Queued; its attempts appear under deliveries.' })
  @ApiProblemResponse(404, NOT_FOUND)
  @ApiProblemResponse(409, 'The endpoint is disabled.')
  sendTest(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeliveryView> {
    return this.webhooks.sendTest(id, principal);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Deliveries to this endpoint, newest first, each with every attempt' })
  @ApiOkResponse({ type: DeliveryPage })
  @ApiProblemResponse(404, NOT_FOUND)
  deliveries(
    @Param('id', uuidParam('id')) id: string,
    @Query() query: PageQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeliveryPage> {
    return this.webhooks.deliveries(id, query, principal);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @Idempotent()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send one delivery again now',
    description: 'A delivered message is replayed with the same `webhook-id`, so receivers can de-duplicate.',
  })
  @ApiAcceptedResponse({ type: DeliveryView })
  @ApiProblemResponse(404, 'No such webhook or delivery.')
  @ApiProblemResponse(409, 'The endpoint is disabled.')
  retry(
    @Param('id', uuidParam('id')) id: string,
    @Param('deliveryId', uuidParam('deliveryId')) deliveryId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeliveryView> {
    return this.webhooks.retry(id, deliveryId, principal);
  }
}
