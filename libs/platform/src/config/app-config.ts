import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { createHash, randomBytes } from 'node:crypto';

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : value === 'true' || value === '1'
      ? true
      : value === 'false' || value === '0'
        ? false
        : value;
const toInteger = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;

/**
 * Every environment variable the processes read, with its default. Built once at start by
 * `loadConfig`; a bad value stops the process with one line naming the variable.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/claimdesk';

  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be 1-64 letters, digits, "_", "." or "-"' })
  QUEUE_PREFIX = 'claimdesk';

  @ValidateIf((config: AppConfig) => config.NODE_ENV === 'production' || config.JWT_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (required when NODE_ENV=production)' })
  JWT_SECRET?: string;

  /**
   * The key-encryption key of webhook signing secrets at rest: base64 of 32 random bytes
   * (`openssl rand -base64 32`). Every API and worker process must share it.
   */
  @ValidateIf(
    (config: AppConfig) => config.NODE_ENV === 'production' || config.WEBHOOK_SECRETS_KEY !== undefined,
  )
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message:
      'must be the base64 of 32 random bytes, e.g. `openssl rand -base64 32` (required when NODE_ENV=production)',
  })
  WEBHOOK_SECRETS_KEY?: string;

  @IsOptional()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @ValidateIf((config: AppConfig) => config.ADMIN_EMAIL !== undefined || config.ADMIN_PASSWORD !== undefined)
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters when ADMIN_EMAIL is set' })
  ADMIN_PASSWORD?: string;

  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_NETWORKS = false;

  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * How long a refresh token (a sign-in) lasts, in seconds. Rotation keeps the family's expiry, so
   * this is also the longest a session lives before the next password sign-in.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  REFRESH_TOKEN_TTL_SECONDS = 12 * 3600;

  /** The `Secure` flag of the browser session's cookies; Chromium accepts Secure cookies on http://localhost. */
  @Transform(toBoolean)
  @IsBoolean()
  SESSION_COOKIE_SECURE = true;
  /** Successful requests logged per second at most (0: all); errors and 4xx are always logged. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  LOG_REQUESTS_PER_SECOND = 50;

  /** Comma-separated browser origins allowed to call the API (the review dashboard's); none by default. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /**
   * Which proxies may set X-Forwarded-For: `false` (none, the default), `true` (any: only behind a
   * proxy that overwrites it), a hop count, or comma-separated addresses/CIDRs. Rate limits key on the result.
   */
  @Matches(/^(true|false|\d{1,2}|[0-9a-fA-F.:/, ]+)$/, {
    message: 'must be true, false, a hop count or a list of addresses',
  })
  TRUST_PROXY = 'false';

  /** When set, the worker serves Prometheus metrics (job durations, webhook outcomes) on this port. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_METRICS_PORT?: number;

  /** Requests a minute per user, API key or (anonymous) address, counted across all API replicas. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 600;

  /** How often each API process adds its callers' hits to the shared (Redis) rate-limit counters (ms; 0: on every request). */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(10_000)
  RATE_LIMIT_SYNC_MS = 250;

  /** How often the outbox relay looks for events when no LISTEN/NOTIFY wake-up arrives (ms). */
  @Transform(toInteger)
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  OUTBOX_POLL_MS = 2000;

  /** Events the relay locks and enqueues per transaction. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1000)
  OUTBOX_BATCH_SIZE = 100;

  /**
   * Relayed events older than this (ms) that a consumer has not recorded are enqueued again for it
   * (a Redis that came back empty, a job lost otherwise); the sweep runs every quarter of it, at most every 15 s.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(24 * 3600 * 1000)
  OUTBOX_SWEEP_AFTER_MS = 60_000;

  /** How often a notification stream sends a heartbeat comment, so proxies keep it open (ms). */
  @Transform(toInteger)
  @IsInt()
  @Min(50)
  @Max(300_000)
  NOTIFICATIONS_HEARTBEAT_MS = 15_000;

  /** The From address of notification e-mails. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'claimdesk <notifications@claimdesk.invalid>';

  /** Delays (ms) before each webhook retry, comma-separated; ±20 % jitter is added. Its length caps the retries. */
  @Matches(/^\d{1,10}(,\d{1,10}){0,19}$/, { message: 'must be a comma-separated list of 1-20 delays in ms' })
  WEBHOOK_RETRY_SCHEDULE = '5000,300000,1800000,7200000,18000000,36000000,36000000';

  /** A webhook endpoint failing without a success for this long (ms) is disabled and its owner told. */
  @Transform(toInteger)
  @IsInt()
  @Min(1000)
  WEBHOOK_DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;

  /** How long one webhook delivery may take (ms) before it counts as failed. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 15_000;

  /** How often the worker looks for webhook deliveries that are due: retries, replays, tests (ms). */
  @Transform(toInteger)
  @IsInt()
  @Min(50)
  @Max(60_000)
  WEBHOOK_POLL_MS = 1000;

  /** Longest any one SQL statement of the API or the worker may run (ms; 0: no limit): a slow query answers 503, it cannot pile up. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(600_000)
  DB_STATEMENT_TIMEOUT_MS = 5000;

  /** How long the API trusts a user's access token it has just verified, without reading the user again (ms; 0: never). */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(60_000)
  PRINCIPAL_CACHE_MS = 5000;

  /**
   * Webhook jobs one worker process runs at once, in each of the two webhook queues: delivery
   * batches (up to 100 messages each, mostly waiting on the receivers) and fan-out jobs (mostly
   * waiting for the shared pass that takes their event).
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_CONCURRENCY = 64;

  /** Jobs of every other queue one worker process runs at once. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1000)
  WORKER_CONCURRENCY = 8;

  /** The organisation publishing the fact-checks (ClaimReview `author`). */
  @IsString()
  @MinLength(1)
  ORG_NAME = 'claimdesk';

  /** Where readers reach this API from outside (no trailing slash); default `http://localhost:<PORT>`. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*[^/\s])?$/, {
    message: 'must be an http(s) URL without a trailing slash',
  })
  PUBLIC_BASE_URL?: string;

  /** The organisation's site (ClaimReview `author.url`); default PUBLIC_BASE_URL. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  ORG_URL?: string;

  /** The public address of a fact-check; `{id}` becomes the claim id (ClaimReview `url`); default the fact-check page. */
  @IsOptional()
  @Matches(/^https?:\/\/\S*\{id\}\S*$/, { message: 'must be an http(s) URL containing {id}' })
  PUBLIC_CLAIM_URL_TEMPLATE?: string;

  /** How long before an assignment's due date its assignee is reminded (ms). */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(30 * 24 * 3600 * 1000)
  REVIEW_DUE_SOON_LEAD_MS = 24 * 3600 * 1000;

  /** Assign each triaged claim to the least-loaded active fact-checker whose expertise matches its tags. */
  @Transform(toBoolean)
  @IsBoolean()
  REVIEW_AUTO_ASSIGN = false;

  /** The built review dashboard (`npm run build:dashboard`), served at /app when the folder exists. */
  @IsString()
  @MinLength(1)
  DASHBOARD_DIR = 'apps/dashboard/dist';

  /**
   * How often the worker's recovery sweeps (outbox, queued mail, review timers) look for work Redis
   * lost: a quarter of OUTBOX_SWEEP_AFTER_MS, so lost work waits at most 1.25 × that, and never
   * rarer than every 15 s.
   */
  get sweepIntervalMs(): number {
    return Math.min(Math.max(Math.floor(this.OUTBOX_SWEEP_AFTER_MS / 4), 50), 15_000);
  }

  /** The secret used for tokens: the configured one, or a random one per development process. */
  get jwtSecret(): string {
    this.#generatedJwtSecret ??= this.JWT_SECRET ?? randomBytes(32).toString('base64url');
    return this.#generatedJwtSecret;
  }

  // `#` fields: a plain field would be an own key, so loadConfig would read it from the environment too.
  #generatedJwtSecret?: string;

  /**
   * The key that encrypts webhook secrets at rest: the configured one, or (outside production) one
   * derived from DATABASE_URL. Not random per process like jwtSecret: the API seals what the worker
   * opens, and rows must stay readable across restarts. The derived key is public knowledge, so it
   * protects nothing; production refuses to start without a real one.
   */
  get webhookSecretsKey(): Buffer {
    this.#cachedWebhookSecretsKey ??= this.WEBHOOK_SECRETS_KEY
      ? Buffer.from(this.WEBHOOK_SECRETS_KEY, 'base64')
      : createHash('sha256')
          .update(`claimdesk development webhook secrets key\n${this.DATABASE_URL}`)
          .digest();
    return this.#cachedWebhookSecretsKey;
  }

  #cachedWebhookSecretsKey?: Buffer;

  /** PUBLIC_BASE_URL, or this process's own address on the configured port. */
  get publicBaseUrl(): string {
    return this.PUBLIC_BASE_URL ?? `http://localhost:${this.PORT}`;
  }

  get orgUrl(): string {
    return this.ORG_URL ?? this.publicBaseUrl;
  }

  /** ClaimReview `url`: the public fact-check page (`/fact-checks/:id`) unless configured. */
  get publicClaimUrlTemplate(): string {
    return this.PUBLIC_CLAIM_URL_TEMPLATE ?? `${this.publicBaseUrl}/fact-checks/{id}`;
  }

  /** TRUST_PROXY in the form Fastify takes. */
  get trustProxy(): boolean | number | string {
    if (this.TRUST_PROXY === 'true' || this.TRUST_PROXY === 'false') return this.TRUST_PROXY === 'true';
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }
}

