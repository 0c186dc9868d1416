import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ApiKeysService, UsersService } from '@claimdesk/auth';
import { ClaimsService } from '@claimdesk/claims';
import { EventsService, RelayedEvent } from '@claimdesk/events';
import { JobQueue, NotFoundError, TransactionService } from '@claimdesk/platform';
import { NOTIFICATION_COLUMNS, NotificationRow } from '../dto/notification.view';
import { NotificationPublisher } from '../live/notification-publisher';
import { Mailer, subjectLine } from '../mail/mailer';
import { effectivePreferences, emailStateFor, NotificationPreferences } from '../notification-preferences';
import { ClaimNotificationType, NotificationType, notifiesAbout } from '../notification-types';
import { notificationText, planNotifications, webhookDisabledText, webhookOwner } from '../recipients';

interface Recipient {
  id: string;
  email: string;
  name: string;
  active: boolean;
  preferences: NotificationPreferences;
}

/** What the recipient rules and the text need beyond the event itself, read per kind of event. */
interface EventSubject {
  claimAssigneeId: string | null;
  editorIds: string[];
  adminIds: string[];
  text: (type: NotificationType) => string;
}

const SUBJECT_PREFIX = '[claimdesk]';

/**
 * The worker's side of notifications: turns a relayed event into rows, announces them live and
 * queues their mail. Every step is safe to repeat, since BullMQ may run a job more than once.
 */
@Injectable()
export class NotificationDelivery {
  private readonly logger = new Logger(NotificationDelivery.name);

