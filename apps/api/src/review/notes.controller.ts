import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiProblemResponse,
  CurrentPrincipal,
  DESK_STAFF,
  Idempotent,
  PageQuery,
  Principal,
  Roles,
  uuidParam,
} from '@claimdesk/platform';
import { CreateNoteDto, NotePage, NotesService, NoteView } from '@claimdesk/review';

@ApiTags('notes')
@ApiBearerAuth()
@Controller('v1/claims/:id/notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Post()
  @Idempotent()
  @Roles(...DESK_STAFF)
  @ApiOperation({
    summary: 'Add a note to a claim',
    description:
      '`@handle` or `@local-part-of-email` mentions an active member of the desk (not the author); ' +
      'addresses such as ana@desk.org and `@@` are not mentions, unknown names are ignored. ' +
      'The `claim.note_added` event lists the mentioned user ids.',
  })
  @ApiCreatedResponse({ type: NoteView })
  @ApiProblemResponse(404, 'No claim has this id.')
  create(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateNoteDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NoteView> {
    return this.notes.create(id, body, principal);
  }

  @Get()
  @Roles(...DESK_STAFF)
  @ApiOperation({ summary: 'A claim’s notes, oldest first' })
  @ApiOkResponse({ type: NotePage })
  @ApiProblemResponse(404, 'No claim has this id.')
  list(@Param('id', uuidParam('id')) id: string, @Query() query: PageQuery): Promise<NotePage> {
    return this.notes.list(id, query);
  }
}
