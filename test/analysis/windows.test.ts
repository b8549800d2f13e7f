import { describe, expect, it } from 'vitest';
import { snapshotWindows, windowMean } from '../../analysis/stats/windows.js';

describe('snapshotWindows', () => {
  it('takes the 3 months before the rule, the 3 from it, and the last 3', () => {
    expect(snapshotWindows(36, 12)).toEqual({
      beforeRule: { start: 9, end: 12 },
      afterRule: { start: 12, end: 15 },
      end: { start: 33, end: 36 },
    });
  });

  it('clips to the reported months', () => {
    expect(snapshotWindows(4, 1)).toEqual({
      beforeRule: { start: 0, end: 1 },
      afterRule: { start: 1, end: 4 },
      end: { start: 1, end: 4 },
    });
    expect(snapshotWindows(2, 0).beforeRule).toEqual({ start: 0, end: 0 });
    expect(snapshotWindows(2, 0).end).toEqual({ start: 0, end: 2 });
  });
});

describe('windowMean', () => {
  // Two metrics per month (stride 2), metric 1 at offset 1.
  const series = new Float64Array([0, 10, 1, NaN, 2, 30, 3, 40, 4, NaN]);

  it('averages one metric over the window', () => {
    expect(windowMean(series, 2, 0, { start: 1, end: 4 })).toBe(2);
    expect(windowMean(series, 2, 1, { start: 2, end: 4 })).toBe(35);
  });

  it('uses only the defined months', () => {
    expect(windowMean(series, 2, 1, { start: 0, end: 3 })).toBe(20);
  });

  it('is NaN when no month of the window is defined, or the window is empty', () => {
    expect(windowMean(series, 2, 1, { start: 4, end: 5 })).toBeNaN();
    expect(windowMean(series, 2, 0, { start: 2, end: 2 })).toBeNaN();
  });
});
