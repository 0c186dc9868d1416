import assert from 'node:assert/strict';
import { DEMO_CLAIMS, DEMO_PASSWORD } from '@claimdesk/demo';
// The journeys run outside jest: import the one jest-free helper, not the index.
import { waitFor } from '@claimdesk/testing/wait-for';
import type { Browser, Page } from 'playwright-core';
import { Inspector, newSession } from './browser';
import type { Desk } from './desk';

export type Capability = 'cookie sessions (C3)' | 'allowedEdits (C1)' | 'published versions (C2)';

export interface Journey {
  name: string;
  /** What the served contract must offer; checked against /docs-json before the journey runs. */
  needs: Capability[];
  run(context: JourneyContext): Promise<void>;
}

export interface JourneyContext {
  desk: Desk;
  browser: Browser;
  inspector: Inspector;
  report(line: string): void;
}

const EDITOR = 'editor@demo.claimdesk.example.org';
const LUKA = 'luka@demo.claimdesk.example.org';
const ADMIN = 'admin@demo.claimdesk.example.org';
const SECOND_EDITOR = 'second.editor@journeys.example.org';
const lavrov = DEMO_CLAIMS.find((claim) => claim.key === 'lavrov-mercenaries')!;
const sanctions = DEMO_CLAIMS.find((claim) => claim.key === 'sanctions-rumour')!;

