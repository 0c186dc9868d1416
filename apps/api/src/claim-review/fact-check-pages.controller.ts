import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ClaimReviewService, factCheckListPage, factCheckPage, notFoundPage } from '@claimdesk/claim-review';
import { AppConfig, PageQuery, ProblemException, Public } from '@claimdesk/platform';
import { isUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';

const HTML = 'text/html; charset=utf-8';
const page = { 'text/html': { schema: { type: 'string' } } };
const etag = { ETag: { description: 'A hash of the page.', schema: { type: 'string' } } };

/**
 * The public fact-check pages: plain server-rendered HTML for readers and search engines, built
 * from the published versions only. Cacheable: a strong ETag of the page (304 on If-None-Match) and a short max-age.
 */
@ApiTags('fact-check pages')
@Public()
@Controller('fact-checks')
export class FactCheckPagesController {
  constructor(
    private readonly claimReviews: ClaimReviewService,
    private readonly config: AppConfig,
  ) {}

  private get site() {
    return { name: this.config.ORG_NAME };
  }

  @Get()
  @ApiOperation({ summary: 'HTML list of published fact-checks, most recently published first' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page; `rel="next"` links to older ones.', content: page, headers: etag })
  async list(@Query() query: PageQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const current = await this.claimReviews.current(query);
    const next = current.nextCursor
      ? `/fact-checks?${new URLSearchParams({ limit: String(query.limit), cursor: current.nextCursor }).toString()}`
      : null;
    return send(reply, 200, factCheckListPage(this.site, current.items, next));
  }

  @Get(':id')
  @ApiOperation({ summary: 'HTML page of one published fact-check, with its ClaimReview JSON-LD embedded' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page.', content: page, headers: etag })
  @ApiResponse({
    status: 404,
    description: 'An HTML page: nothing is published at this address.',
    content: page,
  })
  async one(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    // A reader who mistypes an address gets the page that says so, not an API error.
    if (!isUUID(id)) return send(reply, 404, notFoundPage(this.site));
    try {
      return send(reply, 200, factCheckPage(this.site, await this.claimReviews.published(id)));
    } catch (error) {
      if (error instanceof ProblemException && error.getStatus() === 404) {
        return send(reply, 404, notFoundPage(this.site));
      }
      throw error;
    }
  }
}

/** A strong ETag of the page; the platform's If-None-Match hook answers 304 when it matches. */
function send(reply: FastifyReply, status: number, body: string): string {
  const tag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  void reply.status(status).header('content-type', HTML).header('cache-control', 'public, max-age=60');
  if (status === 200) void reply.header('etag', tag);
  return body;
}
