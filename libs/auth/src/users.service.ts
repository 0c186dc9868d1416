import { PrincipalCache } from './guards/principal-cache';
import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  assertIfMatch,
  decodeCursor,
  notFound,
  Page,
  Principal,
  ConflictError,
  toPage,
  TransactionService,
} from '@claimdesk/platform';
import { EventsService } from '@claimdesk/events';
import { EntityManager, QueryFailedError } from 'typeorm';
import { hashPassword, verifyPassword } from './credentials';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateUserDto } from './dto/update-user.dto';
import { toUserView, UserView } from './dto/user.view';
import { firstFreeHandle, handleFromEmail } from './handle';
import { RefreshTokensService } from './sessions/refresh-tokens.service';
import { User } from './user.entity';

/** What the auth guard needs to know about a user on every request. */
export interface UserIdentity {
  id: string;
  name: string;
  roles: User['roles'];
  active: boolean;
  /** The `ver` a token must carry (see `User.tokenVersion`). */
  tokenVersion: number;
}

/** Advisory lock id for "create the first admin": replicas starting together create one, not several. */
const BOOTSTRAP_LOCK = 7_264_270_200;

@Injectable()
export class UsersService implements OnModuleInit {
  /** Verified when the e-mail is unknown, so an unknown address costs as much time as a wrong password. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly principals: PrincipalCache,
  ) {}

  /** Hashing the dummy at start keeps the first unknown-address sign-in from costing two hashes. */
  async onModuleInit(): Promise<void> {
    await this.dummy();
  }

  /** `actor` is who is recorded in the audit event: the admin calling the API, or nobody (scripts, tests). */
  async create(input: CreateUserDto, actor?: Principal | null): Promise<UserView> {
    const passwordHash = await hashPassword(input.password);
    return this.transactions.run(async (manager) => {
      const email = input.email.trim().toLowerCase();
      if (await this.emailTaken(manager, email)) throw emailConflict();
      let handle = input.handle;
      if (handle !== undefined) {
        if (await this.handleTaken(manager, handle)) throw handleConflict(handle);
      } else {
        handle = await this.freeHandleFor(manager, email);
      }
      const user = await uniqueOr409(
        manager.getRepository(User).save({
          email,
          name: input.name,
          handle,
          passwordHash,
          roles: input.roles,
          expertise: input.expertise ?? [],
        }),
      );
      await this.events.append(manager, 'user.created', null, actor, auditedUser(user));
      return toUserView(user);
    });
  }

  async list(query: ListUsersQuery): Promise<Page<UserView>> {
    const builder = this.transactions.manager
      .getRepository(User)
      .createQueryBuilder('user')
      .orderBy('user.email', 'ASC')
      .limit(query.limit + 1);
    if (query.cursor) {
      const [email] = decodeCursor(query.cursor, 1);
      builder.andWhere('user.email > :after', { after: String(email) });
    }
    if (query.role) builder.andWhere(':role = ANY(user.roles)', { role: query.role });
    if (query.active !== undefined) builder.andWhere('user.active = :active', { active: query.active });
    if (query.q) {
      const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      builder.andWhere('(lower(user.name) LIKE :q OR user.email LIKE :q OR user.handle LIKE :q)', {
        q: pattern,
      });
    }
    const rows = await builder.getMany();
    return toPage(rows, query.limit, (row) => [row.email], toUserView);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.transactions.manager.getRepository(User).findOneBy({ id });
    if (!user) throw notFound('User', id);
    return toUserView(user);
  }

  /** The full row for `GET /v1/me`, with the user's own settings. */
  async getOwn(id: string): Promise<UserView & { notificationPreferences: Record<string, unknown> }> {
    const user = await this.transactions.manager.getRepository(User).findOneBy({ id });
    if (!user) throw notFound('User', id);
    return { ...toUserView(user), notificationPreferences: user.notificationPreferences };
  }

