import { NOTIFICATION_TYPES, NotificationType } from './notification-types';

export const EMAIL_MODES = ['immediate', 'digest'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** A user's notification settings as stored in `users.notification_preferences`. */
export interface NotificationPreferences {
  email: boolean;
  mode: EmailMode;
  /** Types never mailed; they still appear in the list and the live stream. */
  mute: NotificationType[];
}

/**
 * The settings in force for a stored value. Accounts that never chose get no mail: mail is
 * something a user asks for. Unknown or malformed stored values fall back the same way.
 */
export function effectivePreferences(stored: unknown): NotificationPreferences {
  const value = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const mute = Array.isArray(value.mute)
    ? value.mute.filter((type): type is NotificationType =>
        (NOTIFICATION_TYPES as readonly unknown[]).includes(type),
      )
    : [];
  return {
    email: value.email === true,
    mode: value.mode === 'digest' ? 'digest' : 'immediate',
    mute: [...new Set(mute)],
  };
}

export type EmailState = 'none' | 'queued' | 'digest';

/** How a new notification of `type` is to be mailed to someone with these settings. */
export function emailStateFor(
  preferences: NotificationPreferences,
  type: NotificationType,
  mailConfigured: boolean,
): EmailState {
  if (!mailConfigured || !preferences.email || preferences.mute.includes(type)) return 'none';
  return preferences.mode === 'digest' ? 'digest' : 'queued';
}
