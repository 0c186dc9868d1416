import { Role } from '@claimdesk/platform';

/** Roles a user account can hold; `newsroom` belongs to API keys only. */
export const USER_ROLES = ['admin', 'editor', 'fact_checker'] as const satisfies readonly Role[];
export type UserRole = (typeof USER_ROLES)[number];

export const API_KEY_ROLES = ['newsroom'] as const satisfies readonly Role[];
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];
