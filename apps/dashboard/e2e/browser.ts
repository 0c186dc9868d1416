import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@claimdesk/demo';

export const ARTEFACTS = join(__dirname, 'artefacts');

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface AxeFinding {
  page: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Every page the journeys visit is scanned by axe-core and photographed; findings are collected. */
export class Inspector {
  readonly findings: AxeFinding[] = [];
  readonly scanned: string[] = [];

  constructor() {
    mkdirSync(ARTEFACTS, { recursive: true });
  }

  async scan(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: false });
    const result = await new AxeBuilder({ page }).analyze();
    this.scanned.push(name);
    for (const violation of result.violations) {
      if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
      this.findings.push({
        page: name,
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes
          .slice(0, 3)
          .map(
            (node) =>
              `${node.target.join(' ')} (${node.failureSummary?.split('\n').slice(1).join(' ').trim()})`,
          ),
      });
    }
  }
}

export async function newSession(
  browser: Browser,
  base: string,
  email: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 720 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  if (process.env.JOURNEY_DEBUG)
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) process.stdout.write(`  [${email}] ${frame.url()}\n`);
    });
  page.on('pageerror', (error) => process.stdout.write(`  [page error ${email}] ${error.message}\n`));
  await page.goto('/app/');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).press('Enter');
  await page.getByRole('heading', { name: 'Queues' }).waitFor();
  return { context, page };
}
