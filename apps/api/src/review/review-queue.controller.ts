import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClaimView } from '@claimdesk/claims';
import { CurrentPrincipal, DESK_STAFF, Idempotent, Principal, Roles } from '@claimdesk/platform';
import {
  ReviewQueuePage,
  ReviewQueueQuery,
  ReviewQueueService,
  ReviewQueueStatsView,
} from '@claimdesk/review';
import type { FastifyReply } from 'fastify';

@ApiTags('review queue')
@ApiBearerAuth()
@Controller('v1/review-queue')
export class ReviewQueueController {
  constructor(private readonly queue: ReviewQueueService) {}

  @Get()
  @Roles(...DESK_STAFF)
  @ApiOperation({
    summary: 'The review queue for the dashboard',
    description:
      'Ordered by priority (urgent first), then due date (earliest first, claims without one last), then age (oldest first). Keyset-paged.',
  })
  @ApiOkResponse({ type: ReviewQueuePage })
  list(@Query() query: ReviewQueueQuery, @CurrentPrincipal() principal: Principal): Promise<ReviewQueuePage> {
    return this.queue.list(query, principal);
  }

  @Get('stats')
  @Roles(...DESK_STAFF)
  @ApiOperation({
    summary: 'Queue numbers: claims per status, overdue, unassigned, open work per assignee',
  })
  @ApiOkResponse({ type: ReviewQueueStatsView })
  stats(): Promise<ReviewQueueStatsView> {
    return this.queue.stats();
  }

  @Post('next')
  @Idempotent()
  @HttpCode(200)
  @Roles(...DESK_STAFF)
  @ApiOperation({
    summary: 'Take the next unassigned triaged claim',
    description:
      'Atomically assigns the next triaged, unassigned claim to the caller, preferring claims tagged with one of their expertise areas, then the queue order. Two callers never get the same claim.',
  })
  @ApiOkResponse({
    type: ClaimView,
    description: 'The claim now assigned to the caller, as GET /v1/claims/:id shows it.',
    headers: { ETag: { description: 'The claim’s version', schema: { type: 'string' } } },
  })
  @ApiNoContentResponse({ description: 'No unassigned triaged claim is waiting.' })
  async next(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClaimView | undefined> {
    const claim = await this.queue.next(principal);
    if (!claim) {
      void reply.status(204);
      return undefined;
    }
    return claim;
  }
}
