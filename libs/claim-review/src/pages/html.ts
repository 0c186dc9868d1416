/** Markup that is already safe to insert as is (built by `markup` or `raw`). */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export const raw = (markup: string) => new SafeHtml(markup);

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/**
 * A tagged template that escapes every interpolated value unless it is SafeHtml; arrays are
 * joined. The one way our pages put text into markup, so nothing reaches a page unescaped. (Not
 * named `html`: formatters would rewrite the templates' whitespace.)
 */
export function markup(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  return raw(
    strings.reduce(
      (out, string, index) => out + string + (index < values.length ? render(values[index]) : ''),
      '',
    ),
  );
}

/**
 * JSON for a `<script type="application/ld+json">` block. HTML ends a script at `</script`, whatever
 * the JSON says, so `<`, `>` and `&` are written as JSON escapes (still the same JSON), as are the
 * two line separators JavaScript once refused inside strings.
 */
export function jsonForScript(value: unknown): SafeHtml {
  return raw(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}

/** An attribute value that must be a web address: anything but http(s) is dropped, not linked. */
export function safeUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}