  /**
   * Changes only the fields sent. A new password or disabling also bumps `tokenVersion` and revokes
   * every refresh token, so every token issued before stops working at once and for good: sessions
   * of whoever knew the old password end with it, and re-enabling an account revives none.
   */
  async update(
    id: string,
    patch: UpdateUserDto,
    ifMatch?: string,
    actor?: Principal | null,
  ): Promise<UserView> {
    const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
    const view = await this.transactions.run(async (manager) => {
      const repository = manager.getRepository(User);
      const user = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User', id);
      assertIfMatch(ifMatch, user.version);
      const losesAdmin =
        user.active &&
        user.roles.includes('admin') &&
        (patch.active === false || (patch.roles !== undefined && !patch.roles.includes('admin')));
      if (losesAdmin && !(await this.anotherActiveAdmin(manager, id))) {
        throw new ConflictError('At least one active admin must remain.');
      }
      const before = auditedUser(user);
      if (patch.handle !== undefined && patch.handle !== user.handle) {
        if (await this.handleTaken(manager, patch.handle)) throw handleConflict(patch.handle);
        user.handle = patch.handle;
      }
      if (patch.name !== undefined) user.name = patch.name;
      if (patch.roles !== undefined) user.roles = patch.roles;
      if (patch.expertise !== undefined) user.expertise = patch.expertise;
      const disabling = patch.active === false && user.active;
      if (patch.active !== undefined) user.active = patch.active;
      if (passwordHash !== undefined) user.passwordHash = passwordHash;
      if (passwordHash !== undefined || disabling) {
        user.tokenVersion += 1;
        await this.refreshTokens.revokeAllForUser(manager, user.id);
      }
      const saved = await uniqueOr409(repository.save(user));
      const after = auditedUser(saved);
      const changed = AUDITED_USER_FIELDS.filter(
        (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
      );
      if (changed.length > 0 || passwordHash !== undefined) {
        await this.events.append(manager, 'user.updated', null, actor, {
          userId: saved.id,
          email: saved.email,
          version: saved.version,
          changed: passwordHash === undefined ? changed : [...changed, 'password'],
          before: Object.fromEntries(changed.map((field) => [field, before[field]])),
          after: Object.fromEntries(changed.map((field) => [field, after[field]])),
          // Never the password or its hash: only that it changed.
          ...(passwordHash === undefined ? {} : { passwordChanged: true }),
        });
      }
      return toUserView(saved);
    });
    // After the commit: a request in between would cache the old row again.
    this.principals.forgetUser(id);
    return view;
  }

  /**
   * The user for the auth guard; disabled users are returned too, so the caller can refuse them.
   * `manager`: the caller's transaction, when it reads inside one.
   */
  async findIdentity(id: string, manager = this.transactions.manager): Promise<UserIdentity | null> {
    return manager.getRepository(User).findOne({
      select: { id: true, name: true, roles: true, active: true, tokenVersion: true },
      where: { id },
    });
  }

  /**
   * The active user with this e-mail and password, or null. Unknown addresses and disabled users
   * cost one argon2 verification like everyone else, so response times do not tell them apart.
   */
  async verifyCredentials(email: string, password: string): Promise<User | null> {
    const user = await this.transactions.manager
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    const matches = await verifyPassword(user?.passwordHash ?? (await this.dummy()), password);
    if (!user || !matches || !user.active) return null;
    return user;
  }

  /** Creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD when there is no user at all. */
  async ensureFirstAdmin(email: string, password: string): Promise<UserView | null> {
    const passwordHash = await hashPassword(password);
    return this.transactions.run(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const [{ exists }] = await manager.query('SELECT EXISTS (SELECT 1 FROM users) AS exists');
      if (exists) return null;
      const normalized = email.trim().toLowerCase();
      const user = await manager.getRepository(User).save({
        email: normalized,
        name: 'Administrator',
        handle: await this.freeHandleFor(manager, normalized),
        passwordHash,
        roles: ['admin'],
        expertise: [],
      });
      // Made by the process at start-up from its environment, not by anyone signed in.
      await this.events.append(manager, 'user.bootstrapped', null, null, auditedUser(user));
      return toUserView(user);
    });
  }

  /** Active users holding a role, e.g. the editors to tell about overdue claims. */
  async findActiveWithRole(role: User['roles'][number]): Promise<UserView[]> {
    const rows = await this.transactions.manager
      .getRepository(User)
      .createQueryBuilder('user')
      .where(':role = ANY(user.roles)', { role })
      .andWhere('user.active')
      .orderBy('user.email')
      .getMany();
    return rows.map(toUserView);
  }

  /** Users by mention handle (unknown handles are left out). */
  async findByHandles(handles: string[]): Promise<UserView[]> {
    if (handles.length === 0) return [];
    const rows = await this.transactions.manager
      .getRepository(User)
      .createQueryBuilder('user')
      .where('user.handle = ANY(:handles)', { handles: handles.map((handle) => handle.toLowerCase()) })
      .getMany();
    return rows.map(toUserView);
  }

  async setNotificationPreferences(id: string, preferences: Record<string, unknown>): Promise<void> {
    const result: [unknown[], number] = await this.transactions.manager.query(
      `UPDATE users SET notification_preferences = $2::jsonb, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(preferences)],
    );
    if (result[1] === 0) throw notFound('User', id);
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
    return this.dummyHash;
  }

  private async emailTaken(manager: EntityManager, email: string): Promise<boolean> {
    return manager.getRepository(User).exists({ where: { email } });
  }

  private async handleTaken(manager: EntityManager, handle: string): Promise<boolean> {
    return manager.getRepository(User).exists({ where: { handle } });
  }

  private async freeHandleFor(manager: EntityManager, email: string): Promise<string> {
    const base = handleFromEmail(email);
    // base is [a-z0-9_] only, so it is safe inside the pattern.
    const rows: { handle: string }[] = await manager.query(
      `SELECT handle FROM users WHERE handle = $1 OR handle ~ ('^' || $1 || '_[0-9]+$')`,
      [base],
    );
    return firstFreeHandle(
      base,
      rows.map((row) => row.handle),
    );
  }

  private async anotherActiveAdmin(manager: EntityManager, exceptId: string): Promise<boolean> {
    const [{ exists }] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM users WHERE active AND 'admin' = ANY(roles) AND id <> $1) AS exists`,
      [exceptId],
    );
    return exists;
  }
}

/** The user fields an audit event records; the password and its hash are deliberately not among them. */
const AUDITED_USER_FIELDS = ['email', 'name', 'handle', 'roles', 'expertise', 'active'] as const;
type AuditedUserField = (typeof AUDITED_USER_FIELDS)[number];

function auditedUser(user: User): { userId: string } & Record<AuditedUserField, unknown> {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    handle: user.handle,
    roles: [...user.roles],
    expertise: [...user.expertise],
    active: user.active,
  };
}

const emailConflict = () => new ConflictError('A user with this e-mail address already exists.');
const handleConflict = (handle: string) => new ConflictError(`The handle "${handle}" is taken.`);

/** A concurrent insert can still win the race to a unique e-mail or handle: answer 409 with which one. */
async function uniqueOr409<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const driverError = (error as QueryFailedError & { driverError?: { code?: string; constraint?: string } })
      .driverError;
    if (error instanceof QueryFailedError && driverError?.code === '23505') {
      throw driverError.constraint === 'users_handle_key'
        ? new ConflictError('The handle is taken.')
        : emailConflict();
    }
    throw error;
  }
}
