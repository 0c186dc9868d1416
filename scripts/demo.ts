import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_USERS, loadDemoDesk } from '@claimdesk/demo';
import { ensureDatabase, exitOnConfigError, loadConfig, runMigrations } from '@claimdesk/platform';
import { createApi } from '../apps/api/src/create-api';
import { createWorker } from '../apps/worker/src/create-worker';

const say = (line = '') => process.stdout.write(`${line}\n`);

/**
 * `npm run start:demo`: one command from a fresh clone to a working desk. Creates and migrates the
 * database, loads the demo desk (idempotent, so restarting is safe), then runs API and worker in one
 * process. Production runs them separately without seeding (`npm start`, `npm run start:api`).
 */
async function main(): Promise<void> {
  // Request logs would bury the banner below; LOG_LEVEL=info brings them back.
  process.env.LOG_LEVEL ||= 'warn';
  // The demo newsroom's webhook endpoint is served by this process itself (below), on loopback.
  process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ||= 'true';
  const config = exitOnConfigError(loadConfig);

  if (await ensureDatabase(config.DATABASE_URL))
    say(`Created database ${new URL(config.DATABASE_URL).pathname.slice(1)}.`);
  const applied = await runMigrations(config.DATABASE_URL);
  if (applied.length) say(`Applied ${applied.length} migration(s).`);

  await createWorker(config);
  const api = await createApi(config);
  // The loader goes through the API's own services, so its claims get events and history like any other.
  const receiver = await startDemoReceiver(config.PORT ? config.PORT + 1 : 0);
  const loaded = await loadDemoDesk(api, { webhookUrl: receiver });
  await api.listen({ port: config.PORT, host: '0.0.0.0' });

  const base = `http://localhost:${config.PORT}`;
  // Since the process started, so TypeScript compilation under ts-node is counted too.
  const seconds = process.uptime().toFixed(1);
  say();
  say(`claimdesk demo is running (ready in ${seconds} s; API and worker in this process).`);
  say(
    `Demo desk: ${loaded.claims.created} claim(s) and ${loaded.users.created} user(s) created, ` +
      `${loaded.claims.existing + loaded.users.existing} already there.`,
  );
  say();
  say(`  Dashboard      ${base}/app/   (sign in as the demo editor below)`);
  say(`  Fact-checks    ${base}/fact-checks`);
  say(`  API            ${base}/v1`);
  say(`  API docs       ${base}/docs`);
  say(`  Readiness      ${base}/health/ready`);
  say(`  Queues         ${base}/admin/queues   (admins)`);
  say();
  say(`  Demo webhook   ${receiver}   (the demo newsroom's endpoint, answered by this process)`);
  say();
  say('Demo logins (the dashboard, or POST /v1/auth/login {email, password}):');
  for (const user of DEMO_USERS) {
    const expertise = user.expertise.length ? `, ${user.expertise.join('/')}` : '';
    say(
      `  ${user.roles.join(',').padEnd(13)} ${user.email.padEnd(36)} ${user.password}   ${user.name}${expertise}`,
    );
  }
  say();
  say(
    `Try:  TOKEN=$(curl -s ${base}/v1/auth/login -H 'content-type: application/json' ` +
      `-d '{"email":"${DEMO_USERS[1].email}","password":"${DEMO_USERS[1].password}"}' | node -pe 'JSON.parse(fs.readFileSync(0)).accessToken')`,
  );
  say(`      curl -H "Authorization: Bearer $TOKEN" '${base}/v1/claims?q=mercenaries'`);
  say();
  say('Ctrl-C stops API and worker (running jobs finish first).');

  // Both apps close themselves on these signals (enableShutdownHooks); the process ends when the last one is done.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => say(`\n${signal}: stopping API and worker...`));
  }
}

/**
 * The demo newsroom's webhook receiver: answers every delivery 204, so the newsroom settings page
 * shows a living delivery log. It listens on the API's port + 1, so the endpoint stays valid across restarts.
 */
function startDemoReceiver(port: number): Promise<string> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => {
      server.unref();
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/demo-newsroom`);
    }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Demo failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
