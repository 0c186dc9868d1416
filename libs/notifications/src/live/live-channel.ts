import { AppConfig } from '@claimdesk/platform';
import { NotificationView } from '../dto/notification.view';

/**
 * One Redis pub/sub channel per install carries every new notification; each API process
 * subscribes once and hands messages to its own streams. Per-user channels would need a
 * subscription per connected user; at a desk's scale one channel is simpler and as cheap.
 */
export const liveChannel = (config: AppConfig) => `${config.QUEUE_PREFIX}:notifications`;

export interface LiveMessage {
  userId: string;
  /** The SSE id: the notification's `seq`. */
  seq: string;
  notification: NotificationView;
}

export function parseLiveMessage(raw: string): LiveMessage | null {
  try {
    const value = JSON.parse(raw) as Partial<LiveMessage>;
    if (typeof value?.userId === 'string' && typeof value.seq === 'string' && value.notification?.id) {
      return value as LiveMessage;
    }
  } catch {
    // a foreign or truncated message: ignored below
  }
  return null;
}
