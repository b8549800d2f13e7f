/**
 * HTML built by a tagged template that escapes every interpolated value: text from a scenario file
 * (its name, description, bank names) can only ever land in the page as text. Only an `Html` value
 * (the result of another `html` template, or `trustedHtml` for markup this code wrote) is inserted
 * as markup.
 *
 * @example html`<p>${'<b>bold</b>'}</p>`.text // '<p>&lt;b&gt;bold&lt;/b&gt;</p>'
 */
import { escapeHtml } from './format.js';

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Markup written by this code (never text from a file). */
export function trustedHtml(markup: string): Html {
  return new Html(markup);
}
