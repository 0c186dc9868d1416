import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { UserRole } from './roles';

/** A member of the desk who signs in with a password. */
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  /** Unique, used for @mentions in notes. */
  @Column({ type: 'text' })
  handle: string;

  /** argon2id; never leaves the auth library (see `toUserView`). */
  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text', array: true })
  roles: UserRole[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  expertise: string[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'notification_preferences', type: 'jsonb', default: () => `'{}'::jsonb` })
  notificationPreferences: Record<string, unknown>;

  /**
   * Goes into every access and stream token as `ver`; a password change or disabling bumps it,
   * which ends the tokens issued before for good (re-enabling does not bring them back). Role
   * changes need no bump: the guard reads roles afresh on every request.
   */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion: number;

  @VersionColumn({ type: 'int' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
