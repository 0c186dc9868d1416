import type { PublishedVersion } from '@claimdesk/publications';
import { VERDICT_LABELS } from '../build-claim-review';
import type { PublishedFactCheck } from '../claim-review.service';
import { html, jsonForScript, raw, safeUrl, SafeHtml } from './html';

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
  .verdict { display: inline-block; font-weight: 700; padding: 0.1rem 0.6rem; border: 2px solid currentColor; border-radius: 0.4rem; }
  .meta, .small { color: var(--muted); font-size: 0.95rem; }
  ol.fact-checks { list-style: none; padding: 0; }
  ol.fact-checks li { border-bottom: 1px solid var(--line); padding: 0.75rem 0; }
  section { margin-top: 2rem; }
`;

const day = (iso: string) =>
  html`<time datetime="${iso}"
    >${new Date(iso).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' })}</time
  >`;
const words = (value: string) => value.replace(/_/g, ' ');
const link = (url: string | null, text: string) => {
  const href = safeUrl(url);
  return href ? html`<a href="${href}">${text}</a>` : html`${text}`;
};

function layout(options: {
  site: PageSite;
  title: string;
  canonical?: string;
  jsonLd?: unknown;
  body: SafeHtml;
}): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title}</title>
        ${options.canonical ? html`<link rel="canonical" href="${options.canonical}" />` : null}
        <style>
          ${STYLE}
        </style>
        ${
          options.jsonLd === undefined
            ? null
            : html`<script type="application/ld+json">
                ${jsonForScript(options.jsonLd)}
              </script>`
        }
      </head>
      <body>
        <header>
          <p><a href="/fact-checks">${options.site.name} fact-checks</a></p>
        </header>
        <main>${options.body}</main>
      </body>
    </html> `.value;
}

function claimant(version: PublishedVersion) {
  const asserted = version.stances.find((stance) => stance.type === 'asserted');
  return asserted ? `${asserted.actor.name}${asserted.actor.title ? `, ${asserted.actor.title}` : ''}` : null;
}

/** `/fact-checks/:id`: one published fact-check, with its ClaimReview embedded for search engines. */
export function factCheckPage(site: PageSite, factCheck: PublishedFactCheck): string {
  const versions = factCheck.versions;
  const latest = versions[versions.length - 1];
  const verdict = VERDICT_LABELS[latest.verdict];
  const by = claimant(latest);
  const corrections = versions.filter((version) => version.correction);
  const body = html`<article>
    <h1>Fact-check: <span class="verdict">${verdict}</span></h1>
    <blockquote lang="${latest.language}"><p>${latest.text}</p></blockquote>
    ${by ? html`<p class="meta">Claimed by ${by}</p>` : null}
    <p class="meta">
      Published
      ${day(versions[0].publishedAt)}${versions.length > 1 ? html`, corrected ${day(latest.publishedAt)}` : null}
    </p>
    <section aria-labelledby="verdict">
      <h2 id="verdict">
        Our verdict:
        ${verdict}${latest.rating === null ? null : html` <span class="small">(${latest.rating} of 7)</span>`}
      </h2>
      <p>${latest.summary}</p>
      <p class="small">Evidence status: ${words(latest.evidenceStatus)}</p>
    </section>
    ${
      latest.evidence.length
        ? html`<section aria-labelledby="evidence">
            <h2 id="evidence">Evidence</h2>
            <ul>
              ${latest.evidence.map(
                (item) =>
                  html`<li>
                    ${link(item.url, item.summary)}
                    <span class="small"
                      >(${words(item.kind)}, ${item.relation} the
                      claim${item.reliability ? html`, ${item.reliability} reliability` : null})</span
                    >
                  </li>`,
              )}
            </ul>
          </section>`
        : null
    }
    ${
      latest.stances.length
        ? html`<section aria-labelledby="who">
            <h2 id="who">Who said what</h2>
            <ul>
              ${latest.stances.map(
                (stance) =>
                  html`<li>
                    ${link(stance.sourceUrl, stance.actor.name)} ${words(stance.type)} the
                    claim${
                      stance.statedAt ? html` on ${day(stance.statedAt)}` : null
                    }${stance.quote ? html`: <q>${stance.quote}</q>` : null}
                  </li>`,
              )}
            </ul>
          </section>`
        : null
    }
    ${
      latest.appearances.length
        ? html`<section aria-labelledby="appeared">
            <h2 id="appeared">Where the claim appeared</h2>
            <ul>
              ${latest.appearances.map(
                (item) =>
                  html`<li>
                    ${link(item.url, item.title ?? item.url)}${item.outlet ? html`, ${item.outlet}` : null}${
                      item.publishedAt ? html`, ${day(item.publishedAt)}` : null
                    }
                  </li>`,
              )}
            </ul>
          </section>`
        : null
    }
    ${
      corrections.length
        ? html`<section aria-labelledby="corrections">
            <h2 id="corrections">Corrections</h2>
            <ol>
              ${corrections.map(
                (version) =>
                  html`<li>
                    ${day(version.publishedAt)}: ${version.correction!.reason ?? 'The verdict was corrected.'}
                    <span class="small"
                      >(previously rated ${VERDICT_LABELS[version.correction!.previousVerdict]})</span
                    >
                  </li>`,
              )}
            </ol>
          </section>`
        : null
    }
  </article>`;
  return layout({
    site,
    title: `${verdict}: ${latest.text} | ${site.name}`,
    canonical: safeUrl(String(factCheck.claimReview.url)) ?? undefined,
    jsonLd: factCheck.claimReview,
    body,
  });
}

/** `/fact-checks`: the published fact-checks, most recently published first. */
export function factCheckListPage(site: PageSite, items: PublishedFactCheck[], next: string | null): string {
  const body = html`<h1>${site.name} fact-checks</h1>
    ${
      items.length
        ? html`<ol class="fact-checks">
            ${items.map((item) => {
              const latest = item.versions[item.versions.length - 1];
              return html`<li>
                <a href="/fact-checks/${item.claimId}"
                  ><span lang="${latest.language}">${latest.text}</span></a
                >
                <p class="meta">
                  <span class="verdict">${VERDICT_LABELS[latest.verdict]}</span> ·
                  ${day(latest.publishedAt)}${item.versions.length > 1 ? ' · corrected' : null}
                </p>
              </li>`;
            })}
          </ol>`
        : html`<p>No fact-checks have been published yet.</p>`
    }
    ${next ? html`<nav aria-label="More fact-checks"><a rel="next" href="${next}">Older fact-checks</a></nav>` : null}`;
  return layout({ site, title: `${site.name} fact-checks`, body });
}

/** The page for an address with no published fact-check. */
export function notFoundPage(site: PageSite): string {
  return layout({
    site,
    title: `Not found | ${site.name}`,
    body: html`<h1>No fact-check here</h1>
      <p>
        There is no published fact-check at this address. <a href="/fact-checks">See all fact-checks</a>.
      </p>`,
  });
}
