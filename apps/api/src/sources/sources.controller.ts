import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreatedClaimView } from '@claimdesk/claims';
import {
  AcceptCandidateDto,
  CandidateView,
  IngestionService,
  IngestResultView,
  IngestSourceDto,
  SourceDetailView,
} from '@claimdesk/ingestion';
import {
  ApiProblemResponse,
  CurrentPrincipal,
  DESK_STAFF,
  Idempotent,
  Principal,
  Roles,
  uuidParam,
} from '@claimdesk/platform';
import type { FastifyReply } from 'fastify';

@ApiTags('sources')
@ApiBearerAuth()
@Controller('v1/sources')
export class SourcesController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post('ingest')
  @Idempotent()
  @Roles(...DESK_STAFF)
  @ApiOperation({
    summary: 'Ingest an article and propose the claims in it, who made, repeated, supported or rejected each',
    description:
      'The source is shared by normalised URL. Each candidate is a claim (the proposition without its reporting frame) with every sentence that mentions it and its actors with their stance; check-worthiness comes from named features that are returned with it. A claim already proposed for this source is returned as it stands, not proposed twice; one rejected before is not proposed again. English only: other languages are refused with 422.',
  })
  @ApiCreatedResponse({ type: IngestResultView })
  @ApiProblemResponse(400, 'Invalid body, unknown field, or text longer than 200 000 characters.')
  @ApiProblemResponse(
    422,
    'The text (or its declared `language`) is not English; the problem names `supportedLanguages` and `detectedLanguage`.',
  )
  ingest(
    @Body() body: IngestSourceDto,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<IngestResultView> {
    return this.ingestion.ingest(body, principal);
  }

  @Get(':id')
  @Roles(...DESK_STAFF)
  @ApiOperation({ summary: 'A source with the claims found in it and its open candidates' })
  @ApiOkResponse({ type: SourceDetailView })
  @ApiProblemResponse(404, 'No source has this id.')
  get(@Param('id', uuidParam('id')) id: string): Promise<SourceDetailView> {
    return this.ingestion.get(id);
  }

  @Post(':id/candidates/:candidateId/accept')
  @Idempotent()
  @Roles(...DESK_STAFF)
  @ApiOperation({
    summary: 'Turn a candidate into a claim with this source and the candidate’s (or the given) stances',
    description:
      'Takes the candidate’s own `actors` back, edited or not, or stances as POST /v1/claims takes them. The claim, the actors it needs and the stances (quoted from their sentences, with the source URL) are created in one transaction; nothing is created for actors left out.',
  })
  @ApiCreatedResponse({
    type: CreatedClaimView,
    description: 'The new claim as GET /v1/claims/:id shows it.',
  })
  @ApiProblemResponse(404, 'No such source, or no such candidate of this source.')
  @ApiProblemResponse(409, 'The candidate was already accepted or rejected.')
  async accept(
    @Param('id', uuidParam('id')) id: string,
    @Param('candidateId', uuidParam('candidateId')) candidateId: string,
    @Body() body: AcceptCandidateDto,
    @CurrentPrincipal() principal: Principal | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedClaimView> {
    const claim = await this.ingestion.accept(id, candidateId, body, principal);
    void reply.header('location', `/v1/claims/${claim.id}`);
    return claim;
  }

  @Post(':id/candidates/:candidateId/reject')
  @Idempotent()
  @HttpCode(200)
  @Roles(...DESK_STAFF)
  @ApiOperation({ summary: 'Reject a candidate: it is not a claim worth recording' })
  @ApiOkResponse({ type: CandidateView })
  @ApiProblemResponse(404, 'No such source, or no such candidate of this source.')
  @ApiProblemResponse(409, 'The candidate was already accepted or rejected.')
  reject(
    @Param('id', uuidParam('id')) id: string,
    @Param('candidateId', uuidParam('candidateId')) candidateId: string,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<CandidateView> {
    return this.ingestion.reject(id, candidateId, principal);
  }
}
