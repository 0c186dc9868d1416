import { Injectable } from '@nestjs/common';
import { ActorKind } from '@claimdesk/actors';
import {
  ClaimsService,
  ClaimStatus,
  CreateClaimDto,
  CreatedClaimView,
  CreateStanceDto,
  EvidenceStatus,
  SOURCE_COLUMNS,
  SourceRow,
  SourcesService,
  toSourceView,
  Verdict,
} from '@claimdesk/claims';
import {
  ConflictError,
  DomainError,
  UnprocessableError,
  DomainErrorDetails,
  notFound,
  Principal,
  TransactionService,
} from '@claimdesk/platform';
import { EntityManager } from 'typeorm';
import { CandidateStatus } from './claim-candidate.entity';
import { AcceptCandidateDto, CandidateActorInputDto } from './dto/accept-candidate.dto';
import { IngestSourceDto } from './dto/ingest-source.dto';
import {
  CandidateActorView,
  CandidateFeaturesView,
  CandidateMentionView,
  CandidateView,
  IngestResultView,
  SourceDetailView,
} from './dto/ingestion.view';
import { ExtractedCandidate, extractCandidates } from './extract-candidates';
import { guessLanguage, SUPPORTED_LANGUAGES } from './extraction/language';

interface CandidateRow {
  id: string;
  source_id: string;
  sentence: string;
  start_offset: number;
  end_offset: number;
  text: string;
  actors: CandidateActorView[];
  mentions: CandidateMentionView[];
  checkworthiness: number;
  features: CandidateFeaturesView;
  status: CandidateStatus;
  claim_id: string | null;
  decided_at: Date | null;
  created_at: Date;
}

interface KnownActorRow {
  idx: number;
  id: string;
  name: string;
  kind: ActorKind;
  title: string | null;
  country: string | null;
}

const CANDIDATE_COLUMNS = `c.id, c.source_id, c.sentence, c.start_offset, c.end_offset, c.text, c.actors,
  c.mentions, c.checkworthiness, c.features, c.status, c.claim_id, c.decided_at, c.created_at`;
const SOURCE_CLAIMS_LIMIT = 100;

const folded = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A text the extractor cannot read: named as such, never guessed at in English. */
function unsupportedLanguage(language: string): UnprocessableError {
  return new UnprocessableError(
    `Only English articles can be mined for claims; this text reads as ${language}. Supported languages: ${SUPPORTED_LANGUAGES.join(', ')}.`,
    { supportedLanguages: [...SUPPORTED_LANGUAGES], detectedLanguage: language },
  );
}

