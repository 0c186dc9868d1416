import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, ProblemException } from '@claimdesk/platform';
import type { FastifyReply } from 'fastify';
import { NotificationView, toNotificationView } from '../dto/notification.view';
import { NotificationsService } from '../notifications.service';
import { LiveMessage } from './live-channel';
import { NotificationStreams } from './notification-streams.service';

const LAST_EVENT_ID = /^\d{1,18}$/;
/** What EventSource waits before reconnecting after the connection drops (ms). */
const RETRY_MS = 3000;

/** Serves one user's Server-Sent Events stream of new notifications. */
@Injectable()
export class NotificationStreamService {
  private readonly logger = new Logger(NotificationStreamService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly streams: NotificationStreams,
  ) {}

  /**
   * Takes the reply over and keeps it open: a heartbeat comment every NOTIFICATIONS_HEARTBEAT_MS,
   * one event per new notification (`id:` its seq, `data:` the notification as the list shows it).
   * With `Last-Event-ID`, what the client missed is sent first. The live subscription starts
   * before the replay is read, and messages arriving meanwhile wait until the replay is out, so
   * nothing falls between the two and nothing is sent twice.
   */
  async open(userId: string, reply: FastifyReply, lastEventId: string | undefined): Promise<void> {
    if (lastEventId !== undefined && !LAST_EVENT_ID.test(lastEventId.trim())) {
      throw new ProblemException(400, 'Last-Event-ID must be the id of an event this stream sent.', {
        errors: [{ field: 'Last-Event-ID', message: 'must be the id of an event this stream sent' }],
      });
    }
    const raw = reply.raw;
    let pending: LiveMessage[] | null = [];
    const write = (chunk: string) => {
      if (!raw.destroyed && !raw.writableEnded) raw.write(chunk);
    };
    const send = (seq: string, notification: NotificationView) =>
      write(`id: ${seq}\ndata: ${JSON.stringify(notification)}\n\n`);

    let stop: () => void;
    try {
      stop = await this.streams.listen(userId, (message) => {
        if (pending) pending.push(message);
        else send(message.seq, message.notification);
      });
    } catch (error) {
      this.logger.warn(`cannot open a notification stream: ${(error as Error).message}`);
      throw new ProblemException(503, 'Live notifications are unavailable right now; try again shortly.');
    }

    // First beat after the headers below are out: they are written synchronously in this turn.
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), this.config.NOTIFICATIONS_HEARTBEAT_MS);
    let untrack = () => {};
    let closed = false;
    const cleanup = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      stop();
      untrack();
    };
    untrack = this.streams.track(() => {
      cleanup();
      raw.end();
    });
    // The response's 'close' (not the request's, which fires once its body is read) means the client left.
    raw.on('close', cleanup);
    raw.on('error', cleanup);

    reply.hijack();
    // The client may have gone while the subscription was being set up; 'close' has fired by then.
    if (raw.destroyed || !raw.socket || raw.socket.destroyed) {
      cleanup();
      return;
    }
    raw.writeHead(200, {
      // Headers hooks already set (request id, CORS, security) would be lost by writing raw.
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies buffer responses unless told not to.
      'x-accel-buffering': 'no',
    });
    write(`retry: ${RETRY_MS}\n: connected\n\n`);

    const replayed = new Set<string>();
    if (lastEventId !== undefined) {
      try {
        for (const row of await this.notifications.since(userId, lastEventId.trim())) {
          replayed.add(row.id);
          send(row.seq, toNotificationView(row));
        }
      } catch (error) {
        // Ending the stream makes the client reconnect with the same Last-Event-ID and try again.
        this.logger.warn(`notification replay failed: ${(error as Error).message}`);
        cleanup();
        raw.end();
        return;
      }
    }
    const waiting = pending;
    pending = null;
    for (const message of waiting) {
      if (!replayed.has(message.notification.id)) send(message.seq, message.notification);
    }
  }
}
