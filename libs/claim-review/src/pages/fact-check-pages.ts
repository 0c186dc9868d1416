import type { PublishedVersion } from '@claimdesk/publications';
import { VERDICT_LABELS } from '../build-claim-review';
import type { PublishedFactCheck } from '../claim-review.service';
import { jsonForScript, markup, raw, safeUrl, SafeHtml } from './html';

export interface PageSite {
  /** The organisation's name, shown in the header and titles. */
  name: string;
}

const STYLE = `
:root { color-scheme: light dark; --accent: #0b5cad; --muted: #555; --line: #d0d4da; }
@media (prefers-color-scheme: dark) { :root { --accent: #7db4ff; --muted: #b8bcc4; --line: #3a3f47; } }
body { font: 1.05rem/1.6 system-ui, sans-serif; max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
a { color: var(--accent); }
header { border-bottom: 1px solid var(--line); margin-bottom: 1.5rem; }
header a { font-weight: 600; text-decoration: none; }
blockquote { font-size: 1.3rem; margin: 0 0 0.5rem; padding-left: 1rem; border-left: 4px solid var(--accent); }
.verdict { font-weight: 700; padding: 0 0.5rem; border: 2px solid currentColor; border-radius: 0.4rem; }
.meta, .small { color: var(--muted); font-size: 0.95rem; }
ol.fact-checks { list-style: none; padding: 0; }
ol.fact-checks li { border-bottom: 1px solid var(--line); padding: 0.75rem 0; }
section { margin-top: 2rem; }
`;

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const day = (iso: string) => markup`<time datetime="${iso}">${LONG_DATE.format(new Date(iso))}</time>`;
const words = (value: string) => value.replace(/_/g, ' ');
const link = (url: string | null, text: string) => {
  const href = safeUrl(url);
  return href ? markup`<a href="${href}">${text}</a>` : markup`${text}`;
};

interface Layout {
  site: PageSite;
  title: string;
  canonical?: string | null;
  jsonLd?: unknown;
  body: SafeHtml;
}

function layout({ site, title, canonical, jsonLd, body }: Layout): string {
  const head = [
    markup`<meta charset="utf-8">`,
    markup`<meta name="viewport" content="width=device-width, initial-scale=1">`,
    markup`<title>${title}</title>`,
    canonical ? markup`<link rel="canonical" href="${canonical}">` : null,
    markup`<style>${raw(STYLE)}</style>`,
    jsonLd === undefined
      ? null
      : markup`<script type="application/ld+json">${jsonForScript(jsonLd)}</script>`,
  ];
  const header = markup`<header><p><a href="/fact-checks">${site.name} fact-checks</a></p></header>`;
  return `<!doctype html>\n<html lang="en">\n<head>\n${lines(head)}\n</head>\n<body>\n${header}\n<main>\n${body}\n</main>\n</body>\n</html>\n`;
}

const lines = (parts: (SafeHtml | null)[]) => parts.filter((part) => part !== null).join('\n');

function section(id: string, heading: string, content: SafeHtml | null): SafeHtml | null {
  return (
    content &&
    markup`<section aria-labelledby="${id}">\n<h2 id="${id}">${heading}</h2>\n${content}\n</section>`
  );
}

function list(tag: 'ul' | 'ol', items: SafeHtml[]): SafeHtml | null {
  return items.length
    ? markup`<${raw(tag)}>\n${items.map((item) => markup`<li>${item}</li>\n`)}</${raw(tag)}>`
    : null;
}

function claimant(version: PublishedVersion): string | null {
  const asserted = version.stances.find((stance) => stance.type === 'asserted');
  if (!asserted) return null;
  return asserted.actor.title ? `${asserted.actor.name}, ${asserted.actor.title}` : asserted.actor.name;
}

const evidenceItem = (item: PublishedVersion['evidence'][number]) => {
  const reliability = item.reliability ? `, ${item.reliability} reliability` : '';
  const about = `(${words(item.kind)}, ${item.relation} the claim${reliability})`;
  return markup`${link(item.url, item.summary)} <span class="small">${about}</span>`;
};

const stanceItem = (stance: PublishedVersion['stances'][number]) => {
  const when = stance.statedAt ? markup` on ${day(stance.statedAt)}` : null;
  const quote = stance.quote ? markup`: <q>${stance.quote}</q>` : null;
  return markup`${link(stance.sourceUrl, stance.actor.name)} ${words(stance.type)} the claim${when}${quote}`;
};

