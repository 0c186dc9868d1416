import { INestApplicationContext } from '@nestjs/common';
import {
  ApiKeysService,
  CreateApiKeyDto,
  CreateUserDto,
  ListUsersQuery,
  UsersService,
  UserView,
} from '@claimdesk/auth';
import {
  ClaimsService,
  CreateClaimDto,
  CreateEvidenceDto,
  ListClaimsQuery,
  UpdateClaimDto,
} from '@claimdesk/claims';
import { ConflictError, Principal } from '@claimdesk/platform';
import {
  DismissClaimDto,
  NotesService,
  ReopenClaimDto,
  ReviewActionsService,
  SubmitReviewDto,
  TriageClaimDto,
  AssignClaimDto,
  CreateNoteDto,
} from '@claimdesk/review';
import { CreateWebhookDto, WebhooksService } from '@claimdesk/webhooks';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import { DEMO_CLAIMS, DEMO_FILER_EMAIL, DEMO_TAG, DEMO_USERS, DemoClaim, DemoUser } from './demo-desk.data';
import { DEMO_WORKFLOWS, DemoStep } from './demo-desk.workflow';

export interface DemoLoadOptions {
  /** When given, a demo newsroom (API key) gets a webhook endpoint at this URL, so the desk has a delivery log. */
  webhookUrl?: string;
}

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
  const { evidenceStatus: _setAfterwards, key: _key, ...body } = claim;
  return toDto(CreateClaimDto, body);
}

export function toCreateUserDto(user: DemoUser): CreateUserDto {
  return toDto(CreateUserDto, user);
}

/**
 * Loads the demo desk through the application's own services, so every claim gets its events and
 * history exactly as if the desk had worked on it over the API: each claim is filed, then its
 * workflow (demo-desk.workflow.ts) is replayed through the real actions.
 *
 * Idempotent: users are found by e-mail, everything else by its stable key in `demo_records`;
 * whatever exists is left as it is (including any work done on it since, edits of its text
 * included), so running the loader again, or on every `npm run start:demo`, creates nothing new.
 */
export async function loadDemoDesk(
  app: INestApplicationContext,
  options: DemoLoadOptions = {},
): Promise<DemoLoadResult> {
  const users = app.get(UsersService, { strict: false });
  const claims = app.get(ClaimsService, { strict: false });
  const records = new DemoRecords(app.get(DataSource, { strict: false }));
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
  const as = (email: string): Principal => {
    const user = byEmail.get(email);
    if (!user) throw new Error(`The demo workflow names ${email}, who is not among the demo users`);
    return { kind: 'user', id: user.id, name: user.name, roles: user.roles };
  };
  const principal = as(DEMO_FILER_EMAIL);

  if (options.webhookUrl) await loadNewsroom(app, records, options.webhookUrl, as);

  await records.adoptByText(claims);
  for (const demoClaim of DEMO_CLAIMS) {
    if (await records.find(`claim:${demoClaim.key}`)) {
      result.claims.existing++;
      continue;
    }
    const created = await claims.create(toCreateClaimDto(demoClaim), principal);
    await records.save(`claim:${demoClaim.key}`, created.id);
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
    for (const step of DEMO_WORKFLOWS[demoClaim.key] ?? []) await runStep(app, created.id, step, as);
    result.claims.created++;
  }
  return result;
}

