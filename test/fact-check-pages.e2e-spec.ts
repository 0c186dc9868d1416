import {
  createUserSession,
  sessionRequests,
  startTestApi,
  TestApi,
  TestResponse,
  TestSession,
} from '@claimdesk/testing';
import * as jsonld from 'jsonld';
import { randomUUID } from 'node:crypto';

/** A schema.org context served locally: tests never fetch schema.org over the network. */
const SCHEMA_ORG_CONTEXT = { '@context': { '@vocab': 'https://schema.org/' } };
const documentLoader = async (url: string) => {
  if (!/^https?:\/\/schema\.org\/?$/.test(url)) throw new Error(`No network in tests: ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: SCHEMA_ORG_CONTEXT };
};
const SCHEMA = 'https://schema.org/';
const expand = (document: unknown) =>
  jsonld.expand(document as jsonld.JsonLdDocument, { documentLoader } as jsonld.Options.Expand);

/**
 * The public fact-check pages and the JSON-LD documents: readable, escaped HTML with the ClaimReview
 * embedded; a feed a JSON-LD processor reads in full; ClaimReview URLs that follow the port.
 */
describe('fact-check pages and JSON-LD', () => {
  let api: TestApi;
  let editor: TestSession;
  let checker: TestSession;
  const run = randomUUID().slice(0, 8);
  const PORT = '4567';
  const hostile = `</script><script>alert("${run}")</script> & <b>bold</b> claim`;

  beforeAll(async () => {
    api = await startTestApi({ PORT, ORG_NAME: `Desk <${run}>` });
    editor = await createUserSession(api, { roles: ['editor'] });
    checker = await createUserSession(api, { roles: ['fact_checker'] });
  });
  afterAll(() => api.close());

  const get = (url: string, headers: Record<string, string> = {}): Promise<TestResponse> =>
    api.request({ method: 'GET', url, as: 'anonymous', headers });

  const { act } = sessionRequests(() => api);

  async function published(text: string, verdict = 'false'): Promise<string> {
    const created = await api.request({
      method: 'POST',
      url: '/v1/claims',
      as: 'anonymous',
      headers: checker.headers,
      payload: {
        text,
        tags: [run],
        stances: [{ actor: { name: `Actor <i>${run}</i>`, kind: 'person' }, type: 'asserted' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const id: string = created.data.id;
    await act(editor, id, 'triage');
    await act(editor, id, 'assign', { assigneeId: checker.principal.id });
    await act(checker, id, 'start');
    await act(checker, id, 'submit', {
      verdict,
      summary: `Summary <em>${run}</em>`,
      evidenceStatus: 'debunked',
    });
    await act(editor, id, 'publish');
    return id;
  }

  const scriptBlock = (page: string) => {
    const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page);
    expect(match).not.toBeNull();
    return match![1];
  };

  let id: string;

  it('serves a published fact-check as escaped HTML with its ClaimReview embedded', async () => {
    id = await published(hostile);
    const page = await get(`/fact-checks/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page.body).toContain('<main>');
    expect(page.body).toContain('<style>');
    expect(page.body).toContain(
      `&lt;/script&gt;&lt;script&gt;alert(&quot;${run}&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; claim`,
    );
    expect(page.body).toContain(`Summary &lt;em&gt;${run}&lt;/em&gt;`);
    expect(page.body).toContain(`Claimed by Actor &lt;i&gt;${run}&lt;/i&gt;`);
    expect(page.body).toContain(`Desk &lt;${run}&gt; fact-checks`);
    expect(page.body).not.toContain(`<script>alert`);
    expect(page.body).not.toContain('<b>bold</b>');
    // Exactly one script element: the JSON-LD, which contains no `<` to end it early.
    expect(page.body.match(/<script/g)).toHaveLength(1);
    const json = scriptBlock(page.body);
    expect(json).not.toMatch(/[<>]/);
    expect(json).toContain('\\u003c/script\\u003e');
    const claimReview = (await get(`/v1/claims/${id}/claim-review`)).data;
    expect(JSON.parse(json)).toEqual(claimReview);
    expect(claimReview.claimReviewed).toBe(hostile);
  });

  it('derives ClaimReview url and the organisation url from the port, pointing at the page', async () => {
    const claimReview = (await get(`/v1/claims/${id}/claim-review`)).data;
    expect(claimReview.url).toBe(`http://localhost:${PORT}/fact-checks/${id}`);
    expect(claimReview.author.url).toBe(`http://localhost:${PORT}`);
    const page = await get(`/fact-checks/${id}`);
    expect(page.body).toContain(`<link rel="canonical" href="http://localhost:${PORT}/fact-checks/${id}">`);
  });

  it('is cacheable: an ETag, a max-age and 304 when unchanged', async () => {
    const first = await get(`/fact-checks/${id}`);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const again = await get(`/fact-checks/${id}`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get(`/fact-checks/${id}`, { 'if-none-match': '"other"' })).statusCode).toBe(200);
    const list = await get('/fact-checks');
    expect((await get('/fact-checks', { 'if-none-match': String(list.headers.etag) })).statusCode).toBe(304);
  });

  it('answers an HTML 404 page where nothing is published', async () => {
    const draft = await api.request({
      method: 'POST',
      url: '/v1/claims',
      as: 'anonymous',
      headers: checker.headers,
      payload: { text: `Not yet checked (${run})` },
    });
    for (const url of [
      `/fact-checks/${draft.data.id}`,
      `/fact-checks/${randomUUID()}`,
      '/fact-checks/not-an-id',
    ]) {
      const page = await get(url);
      expect({ url, status: page.statusCode }).toEqual({ url, status: 404 });
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).toContain('No fact-check here');
    }
  });

  it('lists fact-checks newest first, with rel="next" pages, and refuses bad input', async () => {
    const newer = await published(`A newer claim (${run})`, 'mostly_true');
    const first = await get('/fact-checks?limit=1');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(`<a href="/fact-checks/${newer}">`);
    expect(first.body).not.toContain(`/fact-checks/${id}"`);
    const next = /<a rel="next" href="([^"]+)">/.exec(first.body)![1].replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/fact-checks\?limit=1&cursor=/);
    const second = await get(next);
    expect(second.body).toContain(`<a href="/fact-checks/${id}">`);
    for (const query of ['limit=0', 'limit=x', 'cursor=!!', 'cursor=WzFd', 'colour=red']) {
      const response = await get(`/fact-checks?${query}`);
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('serves the feed as a JSON-LD DataFeed that a processor reads in full', async () => {
    const response = await get(`/v1/claim-reviews?limit=100`);
    expect(response.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    const [feed] = (await expand(response.data)) as any[];
    expect(feed['@type']).toEqual([`${SCHEMA}DataFeed`]);
    const elements: any[] = feed[`${SCHEMA}dataFeedElement`];
    expect(elements).toHaveLength(response.data.dataFeedElement.length);
    const ours = elements.find((element) => element[`${SCHEMA}claimReviewed`]?.[0]['@value'] === hostile);
    expect(ours['@type']).toEqual([`${SCHEMA}ClaimReview`]);
    for (const property of ['reviewRating', 'itemReviewed', 'author', 'datePublished', 'url', 'reviewBody']) {
      expect({ property, present: !!ours[`${SCHEMA}${property}`] }).toEqual({ property, present: true });
    }
    expect(ours[`${SCHEMA}reviewRating`][0][`${SCHEMA}alternateName`][0]['@value']).toBe('False');
    expect(ours[`${SCHEMA}itemReviewed`][0]['@type']).toEqual([`${SCHEMA}Claim`]);
    // nextCursor is ours, kept out of the vocabulary, so the processor drops it.
    expect(Object.keys(feed).some((key) => key.includes('nextCursor'))).toBe(false);

    // Without its context a processor drops every ClaimReview: the reason the feed states one.
    const { '@context': _context, ...bare } = response.data;
    expect(JSON.stringify(await expand(bare))).not.toContain('ClaimReview');

    // The single ClaimReview and the one embedded in the page expand the same way.
    const single = await expand((await get(`/v1/claims/${id}/claim-review`)).data);
    const embedded = await expand(JSON.parse(scriptBlock((await get(`/fact-checks/${id}`)).body)));
    expect(embedded).toEqual(single);
    expect((single[0] as any)['@type']).toEqual([`${SCHEMA}ClaimReview`]);
  });

  it('lists the pages in the OpenAPI document as HTML', async () => {
    const document = (await api.request({ method: 'GET', url: '/docs-json' })).data;
    for (const path of ['/fact-checks', '/fact-checks/{id}']) {
      expect(Object.keys(document.paths[path].get.responses['200'].content)).toEqual(['text/html']);
    }
    expect(document.paths['/v1/claim-reviews'].get.responses['200'].headers.Link).toBeDefined();
  });
});
