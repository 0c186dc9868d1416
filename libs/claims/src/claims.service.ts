import { Injectable } from '@nestjs/common';
import { ActorsService } from '@claimdesk/actors';
import {
  appendForRowsSql,
  appendForRowsValues,
  EventPayloads,
  EventsService,
  HistoryEntry,
} from '@claimdesk/events';
import {
  assertIfMatch,
  ConflictError,
  decodeTimeIdCursor,
  InvalidInputError,
  notFound,
  Page,
  PageQuery,
  preparedQuery,
  Principal,
  problemType,
  toPage,
  TransactionService,
} from '@claimdesk/platform';
import {
  allowedActions,
  ClaimEdit,
  decideEdit,
  EditClaimState,
  editRefusal,
  workflowActor,
} from '@claimdesk/workflow';
import {
  Audience,
  audienceOf,
  latestFromJson,
  latestPublishedJsonSql,
  latestPublishedSql,
  PublicationsService,
} from '@claimdesk/publications';
import { EntityManager } from 'typeorm';
import { EvidenceStatus, Priority } from './claim.entity';
import { PUBLIC_EVENT_TYPES, visibleClaim, visibleEvent, visibleListItem } from './claim-visibility';
import { claimWorkflowView, REVIEW_COLUMNS, ReviewRow } from './claim-workflow';
import { WORKFLOW_COLUMNS, WorkflowChanges, WorkflowClaim, WorkflowResult } from './claim-workflow-state';
import { listOrder, matchDensity } from './list-plan';
import { findLookAlikes, lookAlikesJsonSql, toSimilarView } from './look-alikes';
import {
  ClaimListItemView,
  ClaimView,
  CreatedClaimView,
  EvidenceView,
  SimilarClaimView,
  StanceView,
} from './dto/claim.view';
import { CreateClaimDto } from './dto/create-claim.dto';
import { CreateEvidenceDto } from './dto/create-evidence.dto';
import { CreateStanceDto } from './dto/create-stance.dto';
import { ListClaimsQuery } from './dto/list-claims-query.dto';
import { UpdateClaimDto } from './dto/update-claim.dto';
import { SOURCE_COLUMNS, SourceRow, SourcesService, toSourceView } from './sources.service';
import {
  CLAIM_COLUMNS,
  ClaimRow,
  EDITABLE,
  EditableField,
  EVIDENCE_COLUMNS,
  EvidenceRow,
  presented,
  returned,
  sameValue,
  STANCE_SELECT,
  StanceRow,
  toEvidenceView,
  toStanceView,
  toSummaryView,
  uniqueTags,
  ClaimParts,
  ClaimViewParts,
  withDates,
} from './claim-rows';

/** The claim's submitter as the edit rules see it: a desk user (a key is never a submitter). */
const submitterOf = (row: ClaimRow): string | null =>
  row.created_by_kind === 'user' ? row.created_by_id : null;

/**
 * The most-read view, so one round trip: the claim row with its parts aggregated as JSON, the latest
 * published version included. A prepared statement (see preparedQuery).
 */
const claimViewSql = (where: string) => `SELECT ${CLAIM_COLUMNS},
     (SELECT coalesce(json_agg(st ORDER BY st.created_at, st.id), '[]')
        FROM (${STANCE_SELECT} WHERE s.claim_id = c.id) st) AS stances_json,
     (SELECT coalesce(json_agg(ev ORDER BY ev.created_at, ev.id), '[]')
        FROM (SELECT ${EVIDENCE_COLUMNS} FROM evidence WHERE claim_id = c.id) ev) AS evidence_json,
     (SELECT row_to_json(so) FROM (SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = c.source_id) so) AS source_json,
     (SELECT coalesce(json_agg(rv ORDER BY rv.round), '[]')
        FROM (SELECT ${REVIEW_COLUMNS} FROM reviews WHERE claim_id = c.id) rv) AS reviews_json,
     (SELECT count(*)::int FROM notes WHERE claim_id = c.id) AS notes_count,
     ${latestPublishedJsonSql('c.id')} AS published_json
   FROM claims c WHERE ${where}`;
