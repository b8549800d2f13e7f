import { describe, expect, it } from 'vitest';
import { namedBankIds, pack, readPackedHeader, unpack } from '../../sim/model/pack.js';
import { BANK_SERIES_COUNT, METRIC_COUNT } from '../../sim/model/metricNames.js';
import type { RunResult } from '../../sim/model/result.js';
import { defaultScenario } from '../../sim/scenario/schema.js';

function sample(): RunResult {
  const months = 4;
  const bankIds = ['a', 'b', 'c'];
  return {
    arm: 'counterfactual', runIndex: 17, seed: 4294967295, months,
    series: new Float64Array(months * METRIC_COUNT).map((_, i) => (i % 11 === 0 ? NaN : i * 0.25 - 3)),
    bankIds,
    bankSeries: new Float64Array(months * bankIds.length * BANK_SERIES_COUNT).map((_, i) => i),
    extras: { zeta: new Float64Array([1, 2, 3]), 'apr.head': new Float64Array([0.1, -0.2]), empty: new Float64Array(0) },
  };
}

describe('pack / unpack', () => {
  it('round-trips a run through one ArrayBuffer', () => {
    const r = sample();
    const buf = pack(r, r.bankIds);
    expect(buf).toBeInstanceOf(ArrayBuffer);
    const back = unpack(buf, r.bankIds);
    expect(back.arm).toBe('counterfactual');
    expect(back.runIndex).toBe(17);
    expect(back.seed).toBe(4294967295);
    expect(back.months).toBe(4);
    expect(Array.from(back.series)).toEqual(Array.from(r.series));
    expect(Array.from(back.bankSeries)).toEqual(Array.from(r.bankSeries));
    expect(back.bankIds).toEqual(['a', 'b', 'c']);
    expect(Object.keys(back.extras)).toEqual(['apr.head', 'empty', 'zeta']);
    expect(Array.from(back.extras['apr.head']!)).toEqual([0.1, -0.2]);
    expect(back.extras.empty).toHaveLength(0);
  });

  it('reads the header alone', () => {
    expect(readPackedHeader(pack(sample()))).toMatchObject({ arm: 'counterfactual', runIndex: 17, months: 4, bankCount: 3, metricCount: METRIC_COUNT });
  });

  it('refuses a run whose banks are not the scenario order', () => {
    expect(() => pack(sample(), ['a', 'c', 'b'])).toThrow(/expected the scenario's enabled named banks in order \[a, c, b\]/);
  });

  it('refuses series of the wrong length', () => {
    const r = sample();
    expect(() => pack({ ...r, series: r.series.subarray(1) })).toThrow(/series has/);
    expect(() => pack({ ...r, bankSeries: r.bankSeries.subarray(1) })).toThrow(/bankSeries has/);
  });

  it('refuses buffers that are not packed runs, or are cut short', () => {
    expect(() => unpack(new ArrayBuffer(12), [])).toThrow(/not a packed run/);
    expect(() => unpack(new Float64Array(20).buffer, [])).toThrow(/bad magic/);
    const buf = pack(sample());
    expect(() => unpack(buf.slice(0, buf.byteLength - 8), ['a', 'b', 'c'])).toThrow(/header says/);
    expect(() => unpack(buf, ['a', 'b'])).toThrow(/3 named banks, the scenario has 2/);
  });

  it('namedBankIds lists the enabled named banks in scenario order', () => {
    const s = defaultScenario();
    const all = Object.keys(s.banks.named);
    expect(namedBankIds(s)).toEqual(all);
    s.banks.named[all[1]!]!.enabled = false;
    expect(namedBankIds(s)).toEqual(all.filter((_, i) => i !== 1));
  });
});
