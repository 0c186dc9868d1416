import { INestApplicationContext } from '@nestjs/common';
import { CreateUserDto, ListUsersQuery, UsersService, UserView } from '@claimdesk/auth';
import { ClaimsService, CreateClaimDto, ListClaimsQuery, UpdateClaimDto } from '@claimdesk/claims';
import { ConflictError, Principal } from '@claimdesk/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DEMO_CLAIMS, DEMO_FILER_EMAIL, DEMO_TAG, DEMO_USERS, DemoClaim, DemoUser } from './demo-desk.data';

export interface DemoLoadResult {
  users: { created: number; existing: number };
  claims: { created: number; existing: number };
}

/**
 * Turns a demo record into the DTO the API would have built from a request body, checked by the
 * same class-validator rules (unknown fields included), so the demo can never hold what a client
 * could not send.
 */
export function toDto<T extends object>(type: new () => T, plain: object): T {
  const dto = plainToInstance(type, plain);
  const [error] = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (error) throw new Error(`Demo data does not pass ${type.name} validation: ${error.toString()}`);
  return dto;
}

export function toCreateClaimDto(claim: DemoClaim): CreateClaimDto {
  const { evidenceStatus: _setAfterwards, ...body } = claim;
  return toDto(CreateClaimDto, body);
}

export function toCreateUserDto(user: DemoUser): CreateUserDto {
  return toDto(CreateUserDto, user);
}

/**
 * Loads the demo desk through the application's own services, so every claim gets its
 * `claim.created` event and history exactly as if an editor had filed it over the API.
 *
 * Idempotent: users are found by e-mail and claims by their exact text among claims tagged `demo`;
 * whatever exists is left as it is (including any work done on it since), so running the loader
 * again, or on every `npm run start:demo`, creates nothing new.
 */
export async function loadDemoDesk(app: INestApplicationContext): Promise<DemoLoadResult> {
  const users = app.get(UsersService, { strict: false });
  const claims = app.get(ClaimsService, { strict: false });
  const result: DemoLoadResult = { users: { created: 0, existing: 0 }, claims: { created: 0, existing: 0 } };

  const byEmail = new Map<string, UserView>();
  for (const demoUser of DEMO_USERS) {
    const found = await findUserByEmail(users, demoUser.email);
    if (found) {
      result.users.existing++;
      byEmail.set(demoUser.email, found);
      continue;
    }
    byEmail.set(demoUser.email, await createUser(users, demoUser));
    result.users.created++;
  }

  const filer = byEmail.get(DEMO_FILER_EMAIL);
  if (!filer) throw new Error(`The demo filer ${DEMO_FILER_EMAIL} is not among the demo users`);
  const principal: Principal = { kind: 'user', id: filer.id, name: filer.name, roles: filer.roles };

  const existingTexts = await demoClaimTexts(claims);
  for (const demoClaim of DEMO_CLAIMS) {
    if (existingTexts.has(demoClaim.text)) {
      result.claims.existing++;
      continue;
    }
    const created = await claims.create(toCreateClaimDto(demoClaim), principal);
    // The contract sets evidence status by PATCH, not on create; the loader does the same, so the
    // history shows the change as a desk would have made it.
    if (created.evidenceStatus !== demoClaim.evidenceStatus) {
      await claims.update(
        created.id,
        toDto(UpdateClaimDto, { evidenceStatus: demoClaim.evidenceStatus }),
        undefined,
        principal,
      );
    }
    result.claims.created++;
  }
  return result;
}

async function findUserByEmail(users: UsersService, email: string): Promise<UserView | undefined> {
  const query = Object.assign(new ListUsersQuery(), { q: email, limit: 100 });
  const page = await users.list(query);
  return page.items.find((user) => user.email === email.toLowerCase());
}

async function createUser(users: UsersService, demoUser: DemoUser): Promise<UserView> {
  try {
    return await users.create(toCreateUserDto(demoUser));
  } catch (error) {
    // A real user may already hold the demo handle; the demo user then gets one derived from the e-mail.
    if (error instanceof ConflictError) {
      const { handle: _taken, ...withoutHandle } = demoUser;
      return users.create(toDto(CreateUserDto, withoutHandle));
    }
    throw error;
  }
}

/** The texts of every claim tagged `demo`, paging through the list the API serves. */
async function demoClaimTexts(claims: ClaimsService): Promise<Set<string>> {
  const texts = new Set<string>();
  let cursor: string | undefined;
  do {
    const query = Object.assign(new ListClaimsQuery(), { tag: DEMO_TAG, limit: 100, cursor });
    const page = await claims.list(query);
    for (const claim of page.items) texts.add(claim.text);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return texts;
}
