import { Injectable } from '@nestjs/common';
import { ClaimsService } from '@claimdesk/claims';
import { EventsService } from '@claimdesk/events';
import {
  decodeTimeIdCursor,
  Page,
  PageQuery,
  Principal,
  toPage,
  TransactionService,
} from '@claimdesk/platform';
import { EntityManager } from 'typeorm';
import { CreateNoteDto } from './dto/create-note.dto';
import { NoteUserView, NoteView } from './dto/note.view';
import { parseMentions } from './mentions';

interface NoteRow {
  id: string;
  claim_id: string;
  body: string;
  created_at: Date;
  /** created_at with microseconds: a JS Date keeps only milliseconds, too coarse for a keyset cursor. */
  cursor_at: string;
  author: NoteUserView;
  mentions: NoteUserView[];
}

// Users are joined for display only; the mention ids stay in the note in the order they were written.
const NOTE_SELECT = `
  SELECT n.id, n.claim_id, n.body, n.created_at,
         to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
         json_build_object('id', a.id, 'handle', a.handle, 'name', a.name) AS author,
         (SELECT coalesce(json_agg(json_build_object('id', u.id, 'handle', u.handle, 'name', u.name) ORDER BY m.ord), '[]')
            FROM unnest(n.mentions) WITH ORDINALITY AS m (id, ord) JOIN users u ON u.id = m.id) AS mentions
    FROM notes n JOIN users a ON a.id = n.author_id`;

function toNoteView(row: NoteRow): NoteView {
  return {
    id: row.id,
    claimId: row.claim_id,
    author: row.author,
    body: row.body,
    mentions: row.mentions,
    createdAt: row.created_at.toISOString(),
  };
}

@Injectable()
export class NotesService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly claims: ClaimsService,
  ) {}

  /** Adds a note; the users it mentions are recorded with it and in its `claim.note_added` event. */
  async create(claimId: string, input: CreateNoteDto, principal: Principal): Promise<NoteView> {
    return this.transactions.run(async (manager) => {
      // The edit rules open notes to desk members (never a newsroom key: notes.author_id is a user).
      await this.claims.assertMayEditById(manager, claimId, 'notes', principal);
      const mentions = await this.resolveMentions(manager, parseMentions(input.body), principal.id);
      // clock_timestamp, not now(): notes keep the order they were written in even within one transaction.
      const [inserted]: { id: string }[] = await manager.query(
        `INSERT INTO notes (claim_id, author_id, body, mentions, created_at)
         VALUES ($1, $2, $3, $4::uuid[], clock_timestamp()) RETURNING id`,
        [claimId, principal.id, input.body, mentions],
      );
      await this.events.append(manager, 'claim.note_added', claimId, principal, {
        noteId: inserted.id,
        mentions,
      });
      const [row]: NoteRow[] = await manager.query(`${NOTE_SELECT} WHERE n.id = $1`, [inserted.id]);
      return toNoteView(row);
    });
  }

  /** A claim's notes, oldest first, keyset-paged on (created_at, id). */
  async list(claimId: string, query: PageQuery): Promise<Page<NoteView>> {
    const manager = this.transactions.manager;
    await this.claims.assertExists(manager, claimId);
    const params: unknown[] = [claimId];
    let after = '';
    if (query.cursor) {
      const [at, id] = decodeTimeIdCursor(query.cursor);
      params.push(at, id);
      after = `AND (n.created_at, n.id) > ($2::timestamptz, $3::uuid)`;
    }
    params.push(query.limit + 1);
    const rows: NoteRow[] = await manager.query(
      `${NOTE_SELECT} WHERE n.claim_id = $1 ${after} ORDER BY n.created_at, n.id LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, query.limit, (row) => [row.cursor_at, row.id], toNoteView);
  }

  /**
   * The ids of the active users `names` refer to, in the order of `names`, without the author.
   * A handle wins over an e-mail local part; a local part shared by several users names nobody,
   * since notifying the wrong person is worse than notifying no one. Unknown names are ignored.
   */
  private async resolveMentions(
    manager: EntityManager,
    names: string[],
    authorId: string,
  ): Promise<string[]> {
    if (names.length === 0) return [];
    const users: { id: string; handle: string; local_part: string }[] = await manager.query(
      `SELECT id, handle, lower(split_part(email, '@', 1)) AS local_part
         FROM users
        WHERE active AND (handle = ANY($1::text[]) OR lower(split_part(email, '@', 1)) = ANY($1::text[]))`,
      [names],
    );
    const ids: string[] = [];
    for (const name of names) {
      const byHandle = users.find((user) => user.handle === name);
      const byLocalPart = users.filter((user) => user.local_part === name);
      const id = byHandle?.id ?? (byLocalPart.length === 1 ? byLocalPart[0].id : undefined);
      if (id && id !== authorId && !ids.includes(id)) ids.push(id);
    }
    return ids;
  }
}