/** `GET /v1/claims/:id`'s statement; exported for the bench's bare baseline, which runs it too. */
export const CLAIM_VIEW_SQL = claimViewSql('c.id = $1');
const INSERT_CLAIM_SQL = `INSERT INTO claims AS c
    (text, summary, language, tags, priority, source_id, created_by_kind, created_by_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${CLAIM_COLUMNS}`;
/** The same insert with its `claim.created` event (parameters 9–13) and look-alikes, in one statement. */
const CREATE_ALONE_SQL = `WITH created AS (${INSERT_CLAIM_SQL}),
  appended AS (${appendForRowsSql('created', 9)})
  SELECT created.*, ${lookAlikesJsonSql('$1')} AS similar_json FROM created`;
type SimilarRow = Parameters<typeof toSimilarView>[0];

/** A new claim's own fields, as stored and as its `claim.created` event records them. */
type NewClaimFields = Omit<EventPayloads['claim.created']['claim'], 'sourceId'>;

const newClaimFields = (input: CreateClaimDto): NewClaimFields => ({
  text: input.text,
  summary: input.summary ?? null,
  language: input.language ?? 'en',
  tags: uniqueTags(input.tags ?? []),
  priority: input.priority ?? 'normal',
});

/** INSERT_CLAIM_SQL's parameters, in its order. */
const insertClaimValues = (
  fields: NewClaimFields,
  sourceId: string | null,
  principal: Principal | undefined,
): unknown[] => [
  fields.text,
  fields.summary,
  fields.language,
  fields.tags,
  fields.priority,
  sourceId,
  principal?.kind ?? null,
  principal?.id ?? null,
];

/** What a new claim has of its parts: nothing yet, unless it came with a source or stances. */
const NO_PARTS: ClaimViewParts = {
  source: null,
  stances: [],
  evidence: [],
  reviews: [],
  notesCount: 0,
  published: null,
};
/** The same view of several claims at once (the webhook fan-out's). */
const CLAIM_VIEWS_SQL = claimViewSql('c.id = ANY($1::uuid[])');

