import { Injectable } from '@nestjs/common';
import { ActorKind, StanceType } from '@claimdesk/actors';
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
  DomainErrorDetails,
  notFound,
  Principal,
  TransactionService,
} from '@claimdesk/platform';
import { EntityManager } from 'typeorm';
import { CandidateStatus } from './claim-candidate.entity';
import { AcceptCandidateDto } from './dto/accept-candidate.dto';
import { IngestSourceDto } from './dto/ingest-source.dto';
import {
  CandidateActorView,
  CandidateFeaturesView,
  CandidateView,
  IngestResultView,
  SourceDetailView,
} from './dto/ingestion.view';
import { ExtractedCandidate, extractCandidates, ProposedActor } from './extract-candidates';

interface CandidateRow {
  id: string;
  source_id: string;
  sentence: string;
  start_offset: number;
  end_offset: number;
  text: string;
  actors: CandidateActorView[];
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
  keys: string[];
}

const CANDIDATE_COLUMNS = `c.id, c.source_id, c.sentence, c.start_offset, c.end_offset, c.text, c.actors,
  c.checkworthiness, c.features, c.status, c.claim_id, c.decided_at, c.created_at`;
const SOURCE_CLAIMS_LIMIT = 100;

/** Words of a folded key, so "Lavrov" matches "… Lavrov said" but not "Lavrovsky". */
const words = (key: string) => ` ${key.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

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
    const extracted = extractCandidates(input.text);
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
           (source_id, document_id, sentence, start_offset, end_offset, text, actors, checkworthiness, features)
         SELECT $1, $2, r.sentence, r.start_offset, r.end_offset, r.text, r.actors, r.checkworthiness, r.features
           FROM jsonb_to_recordset($3::jsonb) AS r(sentence text, start_offset int, end_offset int, text text,
                actors jsonb, checkworthiness real, features jsonb)
         ON CONFLICT (source_id, md5(sentence)) DO NOTHING`,
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
              checkworthiness: candidate.checkworthiness,
              features: candidate.features,
            })),
          ),
        ],
      );
      const rows: CandidateRow[] = await manager.query(
        `SELECT ${CANDIDATE_COLUMNS} FROM claim_candidates c
          WHERE c.source_id = $1 AND md5(c.sentence) IN (SELECT md5(s) FROM unnest($2::text[]) AS s)
          ORDER BY c.checkworthiness DESC, c.start_offset, c.id`,
        [source.id, extracted.map((candidate) => candidate.sentence)],
      );
      return { source, candidates: await this.views(rows) };
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
      const stances: CreateStanceDto[] =
        input.actors ??
        candidate.actors
          .filter((actor) => actor.stance !== null)
          .map((actor) => ({
            ...(actor.actorId
              ? { actorId: actor.actorId }
              : {
                  actor: { name: actor.name, kind: actor.kind, title: actor.title, country: actor.country },
                }),
            type: actor.stance as StanceType,
            quote: candidate.sentence,
            sourceUrl: source.url,
          }));
      const claim = await this.claims
        .create(
          {
            text: input.text ?? candidate.text,
            language: document?.language ?? source.language ?? undefined,
            source: { url: source.url },
            stances,
          } as CreateClaimDto,
          principal,
        )
        .catch((error: unknown) => {
          throw input.actors ? renamedStanceErrors(error) : error;
        });
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
      return (await this.views(updated))[0];
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
   * Per candidate: known actors whose folded name or alias appears in the sentence as whole words,
   * merged with the speakers the sentence proposes (a proposal naming a known actor takes its id).
   */
  private async actorsOf(
    manager: EntityManager,
    candidates: ExtractedCandidate[],
  ): Promise<CandidateActorView[][]> {
    const known: KnownActorRow[] = await manager.query(
      `WITH s AS (
         SELECT idx::int AS idx,
                ' ' || btrim(regexp_replace(claimdesk_actor_key(sentence), '[^[:alnum:]]+', ' ', 'g')) || ' ' AS hay
           FROM unnest($1::text[]) WITH ORDINALITY AS t(sentence, idx)
       )
       SELECT DISTINCT ON (s.idx, a.name_key) s.idx, a.id, a.name, a.kind, a.title, a.country,
              ARRAY[a.name_key] || a.alias_keys AS keys
         FROM s JOIN actors a ON EXISTS (
           SELECT 1 FROM unnest(ARRAY[a.name_key] || a.alias_keys) AS k
            WHERE length(k) >= 3
              AND position(' ' || btrim(regexp_replace(k, '[^[:alnum:]]+', ' ', 'g')) || ' ' IN s.hay) > 0)
        ORDER BY s.idx, a.name_key, a.created_at, a.id`,
      [candidates.map((candidate) => candidate.sentence)],
    );
    const proposals = candidates.flatMap((candidate) => candidate.proposedActors);
    const keyRows: { key: string }[] = proposals.length
      ? await manager.query(
          `SELECT claimdesk_actor_key(name) AS key FROM unnest($1::text[]) WITH ORDINALITY AS t(name, n) ORDER BY n`,
          [proposals.map((proposal) => proposal.name)],
        )
      : [];
    const proposalKey = new Map<ProposedActor, string>(
      proposals.map((proposal, index) => [proposal, words(keyRows[index].key)]),
    );
    return candidates.map((candidate, index) => {
      const mentioned = known.filter((row) => row.idx === index + 1);
      const used = new Set<string>();
      const actors: CandidateActorView[] = candidate.proposedActors.map((proposal) => {
        const key = proposalKey.get(proposal)!;
        const match = mentioned.find((row) =>
          row.keys.some((k) => key.includes(words(k)) || words(k).includes(key)),
        );
        if (!match) {
          return {
            name: proposal.name,
            kind: proposal.kind,
            title: null,
            country: null,
            stance: proposal.stance,
            actorId: null,
          };
        }
        used.add(match.id);
        return { ...this.knownView(match), stance: proposal.stance };
      });
      for (const row of mentioned) {
        if (!used.has(row.id)) actors.push({ ...this.knownView(row), stance: null });
      }
      return actors;
    });
  }

  private knownView(row: KnownActorRow): CandidateActorView {
    return {
      name: row.name,
      kind: row.kind,
      title: row.title,
      country: row.country,
      stance: null,
      actorId: row.id,
    };
  }

  /** Rows as the API shows them; `similar` is computed now, so it reflects the claims recorded since. */
  private async views(rows: CandidateRow[]): Promise<CandidateView[]> {
    const views: CandidateView[] = [];
    for (const row of rows) {
      views.push({
        id: row.id,
        sentence: row.sentence,
        start: row.start_offset,
        end: row.end_offset,
        text: row.text,
        actors: row.actors,
        similar: await this.claims.similar(row.text),
        checkworthiness: Math.round(row.checkworthiness * 1000) / 1000,
        features: row.features,
        status: row.status,
        claimId: row.claim_id,
        decidedAt: row.decided_at?.toISOString() ?? null,
        createdAt: row.created_at.toISOString(),
      });
    }
    return views;
  }
}
