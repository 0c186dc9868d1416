/**
 * `@name` mentions in a note's text. A name is a user's handle (`ana_lucic`) or the local part of
 * their e-mail address (`ana.lucic`), so it may hold letters, digits and `_ . + -`.
 *
 * What is not a mention:
 * - an `@` inside a word, an e-mail address or a URL (`ana@desk.org`, `https://x.org/@ana`): the `@`
 *   must start the text or follow something that cannot be part of an address;
 * - `@@ana`: a doubled `@` is someone writing about the sign, not calling a person;
 * - a name directly followed by another `@` (`@ana@desk.org`): that is an address, not a name.
 *
 * Sentence punctuation after a name is not part of it: "thanks @ana." mentions `ana`.
 */

/** Characters that may appear inside a mention name. */
const NAME_CHAR = /[\p{L}\p{N}_.+-]/u;
/** Before the `@`: anything that could belong to an address, a URL path or another mention. */
const BLOCKS_MENTION = /[\p{L}\p{N}_.+\-/@=&?#%]/u;
/** A name ends on a letter, digit or `_`; trailing `.`, `+`, `-` are punctuation. */
const TRAILING_PUNCTUATION = /[.+-]+$/;
/** The longest e-mail local part (RFC 5321); anything longer names nobody. */
export const MAX_MENTION_LENGTH = 64;

/**
 * The names mentioned in `body`, lower-cased, each once, in the order they first appear.
 * Pure: which users the names belong to is the notes service's business.
 */
export function parseMentions(body: string): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const chars = [...body];
  for (let at = 0; at < chars.length; at++) {
    if (chars[at] !== '@') continue;
    if (at > 0 && BLOCKS_MENTION.test(chars[at - 1])) continue;
    let end = at + 1;
    while (end < chars.length && NAME_CHAR.test(chars[end])) end++;
    if (chars[end] === '@') {
      // `@ana@desk.org`: skip the whole address so its second `@` is not read either.
      at = end;
      continue;
    }
    const name = chars
      .slice(at + 1, end)
      .join('')
      .replace(TRAILING_PUNCTUATION, '')
      .toLowerCase();
    at = end - 1;
    if (!name || /^[.+-]/.test(name) || [...name].length > MAX_MENTION_LENGTH) continue;
    if (!seen.has(name)) {
      seen.add(name);
      names.push(name);
    }
  }
  return names;
}