export class ConfigError extends Error {}

/** Variables without a default (absent unless set), so not found among a fresh AppConfig's keys. */
const OPTIONAL_VARIABLES = [
  'JWT_SECRET',
  'WEBHOOK_SECRETS_KEY',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'SMTP_URL',
  'CORS_ORIGINS',
  'WORKER_METRICS_PORT',
  'PUBLIC_BASE_URL',
  'ORG_URL',
  'PUBLIC_CLAIM_URL_TEMPLATE',
] as const satisfies readonly (keyof AppConfig)[];

/** Connection URLs may carry a password; the start-up error names the variable without echoing it. */
const withoutCredentials = (value: string) => value.replace(/:[^@\s/]*@/g, ':***@');

/** Every environment variable `loadConfig` reads, in declaration order (the README's table lists them all). */
export function configVariables(): string[] {
  return [...Object.keys(new AppConfig()), ...OPTIONAL_VARIABLES];
}

/** Reads and validates the environment; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of configVariables()) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const [first] = validateSync(config, { skipMissingProperties: false });
  if (first) {
    const constraints = first.constraints ?? {};
    // A value of the wrong type is best explained by the type check, not by a range check after it.
    const reason =
      constraints.isInt ?? constraints.isBoolean ?? Object.values(constraints)[0] ?? 'is invalid';
    const shown = /SECRET|PASSWORD|KEY/.test(first.property)
      ? ''
      : ` (got "${withoutCredentials(String(first.value))}")`;
    throw new ConfigError(
      `Invalid configuration: ${first.property} ${reason.replace(`${first.property} `, '')}${shown}`,
    );
  }
  return config;
}

/** Loads the config or ends the process with the one-line reason, as operators expect at start. */
export function exitOnConfigError(load: () => AppConfig): AppConfig {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
