import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppConfig, ConfigError, loadConfig } from './app-config';

/** Loads `env` and returns the ConfigError it raised; fails the test when it loads. */
function rejectionOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

const WEBHOOK_SECRETS_KEY = randomBytes(32).toString('base64');

describe('loadConfig', () => {
  it('gives every variable a working local default', () => {
    const config = loadConfig({});
    expect(config).toBeInstanceOf(AppConfig);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/claimdesk',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'claimdesk',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: false,
      LOG_LEVEL: 'info',
      OUTBOX_POLL_MS: 2000,
      OUTBOX_BATCH_SIZE: 100,
    });
    expect(config.JWT_SECRET).toBeUndefined();
    expect(config.ADMIN_EMAIL).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
  });

  it('derives the public addresses from the port unless they are configured', () => {
    const config = loadConfig({ PORT: '8080' });
    expect(config.publicBaseUrl).toBe('http://localhost:8080');
    expect(config.orgUrl).toBe('http://localhost:8080');
    expect(config.publicClaimUrlTemplate).toBe('http://localhost:8080/fact-checks/{id}');
    const behindProxy = loadConfig({ PORT: '8080', PUBLIC_BASE_URL: 'https://checks.example.org' });
    expect(behindProxy.orgUrl).toBe('https://checks.example.org');
    expect(behindProxy.publicClaimUrlTemplate).toBe('https://checks.example.org/fact-checks/{id}');
    const explicit = loadConfig({
      PUBLIC_BASE_URL: 'https://checks.example.org',
      ORG_URL: 'https://desk.example.org',
      PUBLIC_CLAIM_URL_TEMPLATE: 'https://desk.example.org/c/{id}',
    });
    expect(explicit.orgUrl).toBe('https://desk.example.org');
    expect(explicit.publicClaimUrlTemplate).toBe('https://desk.example.org/c/{id}');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', SMTP_URL: '', ADMIN_EMAIL: '' })).toMatchObject({ PORT: 3000 });
  });

  it('converts numbers and booleans from their text', () => {
    const config = loadConfig({
      PORT: '8080',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      QUEUE_PREFIX: 'desk-2.a_b',
    });
    expect(config.PORT).toBe(8080);
    expect(config.WEBHOOK_ALLOW_PRIVATE_NETWORKS).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: '0' }).WEBHOOK_ALLOW_PRIVATE_NETWORKS).toBe(false);
  });

  it('accepts production with a long secret and keeps that secret for tokens', () => {
    const secret = 'x'.repeat(40);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, WEBHOOK_SECRETS_KEY });
    expect(config.jwtSecret).toBe(secret);
  });

  it('uses the configured webhook secrets key', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), WEBHOOK_SECRETS_KEY });
    expect(config.webhookSecretsKey).toEqual(Buffer.from(WEBHOOK_SECRETS_KEY, 'base64'));
    expect(config.webhookSecretsKey).toHaveLength(32);
  });

  // The API seals what the worker opens: separate processes must agree without any configuration.
  it('derives the same webhook secrets key in every development process of one database', () => {
    const key = loadConfig({}).webhookSecretsKey;
    expect(key).toHaveLength(32);
    expect(loadConfig({ NODE_ENV: 'test' }).webhookSecretsKey).toEqual(key);
    expect(
      loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/other' }).webhookSecretsKey,
    ).not.toEqual(key);
    expect(loadConfig({ WEBHOOK_SECRETS_KEY }).webhookSecretsKey).toEqual(
      Buffer.from(WEBHOOK_SECRETS_KEY, 'base64'),
    );
  });

  it('makes up one random token secret per development process', () => {
    const config = loadConfig({});
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.jwtSecret).toBe(config.jwtSecret);
    expect(loadConfig({}).jwtSecret).not.toBe(config.jwtSecret);
  });

  it('accepts an admin with a long enough password and an SMTP URL', () => {
    expect(
      loadConfig({
        ADMIN_EMAIL: 'desk@example.org',
        ADMIN_PASSWORD: 'a-long-enough-password',
        SMTP_URL: 'smtps://mailer.example.org:465',
      }),
    ).toMatchObject({ ADMIN_EMAIL: 'desk@example.org', SMTP_URL: 'smtps://mailer.example.org:465' });
  });

  describe.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '-1' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@127.0.0.1:3306/claimdesk' }],
    ['REDIS_URL', { REDIS_URL: 'x' }],
    ['QUEUE_PREFIX', { QUEUE_PREFIX: 'my desk' }],
    ['WEBHOOK_ALLOW_PRIVATE_NETWORKS', { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'maybe' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['JWT_SECRET', { NODE_ENV: 'production' }],
    ['WEBHOOK_SECRETS_KEY', { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }],
    ['WEBHOOK_SECRETS_KEY', { WEBHOOK_SECRETS_KEY: randomBytes(16).toString('base64') }],
    ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'desk@example.org' }],
    ['ADMIN_EMAIL', { ADMIN_EMAIL: 'not-an-address', ADMIN_PASSWORD: 'a-long-enough-password' }],
    ['SMTP_URL', { SMTP_URL: 'http://mailer.example.org' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['OUTBOX_POLL_MS', { OUTBOX_POLL_MS: '10' }],
    ['OUTBOX_BATCH_SIZE', { OUTBOX_BATCH_SIZE: 'many' }],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'https://checks.example.org/' }],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'checks.example.org' }],
    ['ORG_URL', { ORG_URL: 'ftp://desk.example.org' }],
    ['PUBLIC_CLAIM_URL_TEMPLATE', { PUBLIC_CLAIM_URL_TEMPLATE: 'https://desk.example.org/c/' }],
  ])('rejects a bad %s', (variable, env) => {
    it('with one line naming the variable', () => {
      const { message } = rejectionOf(env);
      expect(message).not.toContain('\n');
      expect(message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    });
  });

  describe('never echoes a secret', () => {
    it.each([
      ['JWT_SECRET', { NODE_ENV: 'production', JWT_SECRET: 'too-short-but-secret' }, 'too-short-but-secret'],
      ['JWT_SECRET', { JWT_SECRET: 'dev-secret-too-short' }, 'dev-secret-too-short'],
      ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'desk@example.org', ADMIN_PASSWORD: 'hunter2' }, 'hunter2'],
      [
        'WEBHOOK_SECRETS_KEY',
        { WEBHOOK_SECRETS_KEY: 'c2hvcnQta2V5LWJ1dC1zZWNyZXQ=' },
        'c2hvcnQta2V5LWJ1dC1zZWNyZXQ=',
      ],
    ])('%s', (variable, env, secret) => {
      const { message } = rejectionOf(env);
      expect(message).toContain(variable);
      expect(message).not.toContain(secret);
    });

    // Connection URLs carry passwords; a typo elsewhere in the URL must not print the password to the logs.
    it.each([
      [
        'DATABASE_URL',
        { DATABASE_URL: 'mysql://desk:pg-password-1@db.example.org/claimdesk' },
        'pg-password-1',
      ],
      ['REDIS_URL', { REDIS_URL: 'redis//:redis-password-1@cache.example.org' }, 'redis-password-1'],
      ['SMTP_URL', { SMTP_URL: 'http://mailer:smtp-password-1@mail.example.org' }, 'smtp-password-1'],
    ])('the password inside a bad %s', (variable, env, secret) => {
      const { message } = rejectionOf(env);
      expect(message).toContain(variable);
      expect(message).not.toContain(secret);
    });
  });
});

describe('the API entry point', () => {
  const root = join(__dirname, '..', '..', '..', '..');

  it('exits with status 1 and one line naming a bad variable', () => {
    // The real entry, the way `npm run start:*` and operators start it, not an in-process imitation.
    const result = spawnSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        join(root, 'apps', 'api', 'src', 'main.ts'),
      ],
      {
        cwd: root,
        env: { ...process.env, PORT: 'abc', LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('Invalid configuration: PORT must be an integer number (got "abc")\n');
  }, 60_000);
});
