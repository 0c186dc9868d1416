import { withoutQueryTokens } from './logging.module';

describe('withoutQueryTokens', () => {
  it('hides token values in the query and keeps everything else', () => {
    expect(withoutQueryTokens('/v1/notifications/stream?token=eyJabc.def&x=1')).toBe(
      '/v1/notifications/stream?token=[redacted]&x=1',
    );
    expect(withoutQueryTokens('/admin/queues?a=1&TOKEN=secret#frag')).toBe(
      '/admin/queues?a=1&TOKEN=[redacted]#frag',
    );
    expect(withoutQueryTokens('/v1/claims?q=token')).toBe('/v1/claims?q=token');
  });
});
