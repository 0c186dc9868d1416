import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ARTEFACTS, launchChromium, Inspector } from './browser';
import { startDesk } from './desk';
import { Capability, JOURNEYS } from './journeys';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** What the served contract offers, read from /docs-json: a journey that needs more is skipped, saying why. */
async function servedCapabilities(base: string): Promise<Map<Capability, string | null>> {
  const docs = (await (await fetch(`${base}/docs-json`)).json()) as {
    paths: Record<string, unknown>;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };
  const lacks = (ok: boolean, what: string) => (ok ? null : `served contract lacks ${what}`);
  return new Map<Capability, string | null>([
    ['cookie sessions (C3)', lacks(!!docs.paths['/v1/auth/refresh'], 'POST /v1/auth/refresh')],
    [
      'allowedEdits (C1)',
      lacks(!!docs.components.schemas.ClaimView?.properties?.allowedEdits, 'ClaimView.allowedEdits'),
    ],
    [
      'published versions (C2)',
      lacks(!!docs.paths['/v1/claims/{id}/published-versions'], 'GET /v1/claims/{id}/published-versions'),
    ],
  ]);
}

/** What every open page showed when a journey failed, beside the other artefacts. */
async function photographFailure(browser: Browser, count: number): Promise<void> {
  let index = 0;
  for (const context of browser.contexts())
    for (const page of context.pages())
      await page
        .screenshot({ path: join(ARTEFACTS, `failure-${count}-${++index}.png`) })
        .catch(() => undefined);
}

/**
 * The dashboard's browser journeys (`npm run test:journeys`, part of `npm test`): Chromium driven by
 * playwright-core against the real API, worker, PostgreSQL and Redis. Screenshots and axe-core scans
 * of every page go to apps/dashboard/e2e/artefacts/.
 */
async function main(): Promise<number> {
  if (!existsSync(join(__dirname, '..', 'dist', 'index.html'))) {
    say('journeys: the dashboard is not built; run `npm run build` (or `npm run build:dashboard`) first');
    return 1;
  }
  const started = Date.now();
  const desk = await startDesk();
  const browser = await launchChromium();
  const inspector = new Inspector();
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    const capabilities = await servedCapabilities(desk.base);
    for (const journey of JOURNEYS) {
      const missing = journey.needs.map((need) => capabilities.get(need)).filter(Boolean);
      if (missing.length) {
        skipped++;
        say(`- skipped: ${journey.name} (${missing.join('; ')})`);
        continue;
      }
      const begun = Date.now();
      const notes: string[] = [];
      try {
        await journey.run({ desk, browser, inspector, report: (line) => notes.push(line) });
        passed++;
        say(`✓ ${journey.name} (${Date.now() - begun} ms)`);
      } catch (error) {
        failed++;
        say(`✕ ${journey.name}\n    ${(error as Error).stack ?? String(error)}`);
        await photographFailure(browser, failed);
      }
      for (const note of notes) say(`    ${note}`);
    }
    const accessible = inspector.findings.length === 0;
    if (accessible) passed++;
    else failed++;
    say(
      `${accessible ? '✓' : '✕'} axe-core finds no serious or critical violation on ${inspector.scanned.length} pages (${inspector.scanned.join(', ')})`,
    );
    for (const finding of inspector.findings)
      say(
        `    ${finding.page}: ${finding.impact} ${finding.id}: ${finding.help} at ${finding.targets.join(' | ')}`,
      );
  } finally {
    await browser.close();
    await desk.close();
  }
  say(
    `journeys: screenshots in apps/dashboard/e2e/artefacts/ (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  say(`journeys: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`journeys failed to start: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
