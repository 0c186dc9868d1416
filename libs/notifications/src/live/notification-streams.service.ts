import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@claimdesk/platform';
import Redis from 'ioredis';
import { LiveMessage, liveChannel, parseLiveMessage } from './live-channel';

export type LiveListener = (message: LiveMessage) => void;

/**
 * This API process's side of live notifications: one Redis subscriber connection (opened when
 * the first stream connects), fanned out in memory to the streams of each user.
 */
@Injectable()
export class NotificationStreams implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationStreams.name);
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private subscriber?: Redis;
  private subscribed?: Promise<void>;
  private readonly closers = new Set<() => void>();

  constructor(private readonly config: AppConfig) {}

  /** Streams open in this process; for tests and metrics. */
  get openStreams(): number {
    return this.closers.size;
  }

  /**
   * Starts delivering `userId`'s new notifications to `listener`; resolves once the subscription
   * is live, so a replay read afterwards cannot miss a notification published in between.
   * Returns the function that stops it.
   */
  async listen(userId: string, listener: LiveListener): Promise<() => void> {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    const stop = () => {
      const current = this.listeners.get(userId);
      current?.delete(listener);
      if (current?.size === 0) this.listeners.delete(userId);
    };
    try {
      await this.ensureSubscribed();
    } catch (error) {
      stop();
      throw error;
    }
    return stop;
  }

  /** Streams register how to end themselves, so shutdown is not held open by them. */
  track(close: () => void): () => void {
    this.closers.add(close);
    return () => {
      this.closers.delete(close);
    };
  }

  /** Open streams would keep the HTTP server from closing: end them first (clients reconnect elsewhere). */
  beforeApplicationShutdown(): void {
    for (const close of [...this.closers]) close();
    this.closers.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    this.listeners.clear();
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    this.subscribed = undefined;
    await subscriber?.quit().catch(() => subscriber.disconnect());
  }

  private ensureSubscribed(): Promise<void> {
    if (!this.subscribed) {
      // A connection in subscriber mode can do nothing else, hence its own, separate from REDIS.
      const subscriber = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: 2 });
      subscriber.on('error', (error) => this.logger.warn(`notification subscriber: ${error.message}`));
      subscriber.on('message', (_channel: string, raw: string) => this.deliver(raw));
      this.subscriber = subscriber;
      this.subscribed = subscriber.subscribe(liveChannel(this.config)).then(
        () => undefined,
        (error: unknown) => {
          // Let the next stream try again instead of inheriting this failure forever.
          this.subscribed = undefined;
          this.subscriber = undefined;
          subscriber.disconnect();
          throw error;
        },
      );
    }
    return this.subscribed;
  }

  private deliver(raw: string): void {
    const message = parseLiveMessage(raw);
    if (!message) return;
    for (const listener of this.listeners.get(message.userId) ?? []) {
      try {
        listener(message);
      } catch (error) {
        this.logger.warn(`notification stream listener failed: ${(error as Error).message}`);
      }
    }
  }
}
