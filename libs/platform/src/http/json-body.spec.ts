import { describeInvalidJson, jsonErrorPosition, refuseJsonShape } from './json-body';

const limits = { maxDepth: 3, maxEntries: 4 };

describe('refuseJsonShape', () => {
  it('lets ordinary JSON through, brackets and commas inside strings included', () => {
    expect(refuseJsonShape('{"a":[1,2,{"b":"[[[[,,,,,]]]]"}]}', limits)).toBeNull();
    expect(refuseJsonShape('[1,2,3,4]', limits)).toBeNull();
    expect(refuseJsonShape('"\\"[[[[[\\\\"', limits)).toBeNull();
    expect(refuseJsonShape('{"emoji":"\\ud83d\\ude00 😀","tab":"\\t","u":"\\u00e9"}', limits)).toBeNull();
  });

  it('refuses nesting deeper than the limit', () => {
    expect(refuseJsonShape('[[[1]]]', limits)).toBeNull();
    expect(refuseJsonShape('[[[[1]]]]', limits)).toMatch(/deeper than 3 levels/);
    expect(refuseJsonShape('{"a":{"b":{"c":{}}}}', limits)).toMatch(/deeper than 3 levels/);
    expect(refuseJsonShape('['.repeat(100_000))).toMatch(/deeper than 32 levels/);
  });

  it('refuses an array or object with more entries than the limit, at any depth', () => {
    expect(refuseJsonShape('[1,2,3,4,5]', limits)).toMatch(/more than 4 entries/);
    expect(refuseJsonShape('{"a":[[1,2,3,4,5]]}', limits)).toMatch(/more than 4 entries/);
    expect(refuseJsonShape('{"a":1,"b":2,"c":3,"d":4,"e":5}', limits)).toMatch(/more than 4 entries/);
    // Siblings count separately.
    expect(refuseJsonShape('[[1,2,3,4],[1,2,3,4]]', limits)).toBeNull();
  });

  it('refuses lone surrogates, escaped or raw, and keeps pairs', () => {
    expect(refuseJsonShape('{"email":"\\ud800"}')).toMatch(/lone UTF-16 surrogate \(\\ud800\)/);
    expect(refuseJsonShape('{"email":"\\uDC00x"}')).toMatch(/lone UTF-16 surrogate/);
    expect(refuseJsonShape('["\\ud800\\u0041"]')).toMatch(/lone UTF-16 surrogate/);
    expect(refuseJsonShape('["\\ud800"]'.replace('\\ud800', '\ud800'))).toMatch(/lone UTF-16 surrogate/);
    expect(refuseJsonShape('["\\ud800\\udc00"]')).toBeNull();
  });

  // Its cost is one pass over the text by construction; a wall-clock bound here failed on a slow
  // machine (295 ms against 200) and speed is the benchmarks' to measure, not a unit test's.
  it('lets a 1 MiB body through, and still finds a lone surrogate at its end', () => {
    const text = 'x'.repeat(1024 * 1024);
    expect(refuseJsonShape(JSON.stringify({ text, tags: ['a', 'b'] }))).toBeNull();
    expect(refuseJsonShape(JSON.stringify({ text, tags: ['a'] }).replace('"a"', '"\\ud800"'))).toMatch(
      /lone UTF-16 surrogate/,
    );
  });
});

describe('jsonErrorPosition', () => {
  it('finds where JSON breaks, for errors V8 places and for unexpected tokens it does not', () => {
    expect(jsonErrorPosition('{"a":1 "b":2}')).toBe(7);
    expect(jsonErrorPosition('[1,]')).toBe(3);
    expect(jsonErrorPosition('{"a":x}')).toBe(5);
    expect(jsonErrorPosition('12x')).toBe(2);
    expect(jsonErrorPosition('{"a":"\\q"}')).toBe(7);
    expect(jsonErrorPosition('{"a":"\\u00zz"}')).toBe(10);
    expect(jsonErrorPosition('{} []')).toBe(3);
  });

  it('answers the length for a text that is only cut short', () => {
    for (const text of ['{"a":', '"abc', '[1,2', '{"a":1', 'tru', '"\\u00', '1e+'])
      expect({ text, position: jsonErrorPosition(text) }).toEqual({ text, position: text.length });
  });
});

describe('describeInvalidJson', () => {
  it('names the position, line and column, and never the content', () => {
    expect(describeInvalidJson('{\n  "secret": oops}')).toBe(
      'The request body is not valid JSON: it breaks at position 14 (line 2, column 13).',
    );
    expect(describeInvalidJson('{"secret": "cut')).toBe(
      'The request body is not valid JSON: it ends at position 15 before the JSON value is complete.',
    );
  });
});
