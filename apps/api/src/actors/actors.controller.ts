import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ActorDetailView,
  ActorPage,
  ActorsService,
  ActorView,
  CreateActorDto,
  ListActorsQuery,
} from '@claimdesk/actors';
import {
  ApiProblemResponse,
  CLAIM_READERS,
  DESK_STAFF,
  Idempotent,
  Page,
  Roles,
  uuidParam,
} from '@claimdesk/platform';

@ApiTags('actors')
@ApiBearerAuth()
@Controller('v1/actors')
export class ActorsController {
  constructor(private readonly actors: ActorsService) {}

  @Post()
  @Idempotent()
  @Roles(...DESK_STAFF)
  @ApiOperation({
    summary: 'Record an actor: a person, government, organisation, outlet or group',
    description:
      'Always creates a new actor, since two people may share a name. Stances that describe an actor inline reuse one whose name or alias matches instead.',
  })
  @ApiCreatedResponse({ type: ActorView })
  create(@Body() body: CreateActorDto): Promise<ActorView> {
    return this.actors.create(body);
  }

  @Get()
  @Roles(...CLAIM_READERS)
  @ApiOperation({ summary: 'List actors by name; `q` searches names and aliases, ignoring case and accents' })
  @ApiOkResponse({ type: ActorPage })
  list(@Query() query: ListActorsQuery): Promise<Page<ActorView>> {
    return this.actors.list(query);
  }

  @Get(':id')
  @Roles(...CLAIM_READERS)
  @ApiOperation({ summary: 'An actor with the claims they asserted, repeated, supported or rejected' })
  @ApiOkResponse({ type: ActorDetailView })
  @ApiProblemResponse(404, 'No actor has this id.')
  get(@Param('id', uuidParam('id')) id: string): Promise<ActorDetailView> {
    return this.actors.get(id);
  }
}
