import { Injectable } from '@nestjs/common';
import { UsersService } from '@claimdesk/auth';
import { decodeCursor, notFound, Page, toPage, TransactionService } from '@claimdesk/platform';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { NotificationPreferencesDto, NotificationPreferencesView } from './dto/notification-preferences.dto';
import {
  NOTIFICATION_COLUMNS,
  NotificationRow,
  NotificationView,
  toNotificationView,
} from './dto/notification.view';
import { effectivePreferences, NotificationPreferences } from './notification-preferences';

/** At most this many missed notifications are replayed to a reconnecting stream; the list has the rest. */
export const REPLAY_LIMIT = 500;

/** A user's own notifications and settings: what the API reads and changes. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly users: UsersService,
  ) {}

  /** Newest first, keyset-paged on `seq`, so notifications arriving meanwhile never shift a page. */
  async list(userId: string, query: ListNotificationsQuery): Promise<Page<NotificationView>> {
    const params: unknown[] = [userId];
    const where = ['recipient_id = $1'];
    if (query.unread) where.push('read_at IS NULL');
    if (query.cursor) {
      const [seq] = decodeCursor(query.cursor, 1);
      params.push(String(seq));
      where.push(`seq < $${params.length}::bigint`);
    }
    params.push(query.limit + 1);
    const rows: NotificationRow[] = await this.transactions.manager.query(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE ${where.join(' AND ')}
        ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, query.limit, (row) => [row.seq], toNotificationView);
  }

  /** Marks one of the caller's notifications read; someone else's is as unknown as a missing one. */
  async markRead(userId: string, id: string): Promise<NotificationView> {
    const [rows]: [NotificationRow[], number] = await this.transactions.manager.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now())
        WHERE id = $1 AND recipient_id = $2
        RETURNING ${NOTIFICATION_COLUMNS}`,
      [id, userId],
    );
    if (!rows.length) throw notFound('Notification', id);
    return toNotificationView(rows[0]);
  }

  async markAllRead(userId: string): Promise<{ marked: number }> {
    const [, marked]: [unknown[], number] = await this.transactions.manager.query(
      `UPDATE notifications SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return { marked };
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ count }]: { count: number }[] = await this.transactions.manager.query(
      `SELECT count(*)::int AS count FROM notifications WHERE recipient_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return count;
  }

  /** What a stream that last saw `afterSeq` missed, oldest first. */
  async since(userId: string, afterSeq: string): Promise<NotificationRow[]> {
    return this.transactions.manager.query(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications
        WHERE recipient_id = $1 AND seq > $2::bigint
        ORDER BY seq LIMIT $3`,
      [userId, afterSeq, REPLAY_LIMIT],
    );
  }

  async preferences(userId: string): Promise<NotificationPreferences> {
    return effectivePreferences((await this.users.getOwn(userId)).notificationPreferences);
  }

  /** Replaces the caller's settings; what is stored is what `GET /v1/me` shows. */
  async setPreferences(
    userId: string,
    input: NotificationPreferencesDto,
  ): Promise<NotificationPreferencesView> {
    const preferences: NotificationPreferences = {
      email: input.email,
      mode: input.mode ?? 'immediate',
      mute: [...new Set(input.mute ?? [])],
    };
    await this.users.setNotificationPreferences(userId, { ...preferences });
    return preferences;
  }
}