/** One step of a demo claim's workflow, through the service the matching route calls. */
async function runStep(
  app: INestApplicationContext,
  claimId: string,
  step: DemoStep,
  as: (email: string) => Principal,
): Promise<void> {
  const actions = app.get(ReviewActionsService, { strict: false });
  const by = as(step.by);
  switch (step.do) {
    case 'triage': {
      const dueAt =
        step.dueInHours === undefined
          ? undefined
          : new Date(Date.now() + step.dueInHours * 3600_000).toISOString();
      await actions.triage(claimId, toDto(TriageClaimDto, { priority: step.priority, dueAt }), undefined, by);
      return;
    }
    case 'assign':
      await actions.assign(claimId, toDto(AssignClaimDto, { assigneeId: as(step.to).id }), undefined, by);
      return;
    case 'start':
      await actions.start(claimId, undefined, by);
      return;
    case 'evidence': {
      const { do: _do, by: _by, ...evidence } = step;
      await app
        .get(ClaimsService, { strict: false })
        .addEvidence(claimId, toDto(CreateEvidenceDto, evidence), undefined, by);
      return;
    }
    case 'note':
      await app
        .get(NotesService, { strict: false })
        .create(claimId, toDto(CreateNoteDto, { body: step.body }), by);
      return;
    case 'submit': {
      const { do: _do, by: _by, ...review } = step;
      await actions.submit(claimId, toDto(SubmitReviewDto, review), undefined, by);
      return;
    }
    case 'publish':
      await actions.publish(claimId, undefined, by);
      return;
    case 'reopen':
      await actions.reopen(claimId, toDto(ReopenClaimDto, { reason: step.reason }), undefined, by);
      return;
    case 'dismiss':
      await actions.dismiss(claimId, toDto(DismissClaimDto, { reason: step.reason }), undefined, by);
      return;
  }
}

/** A demo newsroom: its API key and a webhook endpoint for published fact-checks, before the claims move. */
async function loadNewsroom(
  app: INestApplicationContext,
  records: DemoRecords,
  webhookUrl: string,
  as: (email: string) => Principal,
): Promise<void> {
  if (await records.find('newsroom:webhook')) return;
  const apiKeys = app.get(ApiKeysService, { strict: false });
  const key = await apiKeys.issue(
    toDto(CreateApiKeyDto, { name: 'Example Newsroom (demo)', role: 'newsroom' }),
    as(DEMO_USERS[0].email),
  );
  await records.save('newsroom:api-key', key.id);
  const newsroom: Principal = { kind: 'api_key', id: key.id, name: key.name, roles: ['newsroom'] };
  const webhook = await app.get(WebhooksService, { strict: false }).create(
    toDto(CreateWebhookDto, {
      url: webhookUrl,
      events: ['claim.triaged', 'claim.published', 'claim.reopened', 'webhook.test'],
      tags: [DEMO_TAG],
      description: 'Demo newsroom: the demo process receives these itself',
    }),
    newsroom,
  );
  await records.save('newsroom:webhook', webhook.id);
}

/** The `demo_records` table: stable demo keys to the ids of what the loader created. */
class DemoRecords {
  constructor(private readonly dataSource: DataSource) {}

  async find(key: string): Promise<string | undefined> {
    const rows: { record_id: string }[] = await this.dataSource.query(
      `SELECT record_id FROM demo_records WHERE key = $1`,
      [key],
    );
    return rows[0]?.record_id;
  }

  async save(key: string, id: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO demo_records (key, record_id) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
      [key, id],
    );
  }

  /**
   * Desks loaded before demo records existed matched claims by text: adopt those claims once under
   * their keys, so upgrading does not load the demo a second time.
   */
  async adoptByText(claims: ClaimsService): Promise<void> {
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM demo_records WHERE key LIKE 'claim:%'`,
    );
    if (count > 0) return;
    const byText = await demoClaimIdsByText(claims);
    for (const demoClaim of DEMO_CLAIMS) {
      const id = byText.get(demoClaim.text);
      if (id) await this.save(`claim:${demoClaim.key}`, id);
    }
  }
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

/** The ids of every claim tagged `demo` by text, paging through the list the API serves. */
async function demoClaimIdsByText(claims: ClaimsService): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const query = Object.assign(new ListClaimsQuery(), { tag: DEMO_TAG, limit: 100, cursor });
    const page = await claims.list(query);
    for (const claim of page.items) texts.set(claim.text, claim.id);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return texts;
}
