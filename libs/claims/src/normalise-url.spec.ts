import { normaliseUrl } from './normalise-url';

describe('normaliseUrl', () => {
  it('lower-cases scheme and host but keeps the path as written', () => {
    expect(normaliseUrl('HTTPS://Example.COM/News/Story')).toBe('https://example.com/News/Story');
  });

  it('drops the fragment, a default port and trailing slashes', () => {
    expect(normaliseUrl('http://example.com:80/a/b/#top')).toBe('http://example.com/a/b');
    expect(normaliseUrl('https://example.com:443/')).toBe('https://example.com');
    expect(normaliseUrl('https://example.com:8443/a')).toBe('https://example.com:8443/a');
  });

  it('drops utm_* parameters in any case and keeps the others in order', () => {
    expect(normaliseUrl('https://example.com/a?b=2&utm_source=x&a=1&UTM_Medium=y')).toBe(
      'https://example.com/a?b=2&a=1',
    );
    expect(normaliseUrl('https://example.com/a/?utm_campaign=z')).toBe('https://example.com/a');
    expect(normaliseUrl('https://example.com/a?utm%5Fsource=x')).toBe('https://example.com/a');
  });

  it('makes tracking variants of one article equal', () => {
    const keys = [
      'https://news.example.org/2022/05/story/',
      'HTTPS://NEWS.example.org:443/2022/05/story?utm_source=twitter#comments',
      'https://news.example.org/2022/05/story',
    ].map(normaliseUrl);
    expect(new Set(keys).size).toBe(1);
  });

  it('rejects what is not an absolute http(s) URL', () => {
    expect(normaliseUrl('ftp://example.com/file')).toBeNull();
    expect(normaliseUrl('javascript:alert(1)')).toBeNull();
    expect(normaliseUrl('/relative/path')).toBeNull();
    expect(normaliseUrl('not a url')).toBeNull();
  });
});
