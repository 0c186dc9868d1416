import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ClaimReviewDoc,
  ClaimReviewFeed,
  ClaimReviewFeedDoc,
  ClaimReviewService,
  ClaimReviewsQuery,
} from '@claimdesk/claim-review';
import { ApiProblemResponse, Public, uuidParam } from '@claimdesk/platform';
import type { FastifyReply } from 'fastify';
import type { ClaimReview, WithContext } from 'schema-dts';

export const LD_JSON = 'application/ld+json; charset=utf-8';

/** Published fact-checks are for anyone to read: no credentials. */
@ApiTags('claim-reviews')
@Public()
@Controller('v1')
export class ClaimReviewController {
  constructor(private readonly claimReviews: ClaimReviewService) {}

  @Get('claims/:id/claim-review')
  @ApiOperation({ summary: 'The schema.org ClaimReview of a claim’s published verdict' })
  @ApiProduces('application/ld+json')
  @ApiOkResponse({ type: ClaimReviewDoc })
  @ApiProblemResponse(404, 'No claim has this id, or it has no published review yet.')
  async forClaim(
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WithContext<ClaimReview>> {
    const document = await this.claimReviews.forClaim(id);
    void reply.header('content-type', LD_JSON);
    return document;
  }

  @Get('claim-reviews')
  @ApiOperation({
    summary: 'Published fact-checks as a JSON-LD DataFeed of ClaimReviews, most recently published first',
  })
  @ApiProduces('application/ld+json')
  @ApiOkResponse({
    type: ClaimReviewFeedDoc,
    headers: {
      Link: {
        description: '`<…?cursor=…>; rel="next"` while there is a next page',
        schema: { type: 'string' },
      },
    },
  })
  async feed(
    @Query() query: ClaimReviewsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClaimReviewFeed> {
    const feed = await this.claimReviews.feed(query);
    void reply.header('content-type', LD_JSON);
    if (feed.nextCursor) {
      const next = new URLSearchParams({
        ...(query.since ? { since: query.since } : {}),
        limit: String(query.limit),
        cursor: feed.nextCursor,
      });
      void reply.header('link', `</v1/claim-reviews?${next.toString()}>; rel="next"`);
    }
    return feed;
  }
}