/** ClaimsService names stance errors `stances[i]…`; this route's body calls them `actors[i]…`. */
function renamedStanceErrors(error: unknown): unknown {
  if (!(error instanceof DomainError) || !error.details.errors) return error;
  const rename = (text: string) => text.replace(/\bstances\[/g, 'actors[');
  const Same = error.constructor as new (detail: string, details: DomainErrorDetails) => DomainError;
  return new Same(rename(error.detail), {
    ...error.details,
    errors: error.details.errors.map((item) => ({
      field: rename(item.field),
      message: rename(item.message),
    })),
  });
}

@Injectable()
export class IngestionService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly sources: SourcesService,
    private readonly claims: ClaimsService,
  ) {}

  /**
   * Records the article (its source is shared by normalised URL) and proposes its check-worthy
   * sentences as candidates. A sentence already proposed for this source is not proposed again:
   * the existing candidate, with the decision taken on it, is returned instead.
   */
  async ingest(input: IngestSourceDto, principal?: Principal): Promise<IngestResultView> {
    return (await this.ingestTimed(input, principal)).result;
  }

  /** `ingest`, with the time spent extracting and storing (for bench/ingest.ts). */
  async ingestTimed(
    input: IngestSourceDto,
    principal?: Principal,
  ): Promise<{ result: IngestResultView; extractMs: number; storeMs: number }> {
    if (input.language && !/^en(-|$)/i.test(input.language)) throw unsupportedLanguage(input.language);
    const guess = guessLanguage(input.text);
    if (!guess.english) throw unsupportedLanguage(guess.language);
    const started = performance.now();
    const extracted = extractCandidates(input.text);
    const extractMs = performance.now() - started;
    const result = await this.store(input, extracted, principal);
    return { result, extractMs, storeMs: performance.now() - started - extractMs };
  }

  private store(
    input: IngestSourceDto,
    extracted: ExtractedCandidate[],
    principal?: Principal,
  ): Promise<IngestResultView> {
    return this.transactions.run(async (manager) => {
      const source = await this.sources.upsert(manager, input, 'url');
      const [document]: { id: string }[] = await manager.query(
        `INSERT INTO source_documents (source_id, text, language, ingested_by_kind, ingested_by_id)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [source.id, input.text, input.language ?? null, principal?.kind ?? null, principal?.id ?? null],
      );
      if (extracted.length === 0) return { source, candidates: [] };
      const actors = await this.actorsOf(manager, extracted);
      await manager.query(
        `INSERT INTO claim_candidates
           (source_id, document_id, sentence, start_offset, end_offset, text, actors, mentions, checkworthiness, features)
         SELECT $1, $2, r.sentence, r.start_offset, r.end_offset, r.text, r.actors, r.mentions, r.checkworthiness, r.features
           FROM jsonb_to_recordset($3::jsonb) AS r(sentence text, start_offset int, end_offset int, text text,
                actors jsonb, mentions jsonb, checkworthiness real, features jsonb)
         ON CONFLICT (source_id, md5(sentence), md5(text)) DO NOTHING`,
        [
          source.id,
          document.id,
          JSON.stringify(
            extracted.map((candidate, index) => ({
              sentence: candidate.sentence,
              start_offset: candidate.start,
              end_offset: candidate.end,
              text: candidate.text,
              actors: actors[index],
              mentions: candidate.mentions,
              checkworthiness: candidate.checkworthiness,
              features: candidate.features,
            })),
          ),
        ],
      );
      // A candidate rejected before is not proposed again; an accepted one is shown with its claim.
      const rows: CandidateRow[] = await manager.query(
        `SELECT ${CANDIDATE_COLUMNS} FROM claim_candidates c
          WHERE c.source_id = $1 AND c.status <> 'rejected'
            AND (md5(c.sentence), md5(c.text)) IN (SELECT md5(s), md5(t) FROM unnest($2::text[], $3::text[]) AS u(s, t))
          ORDER BY c.checkworthiness DESC, c.start_offset, c.id`,
        [
          source.id,
          extracted.map((candidate) => candidate.sentence),
          extracted.map((candidate) => candidate.text),
        ],
      );
      return { source, candidates: await this.views(rows, manager) };
    });
  }

  /** Turns an open candidate into a claim (source, stances) and marks it accepted, in one transaction. */
  async accept(
    sourceId: string,
    candidateId: string,
    input: AcceptCandidateDto,
    principal?: Principal,
  ): Promise<CreatedClaimView> {
    return this.transactions.run(async (manager) => {
      const candidate = await this.lockOpen(manager, sourceId, candidateId);
      const [source]: SourceRow[] = await manager.query(
        `SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = $1`,
        [sourceId],
      );
      const [document]: { language: string | null }[] = await manager.query(
        `SELECT d.language FROM source_documents d JOIN claim_candidates c ON c.document_id = d.id WHERE c.id = $1`,
        [candidateId],
      );
      const stances = this.stancesOf(candidate, input.actors, source.url);
      const claim = await this.claims
        .create(
          {
            text: input.text ?? candidate.text,
            language: document?.language ?? source.language ?? undefined,
            source: { url: source.url },
            stances,
          } as CreateClaimDto,
          principal,
          manager,
        )
        .catch((error: unknown) => {
          throw input.actors ? renamedStanceErrors(error) : error;
        });
      // (the claims service creates the actors it is given by name and the stances, in this transaction)
      await manager.query(
        `UPDATE claim_candidates
            SET status = 'accepted', claim_id = $2, decided_by_kind = $3, decided_by_id = $4, decided_at = now()
          WHERE id = $1`,
        [candidateId, claim.id, principal?.kind ?? null, principal?.id ?? null],
      );
      return claim;
    });
  }

  async reject(sourceId: string, candidateId: string, principal?: Principal): Promise<CandidateView> {
    return this.transactions.run(async (manager) => {
      await this.lockOpen(manager, sourceId, candidateId);
      const rows: CandidateRow[] = await manager.query(
        `UPDATE claim_candidates c
            SET status = 'rejected', decided_by_kind = $2, decided_by_id = $3, decided_at = now()
          WHERE c.id = $1 RETURNING ${CANDIDATE_COLUMNS}`,
        [candidateId, principal?.kind ?? null, principal?.id ?? null],
      );
      // UPDATE … RETURNING through TypeORM's query() answers [rows, count].
      const updated = (Array.isArray(rows[0]) ? rows[0] : rows) as CandidateRow[];
      return (await this.views(updated, manager))[0];
    });
  }

  /** The source with the claims found in it and its open candidates. */
  async get(id: string): Promise<SourceDetailView> {
    const manager = this.transactions.manager;
    const [source]: SourceRow[] = await manager.query(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = $1`, [
      id,
    ]);
    if (!source) throw notFound('Source', id);
    const claims: {
      id: string;
      text: string;
      status: ClaimStatus;
      evidence_status: EvidenceStatus;
      verdict: Verdict | null;
      created_at: Date;
    }[] = await manager.query(
      `SELECT id, text, status, evidence_status, verdict, created_at FROM claims
        WHERE source_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [id, SOURCE_CLAIMS_LIMIT],
    );
    const candidates: CandidateRow[] = await manager.query(
      `SELECT ${CANDIDATE_COLUMNS} FROM claim_candidates c
        WHERE c.source_id = $1 AND c.status = 'open'
        ORDER BY c.checkworthiness DESC, c.start_offset, c.id`,
      [id],
    );
    return {
      ...toSourceView(source),
      claims: claims.map((claim) => ({
        id: claim.id,
        text: claim.text,
        status: claim.status,
        evidenceStatus: claim.evidence_status,
        verdict: claim.verdict,
        createdAt: claim.created_at.toISOString(),
      })),
      candidates: await this.views(candidates),
    };
  }

  /** Locks the candidate for this transaction: 404 for an unknown source or candidate, 409 unless open. */
  private async lockOpen(
    manager: EntityManager,
    sourceId: string,
    candidateId: string,
  ): Promise<CandidateRow> {
    const [row]: CandidateRow[] = await manager.query(
      `SELECT ${CANDIDATE_COLUMNS} FROM claim_candidates c WHERE c.id = $1 AND c.source_id = $2 FOR UPDATE`,
      [candidateId, sourceId],
    );
    if (!row) {
      const [source] = await manager.query(`SELECT 1 FROM sources WHERE id = $1`, [sourceId]);
      if (!source) throw notFound('Source', sourceId);
      throw notFound('Candidate', candidateId);
    }
    if (row.status !== 'open') {
      throw new ConflictError(`Candidate ${candidateId} is already ${row.status}.`, {
        candidateStatus: row.status,
        claimId: row.claim_id,
      });
    }
    return row;
  }

  /**
   * The candidate's stances for ClaimsService.create: each actor sent back (or, without a body,
   * each actor proposed) with a stance, quoted from the sentence it was found in, with the source
   * URL. Actors the caller left out are not created; an actor named twice with one stance counts once.
   */
  private stancesOf(
    candidate: CandidateRow,
    actors: AcceptCandidateDto['actors'],
    sourceUrl: string,
  ): CreateStanceDto[] {
    const proposed = candidate.actors.filter((actor) => actor.stance !== null);
    const items = actors ?? proposed.map((actor) => Object.assign(new CandidateActorInputDto(), actor));
    const seen = new Set<string>();
    const stances: CreateStanceDto[] = [];
    for (const item of items) {
      if (!(item instanceof CandidateActorInputDto)) {
        stances.push(item);
        continue;
      }
      const key = `${item.actorId ?? `${folded(item.name)}|${item.kind}`}|${item.stance}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const original = proposed.find((actor) => folded(actor.name) === folded(item.name));
      stances.push({
        ...(item.actorId
          ? { actorId: item.actorId }
          : {
              actor: {
                name: item.name,
                kind: item.kind,
                title: item.title ?? null,
                country: item.country ?? null,
              },
            }),
        type: item.stance,
        quote: item.quote ?? original?.quote ?? candidate.sentence,
        sourceUrl,
      } as CreateStanceDto);
    }
    return stances;
  }

  /**
   * The proposed actors, each matched to a known actor by folded name or alias (case and
   * accents ignored, the same kind preferred) and then shown as it is recorded.
   */
  private async actorsOf(
    manager: EntityManager,
    candidates: ExtractedCandidate[],
  ): Promise<CandidateActorView[][]> {
    const proposals = candidates.flatMap((candidate) => candidate.proposedActors);
    const known: KnownActorRow[] = proposals.length
      ? await manager.query(
          `SELECT DISTINCT ON (p.idx) p.idx::int AS idx, a.id, a.name, a.kind, a.title, a.country
             FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS p(name, kind, idx)
             JOIN actors a ON a.name_key = claimdesk_actor_key(p.name)
                           OR claimdesk_actor_key(p.name) = ANY (a.alias_keys)
            ORDER BY p.idx, (a.kind = p.kind) DESC, a.created_at, a.id`,
          [proposals.map((proposal) => proposal.name), proposals.map((proposal) => proposal.kind)],
        )
      : [];
    const byIndex = new Map(known.map((row) => [row.idx - 1, row]));
    let index = 0;
    return candidates.map((candidate) =>
      candidate.proposedActors.map((proposal) => {
        const match = byIndex.get(index++);
        return {
          name: match?.name ?? proposal.name,
          kind: match?.kind ?? proposal.kind,
          title: match?.title ?? proposal.title,
          country: match?.country ?? proposal.country,
          stance: proposal.stance,
          actorId: match?.id ?? null,
          quote: proposal.quote,
        };
      }),
    );
  }

  /** Rows as the API shows them; `similar` is computed now, so it reflects the claims recorded since. */
  private async views(rows: CandidateRow[], manager?: EntityManager): Promise<CandidateView[]> {
    const similar = await this.claims.similarMany(
      rows.map((row) => row.text),
      manager,
    );
    return rows.map((row, index) => ({
      id: row.id,
      sentence: row.sentence,
      start: row.start_offset,
      end: row.end_offset,
      text: row.text,
      actors: row.actors,
      mentions: row.mentions.length
        ? row.mentions
        : [{ start: row.start_offset, end: row.end_offset, sentence: row.sentence, role: 'states' }],
      similar: similar[index],
      checkworthiness: Math.round(row.checkworthiness * 1000) / 1000,
      features: row.features,
      status: row.status,
      claimId: row.claim_id,
      decidedAt: row.decided_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    }));
  }
}
