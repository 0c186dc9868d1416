import { firstFreeHandle, HANDLE_PATTERN, handleFromEmail } from './handle';

describe('handleFromEmail', () => {
  it.each([
    ['ana@desk.example', 'ana'],
    ['Ana.Lučić+desk@x.org', 'ana_lucic_desk'],
    ['JOHN_DOE@x.org', 'john_doe'],
    ['--weird..name--@x.org', 'weird_name'],
    ['Zoë-Ørsted@x.org', 'zoe_rsted'],
    ['a@x.org', 'user_a'],
    ['@x.org', 'user'],
    ['日本@x.org', 'user'],
    [`${'long'.repeat(20)}@x.org`, 'long'.repeat(7)],
  ])('%s → %s', (email, handle) => {
    expect(handleFromEmail(email)).toBe(handle);
    expect(handle).toMatch(HANDLE_PATTERN);
  });

  it('never ends in an underscore after truncation', () => {
    expect(handleFromEmail(`${'a'.repeat(27)}.b@x.org`)).toBe('a'.repeat(27));
  });
});

describe('firstFreeHandle', () => {
  it('keeps a free handle', () => {
    expect(firstFreeHandle('ana', [])).toBe('ana');
    expect(firstFreeHandle('ana', ['ana_2'])).toBe('ana');
  });

  it('numbers a taken one with the first free number', () => {
    expect(firstFreeHandle('ana', ['ana'])).toBe('ana_2');
    expect(firstFreeHandle('ana', ['ana', 'ana_2', 'ana_3'])).toBe('ana_4');
  });

  it('stays within 32 characters', () => {
    const base = 'x'.repeat(32);
    const numbered = (n: number) => `${'x'.repeat(32 - String(n).length - 1)}_${n}`;
    const taken = [base, ...Array.from({ length: 10 }, (_, i) => numbered(i + 2))];
    expect(taken.every((handle) => handle.length === 32)).toBe(true);
    const handle = firstFreeHandle(base, taken);
    expect(handle).toMatch(HANDLE_PATTERN);
    expect(handle).toBe(`${'x'.repeat(29)}_12`);
  });
});
