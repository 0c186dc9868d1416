import type { FastifyInstance } from 'fastify';

/** The largest request body read, in bytes (413 above it). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** The one media type a request body may have (415 otherwise). */
export const BODY_MEDIA_TYPE = 'application/json';

/** Far beyond any body a desk sends (the deepest DTO nests 3 levels; the longest list allows 50 entries). */
export const JSON_BODY_LIMITS = { maxDepth: 32, maxEntries: 1000 };

/** A body refused before it is parsed; the problem filter answers it as a 400 like Fastify's own parse errors. */
export class JsonBodyError extends Error {
  readonly statusCode = 400;
  readonly code = 'CLAIMDESK_BAD_JSON_BODY';
}

const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LETTER_U = 0x75;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

function escapedCodeAt(text: string, index: number): number {
  if (text.charCodeAt(index) !== BACKSLASH || text.charCodeAt(index + 1) !== LETTER_U) return -1;
  const hex = text.slice(index + 2, index + 6);
  return /^[0-9a-fA-F]{4}$/.test(hex) ? parseInt(hex, 16) : -1;
}

/**
 * One linear pass over a JSON text, before `JSON.parse`: refuses nesting deeper than `maxDepth`,
 * an array or object with more than `maxEntries` entries, and a lone UTF-16 surrogate in a string
 * (raw or escaped). Everything downstream (prototype-key stripping, class-transformer,
 * class-validator) recurses over the parsed value and would otherwise overflow the stack or hold the
 * event loop for seconds, and validators such as `isEmail` throw on a lone surrogate.
 * Syntax is not checked here: `JSON.parse` does that next. Returns why the text is refused, or null.
 */
export function refuseJsonShape(text: string, limits = JSON_BODY_LIMITS): string | null {
  const entries = new Uint32Array(limits.maxDepth + 1);
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === QUOTE) inString = false;
      else if (code === BACKSLASH) {
        const escaped = escapedCodeAt(text, index);
        if (escaped === -1) {
          index++;
          continue;
        }
        if (isLowSurrogate(escaped)) return loneSurrogate(escaped);
        if (isHighSurrogate(escaped)) {
          const next = escapedCodeAt(text, index + 6);
          if (!isLowSurrogate(next)) return loneSurrogate(escaped);
          index += 6;
        }
        index += 5;
      } else if (isLowSurrogate(code)) return loneSurrogate(code);
      else if (isHighSurrogate(code)) {
        if (!isLowSurrogate(text.charCodeAt(index + 1))) return loneSurrogate(code);
        index++;
      }
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      if (++depth > limits.maxDepth) return `The request body nests deeper than ${limits.maxDepth} levels.`;
      entries[depth] = 1;
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      if (depth > 0) depth--;
    } else if (code === COMMA && depth > 0 && ++entries[depth] > limits.maxEntries) {
      return `The request body has a list or object with more than ${limits.maxEntries} entries.`;
    }
  }
  return null;
}

const loneSurrogate = (code: number) =>
  `The request body contains a lone UTF-16 surrogate (\\u${code.toString(16)}): text must be valid Unicode.`;

/** Past this size a body whose error states no position is not bisected: each step is a parse. */
const BISECT_LIMIT_CHARS = 64 * 1024;

/**
 * How `JSON.parse` fails on `text`: `end` when it only runs out of input, the position when V8's
 * message names one (most messages do on Node 20), `unstated` otherwise, `null` when it parses.
 */
function parseFailure(text: string): 'end' | 'unstated' | number | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = (error as Error).message;
    if (/Unexpected end of JSON input/.test(message)) return 'end';
    const position = /at position (\d+)/.exec(message);
    return position ? Number(position[1]) : 'unstated';
  }
}

/**
 * Where a text that `JSON.parse` refuses stops being JSON, as a 0-based character position (its
 * length when it only ends too early). V8's message usually states it; when it does not (and its
 * message quotes the text, which must not reach the client) it is found by bisection over prefixes:
 * a prefix that ends before the error parses or only runs out of input, one that holds the error
 * fails before its end. -1 when the position is unstated and the text too long to bisect.
 */
export function jsonErrorPosition(text: string): number {
  const failure = parseFailure(text);
  if (failure === null || failure === 'end') return text.length;
  if (failure !== 'unstated') return failure;
  if (text.length > BISECT_LIMIT_CHARS) return -1;
  const breaksWithin = (length: number) => {
    const prefix = parseFailure(text.slice(0, length));
    return prefix === 'unstated' || (typeof prefix === 'number' && prefix < length);
  };
  let low = 0; // breaksWithin(low) is false
  let high = text.length; // breaksWithin(high) is true
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (breaksWithin(middle)) high = middle;
    else low = middle;
  }
  return high - 1;
}

/** Why `JSON.parse` refused `text`, by position only: the body's content is never echoed. */
export function describeInvalidJson(text: string): string {
  const position = jsonErrorPosition(text);
  if (position < 0) return 'The request body is not valid JSON.';
  if (position >= text.length) {
    return `The request body is not valid JSON: it ends at position ${text.length} before the JSON value is complete.`;
  }
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `The request body is not valid JSON: it breaks at position ${position} (line ${line}, column ${column}).`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The parser's refusal of a decoded body, in our words: empty, not JSON, or prototype poisoning. */
function refusalOfParsed(text: string): string {
  if (text.trim() === '') return `The request body is empty; send a JSON object as ${BODY_MEDIA_TYPE}.`;
  try {
    JSON.parse(text);
  } catch {
    return describeInvalidJson(text);
  }
  return 'The request body has a "__proto__" or "constructor.prototype" key, which is refused.';
}

/**
 * Replaces Fastify's JSON body parser with one that decodes strict UTF-8 and bounds the shape of the
 * body (see `refuseJsonShape`) before handing it to Fastify's own parser, which keeps its
 * `__proto__`/`constructor` poisoning checks; its refusals are reworded by `refusalOfParsed`. The
 * body limit (413) is Fastify's, worded by the problem filter.
 */
export function useBoundedJsonParser(fastify: FastifyInstance, bodyLimit: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(BODY_MEDIA_TYPE);
  fastify.addContentTypeParser(BODY_MEDIA_TYPE, { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new JsonBodyError('The request body is not valid UTF-8.'), undefined);
      return;
    }
    const refusal = refuseJsonShape(text);
    if (refusal) {
      done(new JsonBodyError(refusal), undefined);
      return;
    }
    parseJson(request, text, (error, parsed) => {
      if (error) done(new JsonBodyError(refusalOfParsed(text)), undefined);
      else done(null, parsed);
    });
  });
}