  constructor(
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly claims: ClaimsService,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly publisher: NotificationPublisher,
    private readonly mailer: Mailer,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Creates the notifications of one event and returns those this call created. The unique key
   * (event, recipient, type) makes a second run create nothing, so nothing is announced twice.
   * Mail jobs are enqueued from the stored rows, not from this call's inserts, so a run that
   * failed after inserting still gets its mail queued when retried.
   */
  async notifyForEvent(eventId: string): Promise<NotificationRow[]> {
    const event = await this.events.findRelayed(eventId);
    if (!event) {
      // Event rows are never deleted, so this job belongs to another database sharing the prefix.
      this.logger.warn(`notifications.event: event ${eventId} does not exist; nothing to do`);
      return [];
    }
    if (!notifiesAbout(event.type)) return [];
    const subject =
      event.type === 'webhook.disabled' ? await this.aboutWebhook(event) : await this.aboutClaim(event);
    if (!subject) return [];
    const plan = planNotifications({
      type: event.type,
      actorId: event.actorId,
      payload: event.payload,
      claimAssigneeId: subject.claimAssigneeId,
      editorIds: subject.editorIds,
      adminIds: subject.adminIds,
    });
    const recipients = new Map<string, Recipient>();
    for (const { recipientId } of plan) {
      const recipient = await this.recipient(recipientId);
      // Disabled accounts and ids that name nobody are not notified.
      if (recipient?.active) recipients.set(recipientId, recipient);
    }
    const planned = plan.filter((entry) => recipients.has(entry.recipientId));

    let created: NotificationRow[] = [];
    if (planned.length) {
      const type = planned[0].type;
      const text = subject.text(type);
      created = await this.transactions.manager.query(
        `INSERT INTO notifications
           (recipient_id, type, event_id, claim_id, actor_kind, actor_id, actor_name, text, email_state)
         SELECT r.recipient_id, r.type, $4, $5, $6, $7, $8, $9, r.email_state
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS r (recipient_id, type, email_state)
         ON CONFLICT (event_id, recipient_id, type) DO NOTHING
         RETURNING ${NOTIFICATION_COLUMNS}`,
        [
          planned.map((entry) => entry.recipientId),
          planned.map((entry) => entry.type),
          planned.map((entry) =>
            emailStateFor(recipients.get(entry.recipientId)!.preferences, entry.type, this.mailer.configured),
          ),
          event.id,
          event.claimId,
          event.actorKind,
          event.actorId,
          event.actorName,
          text,
        ],
      );
      created.sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq)));
      await this.publisher.publish(created);
    }

    const queued: { id: string }[] = await this.transactions.manager.query(
      `SELECT id FROM notifications WHERE event_id = $1 AND email_state = 'queued' ORDER BY seq`,
      [event.id],
    );
    if (queued.length) {
      await this.jobs.addBulk(
        queued.map((row) => ({ name: 'notifications.email' as const, payload: { notificationId: row.id } })),
      );
    }
    return created;
  }

  /** What a claim event's recipients and text depend on; null once the claim is gone. */
  private async aboutClaim(event: RelayedEvent): Promise<EventSubject | null> {
    if (!event.claimId) return null;
    // Recipients are desk members, so the desk's view (it names the assignee).
    const claim = await this.claims.get(event.claimId, undefined, 'desk').catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    if (!claim) return null;
    const editorIds =
      event.type === 'claim.overdue'
        ? (await this.users.findActiveWithRole('editor')).map((editor) => editor.id)
        : [];
    return {
      claimAssigneeId: claim.assigneeId,
      editorIds,
      adminIds: [],
      // Claim events plan only claim types; webhook.disabled takes the other branch.
      text: (type) => notificationText(type as ClaimNotificationType, claim.text, event.actorName),
    };
  }

  /**
   * A disabled webhook concerns no claim: its owner is told, or, when a newsroom key owns it, the
   * active admins (read now, so an admin added since the endpoint was created is told too).
   */
  private async aboutWebhook(event: RelayedEvent): Promise<EventSubject | null> {
    const owner = webhookOwner(event.payload);
    if (!owner) {
      this.logger.warn(`webhook.disabled event ${event.id} names no owner; nobody to tell`);
      return null;
    }
    if (owner.kind === 'user') {
      return {
        claimAssigneeId: null,
        editorIds: [],
        adminIds: [],
        text: () => webhookDisabledText(event.payload, { kind: 'user' }),
      };
    }
    const key = await this.apiKeys.get(owner.id).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    return {
      claimAssigneeId: null,
      editorIds: [],
      adminIds: (await this.users.findActiveWithRole('admin')).map((admin) => admin.id),
      text: () => webhookDisabledText(event.payload, { kind: 'api_key', name: key?.name ?? null }),
    };
  }

  /**
   * Mails one notification, unless it went out already or the recipient has since turned mail
   * off, muted the type or switched to the digest. A failed send throws, so BullMQ retries it
   * with backoff; the notification itself was delivered in-app long before.
   */
  async sendEmail(notificationId: string): Promise<'sent' | 'skipped' | 'digest' | 'nothing'> {
    const [row]: (NotificationRow & { email_state: string })[] = await this.transactions.manager.query(
      `SELECT ${NOTIFICATION_COLUMNS}, email_state FROM notifications WHERE id = $1`,
      [notificationId],
    );
    if (!row || row.email_state !== 'queued') return 'nothing';
    const recipient = await this.recipient(row.recipient_id);
    const preferences = recipient?.preferences;
    let outcome: 'sent' | 'skipped' | 'digest';
    if (
      !recipient?.active ||
      !this.mailer.configured ||
      !preferences?.email ||
      preferences.mute.includes(row.type)
    ) {
      outcome = 'skipped';
    } else if (preferences.mode === 'digest') {
      outcome = 'digest';
    } else {
      await this.mailer.send({
        to: recipient.email,
        subject: subjectLine(`${SUBJECT_PREFIX} ${row.text}`),
        text: `${row.text}\n\n${claimLine(row)}${FOOTER}`,
      });
      outcome = 'sent';
    }
    await this.transactions.manager.query(
      `UPDATE notifications SET email_state = $2, emailed_at = CASE WHEN $2 = 'sent' THEN now() END
        WHERE id = $1 AND email_state = 'queued'`,
      [notificationId, outcome],
    );
    return outcome;
  }

  /**
   * The daily digest: one mail per user who chose it, listing what they have not been mailed
   * yet. Each user's rows are marked once their mail is accepted, so a retry after a failure
   * mails only those still waiting.
   */
  async sendDigests(): Promise<{ mails: number; notifications: number }> {
    const users: { recipient_id: string }[] = await this.transactions.manager.query(
      `SELECT DISTINCT recipient_id FROM notifications WHERE email_state = 'digest'`,
    );
    let mails = 0;
    let notifications = 0;
    let failure: unknown;
    for (const { recipient_id: userId } of users) {
      const rows: (NotificationRow & { email_state: string })[] = await this.transactions.manager.query(
        `SELECT ${NOTIFICATION_COLUMNS}, email_state FROM notifications
          WHERE recipient_id = $1 AND email_state = 'digest' ORDER BY seq LIMIT 500`,
        [userId],
      );
      const recipient = await this.recipient(userId);
      const preferences = recipient?.preferences;
      const wanted =
        recipient?.active && this.mailer.configured && preferences?.email
          ? rows.filter((row) => !preferences.mute.includes(row.type))
          : [];
      const unwanted = rows.filter((row) => !wanted.includes(row));
      if (wanted.length) {
        try {
          await this.mailer.send({
            to: recipient!.email,
            subject: `${SUBJECT_PREFIX} ${wanted.length} notification${wanted.length === 1 ? '' : 's'} today`,
            text: `${wanted.map((row) => `- ${row.text}\n  ${claimLine(row)}`).join('\n')}${FOOTER}`,
          });
        } catch (error) {
          // Keep going for everyone else; the job fails at the end and its retry picks up this user.
          failure ??= error;
          continue;
        }
        mails += 1;
        notifications += wanted.length;
      }
      await this.mark(wanted, 'sent');
      await this.mark(unwanted, 'skipped');
    }
    if (failure) throw failure;
    return { mails, notifications };
  }

  private async mark(rows: readonly NotificationRow[], state: 'sent' | 'skipped'): Promise<void> {
    if (!rows.length) return;
    await this.transactions.manager.query(
      `UPDATE notifications SET email_state = $2, emailed_at = CASE WHEN $2 = 'sent' THEN now() END
        WHERE id = ANY($1::uuid[]) AND email_state = 'digest'`,
      [rows.map((row) => row.id), state],
    );
  }

  private async recipient(id: string): Promise<Recipient | null> {
    try {
      const user = await this.users.getOwn(id);
      return {
        id: user.id,
        email: user.email,
        name: user.name,
        active: user.active,
        preferences: effectivePreferences(user.notificationPreferences),
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}

const FOOTER =
  '\n\n--\nYou get this mail because you turned on e-mail notifications in claimdesk ' +
  '(PUT /v1/me/notification-preferences).\n';

const claimLine = (row: NotificationRow) => (row.claim_id ? `Claim: ${row.claim_id}` : '');

function isNotFound(error: unknown): boolean {
  return error instanceof NotFoundError || error instanceof NotFoundException;
}
