import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiProblemResponse,
  CLAIM_READERS,
  CurrentPrincipal,
  PageQuery,
  Principal,
  Roles,
  uuidParam,
} from '@claimdesk/platform';
import { audienceOf, PublicationsService, PublishedVersionPage } from '@claimdesk/publications';

@ApiTags('claims')
@ApiBearerAuth()
@Controller('v1/claims')
export class PublishedVersionsController {
  constructor(private readonly publications: PublicationsService) {}

  @Get(':id/published-versions')
  @Roles(...CLAIM_READERS)
  @ApiOperation({
    summary: 'Every published version of the claim’s fact-check, as it was published, oldest first',
    description:
      'A correction (reopen → review → publish) adds a version; none is ever changed. `submittedBy` and `approvedBy` are shown to desk staff only.',
  })
  @ApiOkResponse({ type: PublishedVersionPage })
  @ApiProblemResponse(404, 'No claim has this id.')
  list(
    @Param('id', uuidParam('id')) id: string,
    @Query() query: PageQuery,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<PublishedVersionPage> {
    return this.publications.page(id, query, audienceOf(principal));
  }
}
