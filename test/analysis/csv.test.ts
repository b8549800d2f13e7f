// CSV cells: text that a spreadsheet would run as a formula is neutralized; numbers stay numbers.
import { describe, expect, it } from 'vitest';
import { parseCsv, rowsToCsv } from '../../analysis/report/csv.js';
import { csvNumber, csvText } from '../../analysis/stats/csv.js';
import { csvValue } from '../../analysis/sweep/sweepOutputs.js';

describe('csvText', () => {
  it('prefixes text that starts with =, +, -, @, tab or CR with a quote mark, and quotes as RFC 4180 says', () => {
    expect(csvText('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvText('+1')).toBe("'+1");
    expect(csvText('-2+3')).toBe("'-2+3");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText('\tcmd')).toBe("'\tcmd");
    expect(csvText('\r=1')).toBe('"\'\r=1"');
    expect(csvText('Bank of Ningbo')).toBe('Bank of Ningbo');
    expect(csvText('a, b')).toBe('"a, b"');
  });

  it('numbers stay numbers, in every writer', () => {
    expect(csvNumber(-0.5)).toBe('-0.5');
    expect(csvValue(-0.5)).toBe('-0.5');
    expect(csvValue('=1+1')).toBe("'=1+1");
    const text = rowsToCsv([{ name: '=cmd|calc', value: -3 }]);
    expect(parseCsv(text)).toEqual([['name', 'value'], ["'=cmd|calc", '-3']]);
  });
});
