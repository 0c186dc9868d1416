import { ensureDatabase, exitOnConfigError, loadConfig, runMigrations } from '@claimdesk/platform';

async function main(): Promise<void> {
  const config = exitOnConfigError(loadConfig);
  if (await ensureDatabase(config.DATABASE_URL)) process.stdout.write('Created the database.\n');
  const applied = await runMigrations(config.DATABASE_URL);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'No pending migrations.\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${(error as Error).message}\n`);
  process.exit(1);
});
