import { MAX_MENTION_LENGTH, parseMentions } from './mentions';

describe('parseMentions', () => {
  it.each([
    ['@ana please check the source', ['ana']],
    ['please ask @ana', ['ana']],
    ['line one\n@ana on the second line', ['ana']],
    ['thanks @ana.', ['ana']],
    [
      '@ana, @bob; @carol: @dave! @erin? (@frank) "@gina" @hugo…',
      ['ana', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hugo'],
    ],
    ['ask @ana.lucic about it', ['ana.lucic']],
    ['ask @ana.lucic.', ['ana.lucic']],
    ['ask @ana_lucic-', ['ana_lucic']],
    ['@Ana_Lucic and @ANA_LUCIC and @ana_lucic', ['ana_lucic']],
    ['@bob then @ana then @bob', ['bob', 'ana']],
    ['@ana+desk', ['ana+desk']],
    ['@lučić', ['lučić']],
  ])('%j mentions %j', (body, expected) => {
    expect(parseMentions(body)).toEqual(expected);
  });

  it.each([
    ['write to ana@desk.org', []],
    ['a@b.org', []],
    ['@@ana is how you escape it', []],
    ['cc @ana@desk.org', []],
    ['see https://social.example/@ana', []],
    ['see https://x.org/?user=@ana', []],
    ['an @ alone', []],
    ['@.ana', []],
    ['@- @+ @. @', []],
    ['', []],
    ['no mentions here', []],
    ['ana.@bob', []],
  ])('%j mentions nobody', (body, expected) => {
    expect(parseMentions(body)).toEqual(expected);
  });

  it('keeps mentions around an address apart from it', () => {
    expect(parseMentions('@ana wrote to bob@desk.org, cc @carol')).toEqual(['ana', 'carol']);
  });

  it('ignores names longer than an e-mail local part can be', () => {
    expect(parseMentions(`@${'a'.repeat(MAX_MENTION_LENGTH)}`)).toEqual(['a'.repeat(MAX_MENTION_LENGTH)]);
    expect(parseMentions(`@${'a'.repeat(MAX_MENTION_LENGTH + 1)} @bob`)).toEqual(['bob']);
  });
});