@Injectable()
export class ClaimsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly actors: ActorsService,
    private readonly sources: SourcesService,
    private readonly publications: PublicationsService,
  ) {}

  /**
   * Records a claim with its source and stances; the answer also lists existing look-alikes.
   * `within`: the caller's transaction, which the claim then commits (or rolls back) with.
   */
  async create(
    input: CreateClaimDto,
    principal?: Principal,
    within?: EntityManager,
  ): Promise<CreatedClaimView> {
    const fields = newClaimFields(input);
    return input.source || input.stances?.length
      ? this.createWithParts(fields, input, principal, within)
      : this.createAlone(fields, principal, within ?? this.transactions.manager);
  }

  /**
   * A claim with nothing to look up first is one statement: the row, its event (which commit
   * together without a transaction of their own, or in the caller's when one is open) and the
   * look-alikes, read in the statement's snapshot, where the new row is not yet visible.
   */
  private async createAlone(
    fields: NewClaimFields,
    principal: Principal | undefined,
    manager: EntityManager,
  ): Promise<CreatedClaimView> {
    const [row] = await preparedQuery<ClaimRow & { similar_json: SimilarRow[] }>(
      manager,
      'claim-create-alone',
      CREATE_ALONE_SQL,
      [
        ...insertClaimValues(fields, null, principal),
        ...appendForRowsValues('claim.created', principal, {
          claim: { ...fields, sourceId: null },
          stances: [],
        }),
      ],
    );
    const claim = this.assemble(row, NO_PARTS, principal, audienceOf(principal));
    return { ...claim, similar: row.similar_json.map(toSimilarView) };
  }

  /** A claim with its source and stances, which need their source and actors found or made first. */
  private createWithParts(
    fields: NewClaimFields,
    input: CreateClaimDto,
    principal: Principal | undefined,
    within: EntityManager | undefined,
  ): Promise<CreatedClaimView> {
    return this.transactions.run(async (manager) => {
      const source = input.source ? await this.sources.upsert(manager, input.source) : null;
      const [row] = await preparedQuery<ClaimRow>(
        manager,
        'claim-insert',
        INSERT_CLAIM_SQL,
        insertClaimValues(fields, source?.id ?? null, principal),
      );
      const stances: StanceView[] = [];
      for (const [index, stance] of (input.stances ?? []).entries()) {
        stances.push(await this.insertStance(manager, row.id, stance, principal, `stances[${index}]`));
      }
      // Everything the view would read back was just written, so it is put together here instead
      // (the stances in the order they were inserted, which is the view's: see insertStance).
      const claim = this.assemble(row, { ...NO_PARTS, source, stances }, principal, audienceOf(principal));
      await this.events.append(manager, 'claim.created', row.id, principal, {
        version: claim.version,
        claim: { ...fields, sourceId: source?.id ?? null },
        stances: stances.map((stance) => ({ id: stance.id, type: stance.type, actor: stance.actor })),
      });
      return { ...claim, similar: (await findLookAlikes(manager, [fields.text], row.id))[0] };
    }, within);
  }

  /** The claim as `GET /v1/claims/:id` shows it to `principal` (whose role decides `allowedActions` and drafts). */
  async get(
    id: string,
    principal?: Principal,
    audience: Audience = audienceOf(principal),
  ): Promise<ClaimView> {
    return this.load(this.transactions.manager, id, principal, audience);
  }

  /** Newest first, keyset-paged on (created_at, id) so inserts never shift or repeat a page. */
  async list(query: ListClaimsQuery, principal?: Principal): Promise<Page<ClaimListItemView>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // The public filters on what it sees: the published evidence status and verdict.
    const audience = audienceOf(principal);
    const evidenceStatus =
      audience === 'desk'
        ? 'c.evidence_status'
        : `COALESCE(${latestPublishedSql('c.id', 'evidence_status')}, 'unverified')`;
    const verdict = audience === 'desk' ? 'c.verdict' : latestPublishedSql('c.id', 'verdict');
    if (query.status) where.push(`c.status = ${bind(query.status)}`);
    if (query.evidenceStatus) where.push(`${evidenceStatus} = ${bind(query.evidenceStatus)}`);
    if (query.verdict) where.push(`${verdict} = ${bind(query.verdict)}`);
    if (query.assigneeId) where.push(`c.assignee_id = ${bind(query.assigneeId)}::uuid`);
    if (query.actorId) {
      where.push(
        `EXISTS (SELECT 1 FROM stances s WHERE s.claim_id = c.id AND s.actor_id = ${bind(query.actorId)}::uuid)`,
      );
    }
    // The GIN-indexed conditions, also asked on their own how many rows they match (list-plan.ts).
    const gin: string[] = [];
    const ginParams: unknown[] = [];
    const ginCondition = (value: unknown, condition: (placeholder: string) => string) => {
      where.push(condition(bind(value)));
      ginParams.push(value);
      gin.push(condition(`$${ginParams.length}`));
    };
    if (query.tag) ginCondition(query.tag, (tag) => `c.tags @> ARRAY[${tag}]::text[]`);
    const q = query.q?.trim();
    if (q) {
      // Both configurations, as indexed (see the registry migration): english stems, simple keeps every word.
      ginCondition(
        q,
        (text) =>
          `c.search @@ (websearch_to_tsquery('english', claimdesk_fold(${text})) || websearch_to_tsquery('simple', claimdesk_fold(${text})))`,
      );
    }
    if (query.cursor) {
      const [at, id] = decodeTimeIdCursor(query.cursor);
      where.push(`(c.created_at, c.id) < (${bind(at)}::timestamptz, ${bind(id)}::uuid)`);
    }
    const manager = this.transactions.manager;
    const density = gin.length ? await matchDensity(manager, gin.join(' AND '), ginParams) : 'many';
    if (density === 'none') return { items: [], nextCursor: null };
    const rows: ClaimRow[] = await manager.query(
      `SELECT ${CLAIM_COLUMNS} FROM claims c
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${listOrder(density)}
        LIMIT ${bind(query.limit + 1)}`,
      params,
    );
    const shown = rows.slice(0, query.limit);
    const ids = shown.map((row) => row.id);
    const sourceIds = [
      ...new Set(shown.map((row) => row.source_id).filter((id): id is string => id !== null)),
    ];
    // One query after another: inside a transaction they share one connection.
    const stances = await this.stancesOf(manager, ids);
    const sources: SourceRow[] = sourceIds.length
      ? await manager.query(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = ANY($1::uuid[])`, [sourceIds])
      : [];
    const counts: { claim_id: string; count: number }[] = ids.length
      ? await manager.query(
          `SELECT claim_id, count(*)::int AS count FROM evidence WHERE claim_id = ANY($1::uuid[]) GROUP BY claim_id`,
          [ids],
        )
      : [];
    const published = audience === 'desk' ? new Map() : await this.publications.latestOf(manager, ids);
    const sourceById = new Map(sources.map((row) => [row.id, toSourceView(row)]));
    const countById = new Map(counts.map((row) => [row.claim_id, row.count]));
    return toPage(
      rows,
      query.limit,
      (row) => [row.cursor_at, row.id],
      (row) =>
        visibleListItem(
          {
            ...toSummaryView(
              row,
              row.source_id ? (sourceById.get(row.source_id) ?? null) : null,
              stances.filter((stance) => stance.claim_id === row.id).map(toStanceView),
            ),
            evidenceCount: countById.get(row.id) ?? 0,
          },
          published.get(row.id) ?? null,
          audience,
        ),
    );
  }

  /** Claims that look like the same claim as `text`, most similar first (see look-alikes.ts). */
  async similar(text: string): Promise<SimilarClaimView[]> {
    return (await findLookAlikes(this.transactions.manager, [text], null))[0];
  }

  /** `similar` for many texts in one statement: the answer for `texts[i]` is at index i. */
  async similarMany(
    texts: readonly string[],
    manager = this.transactions.manager,
  ): Promise<SimilarClaimView[][]> {
    return findLookAlikes(manager, texts, null);
  }

  async update(
    id: string,
    input: UpdateClaimDto,
    ifMatch: string | undefined,
    principal?: Principal,
  ): Promise<ClaimView> {
    const fields = (Object.keys(EDITABLE) as EditableField[]).filter((field) => input[field] !== undefined);
    if (fields.length === 0) {
      throw new InvalidInputError(`Send at least one of ${Object.keys(EDITABLE).join(', ')}.`);
    }
    return this.transactions.run(async (manager) => {
      const current = await this.lock(manager, id, ifMatch);
      const next: Partial<Record<EditableField, unknown>> = {
        ...input,
        ...(input.tags ? { tags: uniqueTags(input.tags) } : {}),
      };
      const changed = fields.filter((field) => !sameValue(field, presented(field, current), next[field]));
      if (changed.length === 0) return this.load(manager, id, principal);
      // Only what would change is judged: resending a form with an untouched field is not an edit of it.
      await this.assertMayEdit(manager, current, changed, principal);

      const params: unknown[] = [id];
      const assignments = changed.map((field) => {
        params.push(next[field]);
        return `${EDITABLE[field]} = $${params.length}`;
      });
      const [updated] = returned<ClaimRow>(
        await manager.query(
          `UPDATE claims c SET ${assignments.join(', ')}, version = version + 1, updated_at = now()
            WHERE id = $1 RETURNING ${CLAIM_COLUMNS}`,
          params,
        ),
      );
      const before = Object.fromEntries(changed.map((field) => [field, presented(field, current)]));
      const after = Object.fromEntries(changed.map((field) => [field, presented(field, updated)]));
      await this.events.append(manager, 'claim.updated', id, principal, {
        version: updated.version,
        before,
        after,
      });
      if (changed.includes('evidenceStatus')) {
        await this.events.append(manager, 'claim.evidence_status_changed', id, principal, {
          version: updated.version,
          before: { evidenceStatus: before.evidenceStatus },
          after: { evidenceStatus: after.evidenceStatus },
          from: current.evidence_status,
          to: updated.evidence_status,
        });
      }
      return this.load(manager, id, principal);
    });
  }

  async addStance(
    claimId: string,
    input: CreateStanceDto,
    ifMatch: string | undefined,
    principal?: Principal,
  ): Promise<StanceView> {
    return this.transactions.run(async (manager) => {
      const claim = await this.lock(manager, claimId, ifMatch);
      await this.assertMayEdit(manager, claim, ['stances'], principal);
      const stance = await this.insertStance(manager, claimId, input, principal, '');
      const version = await this.bump(manager, claimId);
      await this.events.append(manager, 'claim.stance_added', claimId, principal, { version, stance });
      return stance;
    });
  }

  /**
   * Removes a stance. The event keeps what was removed, who had added it and why it went, so the
   * history shows the removal and the assignee hears of it when it was someone else's.
   */
  async removeStance(
    claimId: string,
    stanceId: string,
    ifMatch: string | undefined,
    principal?: Principal,
    reason?: string,
  ): Promise<void> {
    await this.transactions.run(async (manager) => {
      const claim = await this.lock(manager, claimId, ifMatch);
      await this.assertMayEdit(manager, claim, ['stances'], principal);
      const [stance] = await this.stancesOf(manager, [claimId], stanceId);
      if (!stance) throw notFound('Stance', stanceId);
      await manager.query(`DELETE FROM stances WHERE id = $1`, [stanceId]);
      const version = await this.bump(manager, claimId);
      const removed = toStanceView(stance);
      await this.events.append(manager, 'claim.stance_removed', claimId, principal, {
        version,
        stance: removed,
        addedBy: removed.createdBy,
        reason: reason?.trim() || null,
        assigneeId: claim.assignee_id,
      });
    });
  }

  async addEvidence(
    claimId: string,
    input: CreateEvidenceDto,
    ifMatch: string | undefined,
    principal?: Principal,
  ): Promise<EvidenceView> {
    return this.transactions.run(async (manager) => {
      const claim = await this.lock(manager, claimId, ifMatch);
      await this.assertMayEdit(manager, claim, ['evidence'], principal);
      const [row]: EvidenceRow[] = await manager.query(
        `INSERT INTO evidence (claim_id, kind, summary, url, relation, reliability, created_at, created_by_kind, created_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp(), $7, $8)
         RETURNING ${EVIDENCE_COLUMNS}`,
        [
          claimId,
          input.kind,
          input.summary.trim(),
          input.url ?? null,
          input.relation,
          input.reliability ?? null,
          principal?.kind ?? null,
          principal?.id ?? null,
        ],
      );
      const evidence = toEvidenceView(row);
      const version = await this.bump(manager, claimId);
      await this.events.append(manager, 'claim.evidence_added', claimId, principal, { version, evidence });
      return evidence;
    });
  }

  async removeEvidence(
    claimId: string,
    evidenceId: string,
    ifMatch: string | undefined,
    principal?: Principal,
    reason?: string,
  ): Promise<void> {
    await this.transactions.run(async (manager) => {
      const claim = await this.lock(manager, claimId, ifMatch);
      await this.assertMayEdit(manager, claim, ['evidence'], principal);
      const [row] = returned<EvidenceRow>(
        await manager.query(
          `DELETE FROM evidence WHERE id = $1 AND claim_id = $2 RETURNING ${EVIDENCE_COLUMNS}`,
          [evidenceId, claimId],
        ),
      );
      if (!row) throw notFound('Evidence', evidenceId);
      const version = await this.bump(manager, claimId);
      const removed = toEvidenceView(row);
      await this.events.append(manager, 'claim.evidence_removed', claimId, principal, {
        version,
        evidence: removed,
        addedBy: removed.createdBy,
        reason: reason?.trim() || null,
        assigneeId: claim.assignee_id,
      });
    });
  }

  /**
   * The claim's recorded changes, oldest first, a page at a time. The public sees only its public
   * events, each with what it may see of it (claim-visibility.ts), so a page may hold fewer than `limit`.
   */
  async history(id: string, query: PageQuery, principal?: Principal): Promise<Page<HistoryEntry>> {
    const manager = this.transactions.manager;
    await this.assertExists(manager, id);
    const audience = audienceOf(principal);
    if (audience === 'desk') return this.events.history(id, query);
    const page = await this.events.history(id, query, PUBLIC_EVENT_TYPES);
    return { ...page, items: await this.visibleEvents(manager, id, page.items) };
  }

  /** Events of one claim as the public may see them (history, webhooks); hidden ones are left out. */
  async visibleEvents(
    manager: EntityManager,
    claimId: string,
    entries: HistoryEntry[],
  ): Promise<HistoryEntry[]> {
    const versions = entries.some((entry) => entry.type === 'claim.published')
      ? new Map(
          (await this.publications.allOf(manager, [claimId])).map((version) => [version.reviewId, version]),
        )
      : new Map();
    return entries
      .map((entry) => visibleEvent(entry, 'public', versions))
      .filter((entry): entry is HistoryEntry => entry !== null);
  }

  /** 404 unless the claim exists (for features whose rows hang off a claim). */
  async assertExists(manager: EntityManager, id: string): Promise<void> {
    const [found] = await manager.query(`SELECT 1 FROM claims WHERE id = $1`, [id]);
    if (!found) throw notFound('Claim', id);
  }

  /**
   * The claim as a workflow step reads it. With `lock`, the row is locked for the caller's
   * transaction (steps on one claim are serialised, the second sees the first's outcome) and
   * `If-Match` is checked; 404 when there is no such claim.
   */
  async forWorkflow(
    manager: EntityManager,
    id: string,
    options: { lock: boolean; ifMatch?: string },
  ): Promise<WorkflowClaim> {
    const [row]: ClaimRow[] = await manager.query(
      `SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (!row) throw notFound('Claim', id);
    if (options.lock) assertIfMatch(options.ifMatch, row.version);
    return {
      id: row.id,
      status: row.status,
      assigneeId: row.assignee_id,
      dueAt: row.due_at,
      priority: row.priority,
      evidenceStatus: row.evidence_status,
      tags: row.tags,
      version: row.version,
    };
  }

  /**
   * Sets what a workflow step changes (status, assignee, triage fields, the review's outcome) on
   * a claim the caller has locked with `forWorkflow` and for which `decide()` said yes. A new version.
   */
  async applyWorkflow(manager: EntityManager, id: string, changes: WorkflowChanges): Promise<WorkflowResult> {
    const params: unknown[] = [id];
    const sets = (Object.keys(changes) as (keyof WorkflowChanges)[])
      .filter((key) => changes[key] !== undefined)
      .map((key) => {
        params.push(changes[key]);
        return `${WORKFLOW_COLUMNS[key]} = $${params.length}`;
      });
    const [row] = returned<{
      version: number;
      priority: Priority;
      due_at: Date | null;
      evidence_status: EvidenceStatus;
    }>(
      await manager.query(
        `UPDATE claims SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
          WHERE id = $1 RETURNING version, priority, due_at, evidence_status`,
        params,
      ),
    );
    return {
      version: row.version,
      priority: row.priority,
      dueAt: row.due_at,
      evidenceStatus: row.evidence_status,
    };
  }

  /**
   * The claim as `GET /v1/claims/:id` shows it to `principal`, read with `manager` (so inside a
   * transaction it sees its writes). Without a principal (webhooks) it is the public view
   * (claim-visibility.ts), unless the caller works for the desk and asks for its `audience`.
   */
  async load(
    manager: EntityManager,
    id: string,
    principal?: Principal,
    audience: Audience = audienceOf(principal),
  ): Promise<ClaimView> {
    const [row] = await preparedQuery<ClaimRow & ClaimParts>(manager, 'claim-view', CLAIM_VIEW_SQL, [id]);
    if (!row) throw notFound('Claim', id);
    return this.toView(row, principal, audience);
  }

  /** Several claims as `load` reads them, in one statement, by id; those that do not exist are left out. */
  async loadMany(
    manager: EntityManager,
    ids: readonly string[],
    principal?: Principal,
    audience: Audience = audienceOf(principal),
  ): Promise<Map<string, ClaimView>> {
    if (!ids.length) return new Map();
    const rows = await preparedQuery<ClaimRow & ClaimParts>(manager, 'claim-views', CLAIM_VIEWS_SQL, [ids]);
    return new Map(rows.map((row) => [row.id, this.toView(row, principal, audience)]));
  }

  private toView(
    row: ClaimRow & ClaimParts,
    principal: Principal | undefined,
    audience: Audience,
  ): ClaimView {
    const stances = withDates<StanceRow>(row.stances_json, ['stated_at', 'created_at']);
    const evidence = withDates<EvidenceRow>(row.evidence_json, ['created_at']);
    const [source] = withDates<SourceRow>(row.source_json ? [row.source_json] : [], ['published_at']);
    return this.assemble(
      row,
      {
        source: source ? toSourceView(source) : null,
        stances: stances.map(toStanceView),
        evidence: evidence.map(toEvidenceView),
        reviews: withDates<ReviewRow>(row.reviews_json, ['submitted_at', 'decided_at', 'published_at']),
        // Notes belong to the review feature; the claim view only counts them (served by notes_claim_idx).
        notesCount: row.notes_count,
        published: latestFromJson(row.published_json),
      },
      principal,
      audience,
    );
  }

  /**
   * The claim view from its row and its parts, as `principal` may see it. Built onto the fresh
   * summary with `Object.assign`: an object literal with a second spread took V8's slow copy and
   * cost 14-20 µs per view against 4-5 (docs/performance.md, eleventh pass).
   */
  private assemble(
    row: ClaimRow,
    parts: ClaimViewParts,
    principal: Principal | undefined,
    audience: Audience,
  ): ClaimView {
    const view: ClaimView = Object.assign(
      toSummaryView(row, parts.source, parts.stances),
      { evidence: parts.evidence, notesCount: parts.notesCount },
      claimWorkflowView(
        { status: row.status, assigneeId: row.assignee_id, submitterId: submitterOf(row) },
        parts.reviews,
        principal,
      ),
      { publishedReview: null },
    );
    return visibleClaim(view, parts.published, audience);
  }

  /**
   * Refuses unless the workflow's edit rules let `principal` make every one of `edits` on the
   * claim as it is now (read under the caller's lock). Notes ask through here too.
   */
  async assertMayEdit(
    manager: EntityManager,
    claim: ClaimRow,
    edits: readonly ClaimEdit[],
    principal: Principal | undefined,
  ): Promise<void> {
    const state: EditClaimState = {
      status: claim.status,
      assigneeId: claim.assignee_id,
      submitterId: submitterOf(claim),
    };
    const actor = workflowActor(principal);
    for (const edit of edits) {
      const decision = decideEdit(edit, state, actor);
      if (decision.ok) continue;
      const submittedById =
        claim.status === 'in_approval' ? await this.pendingSubmitter(manager, claim.id) : null;
      throw editRefusal(edit, decision, state, allowedActions({ ...state, submittedById }, actor));
    }
  }

  /** Reads the claim for a change that is not the claim's own (a note): 404 if missing, no lock. */
  async assertMayEditById(
    manager: EntityManager,
    id: string,
    edit: ClaimEdit,
    principal: Principal | undefined,
  ): Promise<void> {
    const [row]: ClaimRow[] = await manager.query(`SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.id = $1`, [
      id,
    ]);
    if (!row) throw notFound('Claim', id);
    await this.assertMayEdit(manager, row, [edit], principal);
  }

  /** Who submitted the review awaiting approval: the four-eyes rule shapes the refusal's `allowedActions`. */
  private async pendingSubmitter(manager: EntityManager, claimId: string): Promise<string | null> {
    const [row]: { submitted_by: string }[] = await manager.query(
      `SELECT submitted_by FROM reviews WHERE claim_id = $1 AND outcome = 'pending' ORDER BY round DESC LIMIT 1`,
      [claimId],
    );
    return row?.submitted_by ?? null;
  }

  /** Locks the claim row for this transaction (writes to one claim are serialised) and checks `If-Match`. */
  private async lock(manager: EntityManager, id: string, ifMatch: string | undefined): Promise<ClaimRow> {
    const [row]: ClaimRow[] = await manager.query(
      `SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) throw notFound('Claim', id);
    assertIfMatch(ifMatch, row.version);
    return row;
  }

  /** Stances and evidence are part of the claim's representation, so changing them is a new version. */
  private async bump(manager: EntityManager, id: string): Promise<number> {
    const [row] = returned<{ version: number }>(
      await manager.query(
        `UPDATE claims SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
        [id],
      ),
    );
    return row.version;
  }

  private async insertStance(
    manager: EntityManager,
    claimId: string,
    input: CreateStanceDto,
    principal: Principal | undefined,
    path: string,
  ): Promise<StanceView> {
    let actorId: string;
    if (input.actorId) {
      const actor = await this.actors.find(manager, input.actorId);
      if (!actor) {
        const field = path ? `${path}.actorId` : 'actorId';
        throw new InvalidInputError(`Actor ${input.actorId} does not exist.`, {
          errors: [{ field, message: `${field} must be the id of an existing actor` }],
        });
      }
      actorId = actor.id;
    } else {
      actorId = (await this.actors.findOrCreate(manager, input.actor!)).actor.id;
    }
    const [existing]: { id: string }[] = await manager.query(
      `SELECT id FROM stances WHERE claim_id = $1 AND actor_id = $2 AND type = $3 LIMIT 1`,
      [claimId, actorId, input.type],
    );
    if (existing) {
      // Writes to one claim run under its row lock, so two requests cannot both pass this check.
      throw new ConflictError(`This actor’s ${input.type} stance is already recorded on the claim.`, {
        type: problemType('duplicate-stance'),
        title: 'Stance already recorded',
        existingStanceId: existing.id,
        ...(path ? { errors: [{ field: path, message: `${path} repeats stance ${existing.id}` }] } : {}),
      });
    }
    // clock_timestamp, not now(): stances added in one request keep the order they were sent in.
    const [inserted]: { id: string }[] = await manager.query(
      `INSERT INTO stances (claim_id, actor_id, type, stated_at, quote, source_url, created_at, created_by_kind, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp(), $7, $8) RETURNING id`,
      [
        claimId,
        actorId,
        input.type,
        input.statedAt ?? null,
        input.quote ?? null,
        input.sourceUrl ?? null,
        principal?.kind ?? null,
        principal?.id ?? null,
      ],
    );
    const [row] = await this.stancesOf(manager, [claimId], inserted.id);
    return toStanceView(row);
  }

  private stancesOf(manager: EntityManager, claimIds: string[], stanceId?: string): Promise<StanceRow[]> {
    if (claimIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `${STANCE_SELECT}
        WHERE s.claim_id = ANY($1::uuid[]) ${stanceId ? 'AND s.id = $2' : ''}
        ORDER BY s.created_at, s.id`,
      stanceId ? [claimIds, stanceId] : [claimIds],
    );
  }
}
