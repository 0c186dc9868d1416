import {
  applyDecorators,
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
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ClaimPage,
  ClaimsService,
  ClaimView,
  CreateClaimDto,
  CreatedClaimView,
  CreateEvidenceDto,
  CreateStanceDto,
  EvidenceView,
  HistoryPage,
  ListClaimsQuery,
  RemovalQuery,
  SimilarClaimsQuery,
  SimilarClaimView,
  StanceView,
  UpdateClaimDto,
} from '@claimdesk/claims';
import {
  ApiProblemResponse,
  CLAIM_READERS,
  CurrentPrincipal,
  DESK_STAFF,
  Idempotent,
  PageQuery,
  Principal,
  Roles,
  uuidParam,
} from '@claimdesk/platform';
import { describeEditRules } from '@claimdesk/workflow';
import type { FastifyReply } from 'fastify';

/** The edit rules of the workflow table, on every route that edits a claim. */
const EditRoute = (summary: string, conflict = '') =>
  applyDecorators(
    ApiOperation({ summary, description: describeEditRules() }),
    ApiProblemResponse(
      403,
      'The caller may not make this edit now (not the submitter or assignee the status calls for, or not desk staff). Carries `claimStatus`, `allowedActions`, `allowedEdits`.',
    ),
    ApiProblemResponse(
      409,
      `The claim’s status forbids this edit; \`openedBy\` names the actions that would open it. Carries \`claimStatus\`, \`allowedActions\`, \`allowedEdits\`.${conflict}`,
    ),
  );

const IfMatch = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The ETag from GET /v1/claims/:id; the write is refused with 412 if the claim changed since.',
  });

@ApiTags('claims')
@ApiBearerAuth()
@Controller('v1/claims')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Post()
  @Idempotent()
  @Roles(...DESK_STAFF)
  @ApiOperation({ summary: 'Submit a claim with its source and who asserted or rejected it' })
  @ApiCreatedResponse({
    type: CreatedClaimView,
    description: 'The claim, plus existing claims that look like it.',
  })
  async create(
    @Body() body: CreateClaimDto,
    @CurrentPrincipal() principal: Principal | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedClaimView> {
    const claim = await this.claims.create(body, principal);
    void reply.header('location', `/v1/claims/${claim.id}`);
    return claim;
  }

  @Get()
  @Roles(...CLAIM_READERS)
  @ApiOperation({ summary: 'List claims, newest first, with filters and full-text search' })
  @ApiOkResponse({ type: ClaimPage })
  list(
    @Query() query: ListClaimsQuery,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<ClaimPage> {
    return this.claims.list(query, principal);
  }

  // Declared before ':id' so "similar" is not taken for an id.
  @Get('similar')
  @Roles(...CLAIM_READERS)
  @ApiOperation({ summary: 'Existing claims whose text looks like `text` (possible duplicates)' })
  @ApiOkResponse({ type: [SimilarClaimView] })
  similar(@Query() query: SimilarClaimsQuery): Promise<SimilarClaimView[]> {
    return this.claims.similar(query.text);
  }

  @Get(':id')
  @Roles(...CLAIM_READERS)
  @ApiOperation({ summary: 'A claim with its stances, evidence, source and workflow state' })
  @ApiOkResponse({
    type: ClaimView,
    headers: { ETag: { description: 'The claim’s version', schema: { type: 'string' } } },
  })
  @ApiProblemResponse(404, 'No claim has this id.')
  async get(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<ClaimView> {
    return this.claims.get(id, principal);
  }

  @Patch(':id')
  @Roles(...DESK_STAFF)
  @IfMatch()
  @EditRoute('Change a claim’s text, summary, tags, priority, due date or evidence status')
  @ApiOkResponse({ type: ClaimView })
  @ApiProblemResponse(404, 'No claim has this id.')
  @ApiProblemResponse(412, 'If-Match does not match the claim’s current version.')
  async update(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: UpdateClaimDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<ClaimView> {
    return this.claims.update(id, body, ifMatch, principal);
  }

  @Get(':id/history')
  @Roles(...CLAIM_READERS)
  @ApiOperation({
    summary: 'Every change to the claim, who made it and when, oldest first',
    description:
      'Newsroom keys get the public events only, without verdict drafts, comments, notes or desk user ids; `claim.published` carries the published version.',
  })
  @ApiOkResponse({ type: HistoryPage })
  @ApiProblemResponse(404, 'No claim has this id.')
  history(
    @Param('id', uuidParam('id')) id: string,
    @Query() query: PageQuery,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<HistoryPage> {
    return this.claims.history(id, query, principal);
  }

  @Post(':id/stances')
  @Idempotent()
  @Roles(...DESK_STAFF)
  @IfMatch()
  @EditRoute(
    'Record that an actor asserted, repeated, supported or rejected the claim',
    ' Also when the claim already has this actor’s stance of this type: `existingStanceId` names it.',
  )
  @ApiCreatedResponse({ type: StanceView })
  @ApiProblemResponse(404, 'No claim has this id.')
  @ApiProblemResponse(412, 'If-Match does not match the claim’s current version.')
  addStance(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateStanceDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<StanceView> {
    return this.claims.addStance(id, body, ifMatch, principal);
  }

  @Delete(':id/stances/:stanceId')
  @HttpCode(204)
  @Roles(...DESK_STAFF)
  @IfMatch()
  @EditRoute('Remove a stance (the history keeps it, with who removed it and why)')
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblemResponse(404, 'No claim has this id, or the claim has no stance with this id.')
  @ApiProblemResponse(412, 'If-Match does not match the claim’s current version.')
  async removeStance(
    @Param('id', uuidParam('id')) id: string,
    @Param('stanceId', uuidParam('stanceId')) stanceId: string,
    @Query() query: RemovalQuery,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<void> {
    await this.claims.removeStance(id, stanceId, ifMatch, principal, query.reason);
  }

  @Post(':id/evidence')
  @Idempotent()
  @Roles(...DESK_STAFF)
  @IfMatch()
  @EditRoute('Attach evidence that supports, refutes or gives context to the claim')
  @ApiCreatedResponse({ type: EvidenceView })
  @ApiProblemResponse(404, 'No claim has this id.')
  @ApiProblemResponse(412, 'If-Match does not match the claim’s current version.')
  addEvidence(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateEvidenceDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<EvidenceView> {
    return this.claims.addEvidence(id, body, ifMatch, principal);
  }

  @Delete(':id/evidence/:evidenceId')
  @HttpCode(204)
  @Roles(...DESK_STAFF)
  @IfMatch()
  @EditRoute('Remove a piece of evidence (the history keeps it, with who removed it and why)')
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblemResponse(404, 'No claim has this id, or the claim has no evidence with this id.')
  @ApiProblemResponse(412, 'If-Match does not match the claim’s current version.')
  async removeEvidence(
    @Param('id', uuidParam('id')) id: string,
    @Param('evidenceId', uuidParam('evidenceId')) evidenceId: string,
    @Query() query: RemovalQuery,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<void> {
    await this.claims.removeEvidence(id, evidenceId, ifMatch, principal, query.reason);
  }
}
