// The page's text helpers: escaping, JSON inside a <script> element, number formats, CSV in and out,
// the exit-cap crossing.
import { describe, expect, it } from 'vitest';
import { parseCsv, rowsToCsv } from '../../analysis/report/csv.js';
import { escapeHtml, formatEffect, formatValue, metricKind, scriptJson } from '../../analysis/report/format.js';
import { html, trustedHtml } from '../../analysis/report/html.js';
import { contentSecurityPolicy } from '../../analysis/report/page.js';

describe('escaping', () => {
  it('escapes the five HTML characters and nothing else', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a> 中文`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt; 中文');
  });

  it('html`` escapes every interpolated value but Html, joins arrays, drops null and false', () => {
    const name = '<script>alert(1)</script>';
    expect(html`<p>${name}</p>`.text).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html`<ul>${['<a>', html`<li>${'&'}</li>`]}</ul>${null}${false}${0}`.text).toBe('<ul>&lt;a&gt;<li>&amp;</li></ul>0');
    expect(html`${trustedHtml('<b>ok</b>')}`.text).toBe('<b>ok</b>');
  });

  it('scriptJson cannot close its element and reads back to the same value', () => {
    const value = { name: '</script><script>alert(1)</script><!-- & \u2028' };
    const text = scriptJson(value);
    expect(text).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('the CSP allows exactly the given scripts (sha256, base64), no network, no eval', () => {
    const csp = contentSecurityPolicy(['alert(1)']);
    // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
    expect(csp).toBe("default-src 'none'; script-src 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
  });
});

describe('numbers', () => {
  it('formats by what the metric measures', () => {
    expect(metricKind('aprMean.head')).toBe('rate');
    expect(metricKind('margin.city.net')).toBe('rate');
    expect(metricKind('originations')).toBe('money');
    expect(metricKind('platformHHI')).toBe('index');
    expect(metricKind('links')).toBe('count');
    expect(formatValue('rate', 0.2848)).toBe('28.48%');
    expect(formatValue('money', 2.723e11)).toBe('RMB 272.3 bn');
    expect(formatValue('money', 2.723e11, 'USD')).toBe('USD 272.3 bn');
    expect(formatEffect('money', -5e9)).toBe('−RMB 5.0 bn');
    expect(formatValue('count', 1048)).toBe('1048');
    expect(formatValue('count', 12.345)).toBe('12.35');
    expect(formatValue('rate', null)).toBe('—');
    expect(formatEffect('rate', -0.0726)).toBe('−7.26 pp');
    expect(formatEffect('count', 801)).toBe('+801');
    expect(formatEffect('rate', -6.6e9)).toBe('−6.60e+11 pp'); // off any scale: still printed, never hidden
  });
});

describe('CSV', () => {
  it('writes a header of every key, quotes what needs it, and parses back', () => {
    const text = rowsToCsv([{ a: 1, b: 'x,y' }, { a: null, c: true, b: 'say "hi"\nthere' }]);
    expect(text).toBe('a,b,c\n1,"x,y",\n,"say ""hi""\nthere",true\n');
    expect(parseCsv(text)).toEqual([['a', 'b', 'c'], ['1', 'x,y', ''], ['', 'say "hi"\nthere', 'true']]);
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
  });
});
