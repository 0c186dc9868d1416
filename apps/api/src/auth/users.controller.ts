import { Body, Controller, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateUserDto,
  ListUsersQuery,
  UpdateUserDto,
  UserPage,
  UsersService,
  UserView,
} from '@claimdesk/auth';
import {
  CurrentPrincipal,
  NoIdempotency,
  Page,
  Principal,
  Problem,
  Roles,
  uuidParam,
} from '@claimdesk/platform';

const userId = uuidParam('id');

@ApiTags('users')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @NoIdempotency()
  @ApiOperation({
    summary: 'Create a user',
    description: 'The handle for @mentions is derived from the e-mail address unless given.',
  })
  @ApiCreatedResponse({ type: UserView })
  @ApiConflictResponse({ type: Problem, description: 'The e-mail address or handle is taken.' })
  create(@Body() body: CreateUserDto, @CurrentPrincipal() principal: Principal): Promise<UserView> {
    return this.users.create(body, principal);
  }

  @Get()
  @Roles('editor')
  @ApiOperation({ summary: 'List users', description: 'Ordered by e-mail address.' })
  @ApiOkResponse({ type: UserPage })
  list(@Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(query);
  }

  @Get(':id')
  @Roles('editor')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({
    type: UserView,
    headers: { ETag: { description: 'The user’s version.', schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({ type: Problem })
  async get(@Param('id', userId) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Change a user',
    description:
      'Only the fields sent change. `active: false` disables the account at once; a new `password` ' +
      'also ends every token issued before it (401 on their next use). Role changes apply to ' +
      'existing tokens on their next request.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag last seen; 412 when stale.' })
  @ApiOkResponse({
    type: UserView,
    headers: { ETag: { description: 'The new version.', schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({ type: Problem })
  @ApiConflictResponse({
    type: Problem,
    description: 'The handle is taken, or the last active admin would go.',
  })
  @ApiPreconditionFailedResponse({
    type: Problem,
    description: 'If-Match does not match the current version.',
  })
  async update(
    @Param('id', userId) id: string,
    @Body() body: UpdateUserDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserView> {
    return this.users.update(id, body, ifMatch, principal);
  }
}