const appearanceItem = (item: PublishedVersion['appearances'][number]) => {
  const outlet = item.outlet ? `, ${item.outlet}` : '';
  const when = item.publishedAt ? markup`, ${day(item.publishedAt)}` : null;
  return markup`${link(item.url, item.title ?? item.url)}${outlet}${when}`;
};

const correctionItem = (version: PublishedVersion) => {
  const correction = version.correction!;
  const before = VERDICT_LABELS[correction.previousVerdict];
  const reason = correction.reason ?? 'The verdict was corrected.';
  return markup`${day(version.publishedAt)}: ${reason} <span class="small">(previously rated ${before})</span>`;
};

/** `/fact-checks/:id`: one published fact-check, with its ClaimReview embedded for search engines. */
export function factCheckPage(site: PageSite, factCheck: PublishedFactCheck): string {
  const { versions, claimReview } = factCheck;
  const latest = versions[versions.length - 1];
  const verdict = VERDICT_LABELS[latest.verdict];
  const by = claimant(latest);
  const corrected = versions.length > 1 ? markup`, corrected ${day(latest.publishedAt)}` : null;
  const rating = latest.rating === null ? null : markup` <span class="small">(${latest.rating} of 7)</span>`;
  const body = lines([
    markup`<article>`,
    markup`<h1>Fact-check: <span class="verdict">${verdict}</span></h1>`,
    markup`<blockquote lang="${latest.language}"><p>${latest.text}</p></blockquote>`,
    by ? markup`<p class="meta">Claimed by ${by}</p>` : null,
    markup`<p class="meta">Published ${day(versions[0].publishedAt)}${corrected}</p>`,
    section(
      'verdict',
      `Our verdict: ${verdict}`,
      markup`<p>${latest.summary}${rating}</p>\n<p class="small">Evidence status: ${words(latest.evidenceStatus)}</p>`,
    ),
    section('evidence', 'Evidence', list('ul', latest.evidence.map(evidenceItem))),
    section('who', 'Who said what', list('ul', latest.stances.map(stanceItem))),
    section('appeared', 'Where the claim appeared', list('ul', latest.appearances.map(appearanceItem))),
    section(
      'corrections',
      'Corrections',
      list('ol', versions.filter((v) => v.correction).map(correctionItem)),
    ),
    markup`</article>`,
  ]);
  return layout({
    site,
    title: `${verdict}: ${latest.text} | ${site.name}`,
    canonical: safeUrl(typeof claimReview.url === 'string' ? claimReview.url : null),
    jsonLd: claimReview,
    body: raw(body),
  });
}

/** `/fact-checks`: the published fact-checks, most recently published first. */
export function factCheckListPage(site: PageSite, items: PublishedFactCheck[], next: string | null): string {
  const entries = items.map((item) => {
    const latest = item.versions[item.versions.length - 1];
    const corrected = item.versions.length > 1 ? ' · corrected' : '';
    const title = markup`<a href="/fact-checks/${item.claimId}"><span lang="${latest.language}">${latest.text}</span></a>`;
    const meta = markup`<span class="verdict">${VERDICT_LABELS[latest.verdict]}</span> · ${day(latest.publishedAt)}${corrected}`;
    return markup`${title}\n<p class="meta">${meta}</p>`;
  });
  const body = lines([
    markup`<h1>${site.name} fact-checks</h1>`,
    entries.length
      ? markup`<ol class="fact-checks">\n${entries.map((entry) => markup`<li>${entry}</li>\n`)}</ol>`
      : markup`<p>No fact-checks have been published yet.</p>`,
    next
      ? markup`<nav aria-label="More fact-checks"><a rel="next" href="${next}">Older fact-checks</a></nav>`
      : null,
  ]);
  return layout({ site, title: `${site.name} fact-checks`, body: raw(body) });
}

/** The page for an address with no published fact-check. */
export function notFoundPage(site: PageSite): string {
  return layout({
    site,
    title: `Not found | ${site.name}`,
    body: markup`<h1>No fact-check here</h1>\n<p>There is no published fact-check at this address. <a href="/fact-checks">See all fact-checks</a>.</p>`,
  });
}
