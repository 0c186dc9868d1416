import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiKeyPage, ApiKeysService, ApiKeyView, CreateApiKeyDto, IssuedApiKey } from '@claimdesk/auth';
import {
  CurrentPrincipal,
  NoIdempotency,
  Page,
  PageQuery,
  Principal,
  Problem,
  Roles,
  uuidParam,
} from '@claimdesk/platform';

@ApiTags('api-keys')
@Roles('admin')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @NoIdempotency()
  @ApiOperation({
    summary: 'Issue a newsroom API key',
    description: 'The key (`ck_…`) is in this response only; the server keeps its SHA-256.',
  })
  @ApiCreatedResponse({ type: IssuedApiKey })
  issue(@Body() body: CreateApiKeyDto, @CurrentPrincipal() principal: Principal): Promise<IssuedApiKey> {
    return this.apiKeys.issue(body, principal);
  }

  @Get()
  @ApiOperation({
    summary: 'List API keys',
    description: 'Newest first, revoked ones included; never the keys.',
  })
  @ApiOkResponse({ type: ApiKeyPage })
  list(@Query() query: PageQuery): Promise<Page<ApiKeyView>> {
    return this.apiKeys.list(query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key', description: 'Requests with it get 401 from now on.' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked).' })
  @ApiNotFoundResponse({ type: Problem })
  async revoke(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.apiKeys.revoke(id, principal);
  }
}
