import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '@claimdesk/platform';
import { EntityManager } from 'typeorm';
import { SourceView } from './dto/claim.view';
import { SourceInputDto } from './dto/source-input.dto';
import { normaliseUrl } from './normalise-url';

export interface SourceRow {
  id: string;
  url: string;
  title: string | null;
  outlet: string | null;
  published_at: Date | null;
  language: string | null;
}

export const SOURCE_COLUMNS = `id, url, title, outlet, published_at, language`;

export function toSourceView(row: SourceRow): SourceView {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    outlet: row.outlet,
    publishedAt: row.published_at?.toISOString() ?? null,
    language: row.language,
  };
}

@Injectable()
export class SourcesService {
  /**
   * The source for this URL, created on first sight. Later sightings only fill in what is still
   * unknown (title, outlet, date, language), so a sparse re-submission never erases details.
   * `field` names the input in the 400 when the URL cannot be normalised.
   */
  async upsert(manager: EntityManager, input: SourceInputDto, field = 'source.url'): Promise<SourceView> {
    const urlKey = normaliseUrl(input.url);
    if (!urlKey) {
      throw new InvalidInputError(`${field} is not an absolute http(s) URL.`, {
        errors: [{ field, message: `${field} must be an absolute http(s) URL` }],
      });
    }
    const [row]: SourceRow[] = await manager.query(
      `INSERT INTO sources (url, url_key, title, outlet, published_at, language)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (url_key) DO UPDATE SET
         title = coalesce(sources.title, EXCLUDED.title),
         outlet = coalesce(sources.outlet, EXCLUDED.outlet),
         published_at = coalesce(sources.published_at, EXCLUDED.published_at),
         language = coalesce(sources.language, EXCLUDED.language),
         updated_at = now()
       RETURNING ${SOURCE_COLUMNS}`,
      [
        input.url.trim(),
        urlKey,
        input.title?.trim() || null,
        input.outlet?.trim() || null,
        input.publishedAt ?? null,
        input.language ?? null,
      ],
    );
    return toSourceView(row);
  }
}
