import { escapeHtml, jsonForScript, markup, raw, safeUrl } from './html';

describe('markup', () => {
  it('escapes every interpolated value, but not SafeHtml', () => {
    const text = `<script>alert("x")</script> & 'y'`;
    expect(markup`<p title="${text}">${text}</p>${raw('<br>')}`.value).toBe(
      `<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p><br>`,
    );
    expect(escapeHtml('a<b')).toBe('a&lt;b');
  });

  it('joins arrays and leaves out null, undefined and false', () => {
    const list = markup`<ul>${['<a>', markup`<li>b</li>`]}${null}${undefined}${false}${0}</ul>`;
    expect(list.value).toBe('<ul>&lt;a&gt;<li>b</li>0</ul>');
  });

  it('writes JSON that cannot end its script block and parses back to the same value', () => {
    const value = { text: '</script><script>alert(1)</script> & \u2028' };
    const json = jsonForScript(value).value;
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('links http(s) addresses only', () => {
    expect(safeUrl('https://example.org/a')).toBe('https://example.org/a');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl(null)).toBeNull();
  });
});