const inHours = (hours: number) => {
  const date = new Date(Date.now() + hours * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

async function claimIdByText(desk: Desk, text: string): Promise<string> {
  const found = await desk.call(EDITOR, 'GET', `/v1/claims?tag=demo&limit=100`);
  const claim = found.data.items.find((item: { text: string }) => item.text === text);
  assert.ok(claim, `demo claim “${text.slice(0, 40)}” exists`);
  return claim.id;
}

/**
 * Finds a claim through the queue's "All" tab and full-text filter, inside the app (a full page load
 * would test the session restore, which has a journey of its own), and opens it; reports how long
 * the claim's content took to render after the click.
 */
async function openClaim(page: Page, words: string, linkText: string, report?: (line: string) => void) {
  await page.getByRole('link', { name: 'Queues' }).click();
  await page.getByRole('link', { name: 'All', exact: true }).click();
  await page.getByLabel('Search').fill(words);
  await page.getByRole('button', { name: 'Apply' }).press('Enter');
  await openClaimFrom(page, linkText, report ?? (() => undefined));
}

async function openClaimFrom(page: Page, linkText: string, report: (line: string) => void): Promise<void> {
  const started = Date.now();
  await page.getByRole('link', { name: linkText }).first().click();
  await page.getByTestId('claim-text').waitFor();
  report(`claim page content rendered ${Date.now() - started} ms after navigation`);
}

async function dialog(page: Page) {
  const open = page.locator('dialog[open]');
  await open.waitFor();
  return open;
}

const unreadCount = async (page: Page) => Number(await page.getByTestId('unread-count').innerText());

export const JOURNEYS: Journey[] = [
  {
    name: 'editor triages and assigns the Lavrov claim; the fact-checker is told live, reviews, submits; the editor publishes; the newsroom webhook receives claim.published',
    needs: [],
    async run({ desk, browser, inspector, report }) {
      const claimId = await claimIdByText(desk, lavrov.text);

      // The admin sets up a newsroom endpoint in the settings; its secret is shown once.
      const admin = await newSession(browser, desk.base, ADMIN);
      await admin.page.getByRole('link', { name: 'Newsroom settings' }).click();
      const placeholder = 'http://127.0.0.1:9/hooks/placeholder';
      await admin.page
        .getByRole('form', { name: 'New webhook endpoint' })
        .getByLabel('Endpoint URL')
        .fill(placeholder);
      await admin.page.getByRole('button', { name: 'Add endpoint' }).click();
      desk.receiver.secret = (await admin.page.getByTestId('shown-once').innerText()).trim();
      assert.match(desk.receiver.secret, /^whsec_/);
      await admin.page.getByRole('button', { name: 'I stored it' }).click();
      await inspector.scan(admin.page, 'settings');

      // Then points it at the newsroom's receiver: a refused URL is named beside its field and saves
      // nothing; the receiver's URL and a description persist across a reload.
      await admin.page.getByRole('button', { name: `Manage ${placeholder}` }).click();
      await admin.page.getByRole('button', { name: 'Edit endpoint' }).click();
      const edit = admin.page.getByRole('form', { name: `Edit endpoint ${placeholder}` });
      await edit.getByLabel('Endpoint URL').fill('ftp://127.0.0.1/hooks');
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await edit.getByText('url must be an http or https URL').waitFor();
      await inspector.scan(admin.page, 'settings-webhook-edit-refused');
      await edit.getByLabel('Endpoint URL').fill(desk.receiver.url);
      await edit.getByLabel('Description (optional)').fill('Journeys receiver');
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await admin.page.getByText(`Saved: the endpoint now delivers to ${desk.receiver.url}.`).waitFor();
      await admin.page.reload();
      await admin.page.getByRole('button', { name: `Manage ${desk.receiver.url}` }).waitFor();
      await admin.page.getByText(/^Journeys receiver · claim\.published/).waitFor();
      assert.equal(
        await admin.page.getByRole('button', { name: `Manage ${placeholder}` }).count(),
        0,
        'the placeholder URL is gone after the edit',
      );

      const luka = await newSession(browser, desk.base, LUKA);
      const unreadBefore = await unreadCount(luka.page);

      const editor = await newSession(browser, desk.base, EDITOR);
      await inspector.scan(editor.page, 'queue');
      await openClaim(editor.page, 'mercenaries', lavrov.text, report);
      await inspector.scan(editor.page, 'claim');

      await editor.page.getByRole('button', { name: 'Triage' }).click();
      let form = await dialog(editor.page);
      await form.getByLabel('Priority').selectOption('urgent');
      await form.getByLabel('Due').fill(inHours(6));
      await inspector.scan(editor.page, 'claim-triage-dialog');
      await form.getByRole('button', { name: 'Triage' }).click();
      await editor.page.locator('.badge.status-triaged').waitFor();

      await editor.page.getByRole('button', { name: 'Assign' }).click();
      form = await dialog(editor.page);
      await form.getByRole('radio', { name: /Luka Petrovic/ }).check();
      await form.getByRole('button', { name: 'Assign' }).click();
      await editor.page.locator('.badge.status-assigned').waitFor();

      // Luka's page was open all along: the bell counts up without a reload.
      await waitFor(async () => (await unreadCount(luka.page)) > unreadBefore, 15_000, {
        message: 'the assignment notification to arrive live in the bell',
      });
      await luka.page.getByRole('button', { name: /Notifications/ }).click();
      await inspector.scan(luka.page, 'notifications');
      await luka.page.locator(`#notification-list a[href$="/claims/${claimId}"]`).first().click();
      await luka.page.getByTestId('claim-text').waitFor();

      await luka.page.getByRole('button', { name: 'Start review' }).click();
      await (await dialog(luka.page)).getByRole('button', { name: 'Start review' }).click();
      await luka.page.locator('.badge.status-in_review').waitFor();

      await luka.page.getByRole('button', { name: 'Add a stance' }).click();
      form = await dialog(luka.page);
      await form.getByLabel('Stance').selectOption('rejected');
      await form.getByLabel('Actor', { exact: true }).fill('Government of Montenegro');
      await form.getByLabel('Kind of actor').selectOption('government');
      await form.getByLabel('Quote (optional)').fill('There is no such recruitment on our territory.');
      await form
        .getByLabel('Source link (optional)')
        .fill('https://news.example.org/2022/02/montenegro-rejects');
      await form.getByRole('button', { name: 'Add stance' }).click();
      await luka.page
        .locator('.stance-rejected')
        .getByRole('link', { name: 'Government of Montenegro' })
        .waitFor();

      await luka.page.getByRole('button', { name: 'Add evidence' }).click();
      form = await dialog(luka.page);
      await form.getByLabel('Kind').selectOption('official_statement');
      await form.getByLabel('Relation to the claim').selectOption('refutes');
      await form.getByLabel('Reliability').selectOption('high');
      await form.getByLabel('Summary').fill('Statements of three governments deny any recruitment.');
      await form.getByRole('button', { name: 'Add evidence' }).click();
      // In the evidence list: while the dialog is open its textarea holds the same words.
      const evidence = luka.page.locator('li.evidence');
      await evidence
        .getByText('Statements of three governments deny any recruitment.', { exact: true })
        .waitFor();

      // A piece of evidence added by mistake goes again, with the reason the history keeps.
      await luka.page.locator('dialog[open]').waitFor({ state: 'detached' });
      await luka.page.getByRole('button', { name: 'Add evidence' }).click();
      form = await dialog(luka.page);
      await form.getByLabel('Kind').selectOption('other');
      await form.getByLabel('Relation to the claim').selectOption('context');
      await form.getByLabel('Summary').fill('A blog post repeating the claim.');
      await form.getByRole('button', { name: 'Add evidence' }).click();
      await evidence.getByText('A blog post repeating the claim.', { exact: true }).waitFor();
      await luka.page.locator('dialog[open]').waitFor({ state: 'detached' });
      await luka.page.getByRole('button', { name: /Remove evidence “A blog post/ }).click();
      form = await dialog(luka.page);
      await form.getByLabel('Reason (optional)').fill('Not evidence: it only repeats the claim.');
      await form.getByRole('button', { name: 'Remove', exact: true }).click();
      await evidence
        .getByText('A blog post repeating the claim.', { exact: true })
        .waitFor({ state: 'detached' });
      // The history says it in words: who removed what, and why.
      const removal = luka.page.locator('.timeline li[data-event-type="claim.evidence_removed"]');
      await removal.getByText(/removed evidence$/).waitFor();
      await removal.getByText('Reason: “Not evidence: it only repeats the claim.”').waitFor();
      await removal
        .getByText('other giving context to the claim: “A blog post repeating the claim.”')
        .waitFor();

      await luka.page.getByRole('button', { name: 'Submit for approval' }).click();
      form = await dialog(luka.page);
      await form.getByLabel('Verdict').selectOption('false');
      await form.getByLabel('Evidence status').selectOption('debunked');
      await form
        .getByLabel('Summary')
        .fill('No evidence of recruitment; the named governments rejected the claim.');
      await form.getByRole('button', { name: 'Submit for approval' }).click();
      await luka.page.locator('.badge.status-in_approval').waitFor();

      await openClaim(editor.page, 'mercenaries', lavrov.text);
      await editor.page.getByRole('button', { name: 'Publish' }).click();
      await (await dialog(editor.page)).getByRole('button', { name: 'Publish' }).click();
      await editor.page.locator('.badge.status-published').waitFor();
      await editor.page.getByRole('heading', { name: 'Published versions' }).waitFor();
      await editor.page.getByRole('heading', { name: /^Version 1 · / }).waitFor();
      await inspector.scan(editor.page, 'claim-published');

      await waitFor(() => desk.receiver.verified.includes('claim.published'), 30_000, {
        message: 'the newsroom receiver to get a verified claim.published',
      });
      assert.equal(desk.receiver.rejected, 0, 'every delivery carried a valid signature');

      await admin.page.getByRole('link', { name: 'Queues' }).click();
      await admin.page.getByRole('link', { name: 'Newsroom settings' }).click();
      await admin.page
        .getByRole('button', { name: /^Manage/ })
        .first()
        .click();
      await admin.page.getByRole('cell', { name: 'claim.published' }).first().waitFor();
      await inspector.scan(admin.page, 'settings-delivery-log');
      await Promise.all([admin.context.close(), luka.context.close(), editor.context.close()]);
    },
  },
  {
    name: 'the public fact-check page shows the published claim with valid ClaimReview JSON-LD',
    needs: ['published versions (C2)'],
    async run({ desk, browser, inspector }) {
      const claimId = await claimIdByText(desk, lavrov.text);
      const context = await browser.newContext({
        baseURL: desk.base,
        viewport: { width: 1280, height: 720 },
      });
      const page = await context.newPage();
      const response = await page.goto(`/fact-checks/${claimId}`);
      assert.equal(response?.status(), 200, 'the published claim has a public page');
      const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
      const documents = scripts.map((text) => JSON.parse(text) as Record<string, unknown>);
      const review = documents
        .flatMap((doc) => (Array.isArray(doc['@graph']) ? doc['@graph'] : [doc]))
        .find((doc: Record<string, unknown>) => doc['@type'] === 'ClaimReview') as
        Record<string, any> | undefined;
      assert.ok(review, 'a ClaimReview in the JSON-LD');
      assert.match(JSON.stringify(documents[0]['@context'] ?? review['@context']), /schema\.org/);
      assert.ok(review.claimReviewed, 'claimReviewed');
      assert.ok(review.reviewRating?.alternateName, 'reviewRating.alternateName');
      await inspector.scan(page, 'public-fact-check');
      await context.close();
    },
  },
  {
    name: "a second editor's stale edit gets the 412 prompt, keeps what they typed, and saves after a reload",
    needs: [],
    async run({ desk, browser, inspector }) {
      const created = await desk.call(ADMIN, 'POST', '/v1/users', {
        email: SECOND_EDITOR,
        name: 'Second Editor',
        password: DEMO_PASSWORD,
        roles: ['editor'],
      });
      assert.equal(created.status, 201);
      const first = await newSession(browser, desk.base, EDITOR);
      const second = await newSession(browser, desk.base, SECOND_EDITOR);
      await openClaim(first.page, 'sanctions', sanctions.text);
      await openClaim(second.page, 'sanctions', sanctions.text);

      const typed = 'Serbia will impose sanctions on Russia next month, anonymous channels claim.';
      await second.page.getByRole('button', { name: 'Edit claim' }).click();
      await second.page.getByLabel('Text').fill(typed);

      await first.page.getByRole('button', { name: 'Edit claim' }).click();
      await first.page.getByLabel('Priority').selectOption('urgent');
      await first.page.getByRole('button', { name: 'Save changes' }).click();
      await first.page.locator('.badge.priority-urgent').waitFor();

      await second.page.getByRole('button', { name: 'Save changes' }).click();
      const prompt = second.page.getByRole('alertdialog', {
        name: 'Someone else changed this claim meanwhile',
      });
      await prompt.waitFor();
      await prompt.getByRole('rowheader', { name: 'Priority' }).waitFor();
      assert.equal(await second.page.getByLabel('Text').inputValue(), typed, 'what the user typed is kept');
      await inspector.scan(second.page, 'claim-412-prompt');
      await prompt.getByRole('button', { name: 'Reload the claim, keep what I typed' }).click();
      await second.page.getByRole('button', { name: 'Save changes' }).click();
      await second.page.getByRole('heading', { name: typed }).waitFor();
      await second.page.locator('.badge.priority-urgent').waitFor();
      await Promise.all([first.context.close(), second.context.close()]);
    },
  },
  {
    name: 'a pasted article yields highlighted candidates; one is edited and accepted into a claim, one rejected',
    needs: [],
    async run({ desk, browser, inspector }) {
      const editor = await newSession(browser, desk.base, EDITOR);
      await editor.page.getByRole('link', { name: 'Paste an article' }).click();
      await inspector.scan(editor.page, 'ingest');
      const run = Date.now().toString(36);
      await editor.page.getByLabel('Article URL').fill(`https://news.example.org/${run}/balkan-volunteers`);
      await editor.page.getByLabel('Title').fill('Balkan volunteers, a week of claims');
      await editor.page
        .getByLabel('Article text')
        .fill(
          [
            'Tirana enjoyed a mild and sunny week.',
            `Speaking in Moscow on Monday, Sergei Lavrov said that 4,000 volunteers from Albania and Kosovo were being sent to fight in Ukraine (${run}).`,
            'The cafés along the boulevard were busy until late.',
            'Albanian officials rejected the allegation as baseless propaganda on Tuesday.',
          ].join(' '),
        );
      await editor.page.getByRole('button', { name: 'Find claims' }).click();
      await editor.page.getByRole('heading', { name: 'Candidates, most check-worthy first' }).waitFor();
      assert.ok(
        (await editor.page.locator('.article mark').count()) > 0,
        'candidates are highlighted in the text',
      );
      await inspector.scan(editor.page, 'ingest-candidates');
      const candidate = editor.page.locator('li.candidate').first();
      const text = `Sergei Lavrov claimed 4,000 volunteers from Albania and Kosovo were sent to Ukraine (${run}).`;
      await candidate.getByLabel('Claim text').fill(text);
      await candidate.getByRole('button', { name: 'Accept as a claim' }).click();
      await candidate.getByRole('link', { name: 'open the claim' }).click();
      await editor.page.getByRole('heading', { name: text }).waitFor();
      await editor.page.locator('.stance-group').first().waitFor();
      await editor.context.close();
    },
  },
  {
    name: 'the queue and the board work from the keyboard: take next, tabs, triage in place, bulk triage',
    needs: [],
    async run({ desk, browser, inspector }) {
      const luka = await newSession(browser, desk.base, LUKA);
      await luka.page.getByRole('button', { name: 'Take next' }).focus();
      await luka.page.keyboard.press('Enter');
      await Promise.race([
        luka.page.getByTestId('claim-text').waitFor(),
        luka.page.getByText('Nothing waiting').waitFor(),
      ]);
      await luka.page.getByRole('link', { name: 'Queues' }).focus();
      await luka.page.keyboard.press('Enter');
      await luka.page.getByRole('link', { name: 'Overdue' }).focus();
      await luka.page.keyboard.press('Enter');
      await luka.page
        .getByRole('link', { name: 'Overdue' })
        .and(luka.page.locator('[aria-current="page"]'))
        .waitFor();
      await luka.page
        .getByText(/overdue$/)
        .first()
        .waitFor();
      await inspector.scan(luka.page, 'queue-overdue');
      await luka.context.close();

      const editor = await newSession(browser, desk.base, EDITOR);
      await editor.page.getByRole('link', { name: 'Board' }).focus();
      await editor.page.keyboard.press('Enter');
      const column = editor.page.getByRole('region', { name: /^submitted/ });
      const card = column.getByTestId('board-card').first();
      await card.waitFor();
      await inspector.scan(editor.page, 'board');
      await card.getByRole('checkbox').focus();
      await editor.page.keyboard.press('Space');
      await editor.page.getByText('1 selected').waitFor();
      await editor.page.getByRole('button', { name: 'Triage selected' }).focus();
      await editor.page.keyboard.press('Enter');
      await editor.page.getByText('1 of 1 claim(s) triaged.').waitFor();
      await editor.context.close();
    },
  },
  {
    name: 'actors: search and an actor page with every claim they took a stance on',
    needs: [],
    async run({ desk, browser, inspector }) {
      const editor = await newSession(browser, desk.base, EDITOR);
      await editor.page.getByRole('link', { name: 'Actors' }).click();
      await editor.page.getByLabel('Search actors').fill('Lavrov');
      await editor.page.getByRole('link', { name: 'Sergei Lavrov' }).click();
      await editor.page.getByRole('heading', { name: 'Sergei Lavrov' }).waitFor();
      await editor.page.getByRole('heading', { name: 'Asserted' }).waitFor();
      await inspector.scan(editor.page, 'actor');
      await editor.page.getByRole('link', { name: 'New claim' }).click();
      await editor.page
        .getByLabel('Claim', { exact: true })
        .fill('Mercenaries from Albania are being sent to Ukraine');
      await editor.page.getByText('Similar claims already on the desk').waitFor();
      await inspector.scan(editor.page, 'new-claim');
      await editor.context.close();
    },
  },
  {
    name: 'the browser session survives a reload and a new tab; signing out ends it',
    needs: ['cookie sessions (C3)'],
    async run({ desk, browser, inspector }) {
      const editor = await newSession(browser, desk.base, EDITOR);
      await editor.page.reload();
      await editor.page.getByRole('heading', { name: 'Queues' }).waitFor();
      const other = await editor.context.newPage();
      await other.goto('/app/board');
      await other.getByRole('heading', { name: 'Editor board' }).waitFor();
      await other.close();
      await editor.page.getByRole('button', { name: 'Sign out' }).click();
      await editor.page.getByRole('heading', { name: 'Sign in to claimdesk' }).waitFor();
      await inspector.scan(editor.page, 'sign-in');
      await editor.page.reload();
      await editor.page.getByRole('heading', { name: 'Sign in to claimdesk' }).waitFor();
      await editor.context.close();
    },
  },
];
