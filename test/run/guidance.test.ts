// scenarios/guidance-2026.yaml runs end to end (made small), and its report marks every change of
// the timeline: the rule and both later regimes, by name, on every chart with a month axis.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExperimentData } from '../../analysis/report/data.js';
import { experimentCharts } from '../../analysis/report/experimentCharts.js';
import { runExperiment } from '../../sim/run/experiment.js';
import { loadScenario } from '../../sim/scenario/load.js';
import { distWorkerUrl, ROOT, tempDir } from './helpers.js';

/** Every labelled rule line in a spec: the months of its `rule` marks and the texts beside them. */
function marks(spec: unknown): { rules: number[]; labels: string[] } {
  const rules: number[] = [];
  const labels: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as { mark?: { type?: string }; encoding?: { x?: { datum?: number }; text?: { value?: string } } };
    if (n.mark?.type === 'rule' && typeof n.encoding?.x?.datum === 'number') rules.push(n.encoding.x.datum);
    if (n.mark?.type === 'text' && typeof n.encoding?.text?.value === 'string') labels.push(n.encoding.text.value);
    Object.values(node).forEach(walk);
  };
  walk(spec);
  return { rules, labels };
}

describe('scenarios/guidance-2026.yaml', () => {
  it('runs, and its report marks the rule and both later changes on every chart with a month axis', async () => {
    const loaded = loadScenario(join(ROOT, 'scenarios/guidance-2026.yaml')).scenario;
    const scenario = { ...loaded, runs: 2, months: 18, burnInMonths: 3, borrowers: { ...loaded.borrowers, count: 3000 } };
    const out = join(tempDir(), 'out');
    const r = await runExperiment({ scenario, outDir: out, workers: 1, workerUrl: distWorkerUrl() });
    expect(r.status).toBe('done');
    const d = JSON.parse(readFileSync(join(out, 'distributions.json'), 'utf8')) as { timeline: unknown; regimes: Record<string, { comprehensiveCap: unknown }> };
    expect(d.timeline).toEqual([
      { month: 0, regime: 'before' }, { month: 12, regime: 'after' }, { month: 15, regime: 'channelCut' }, { month: 16, regime: 'guidance20' },
    ]);
    expect(d.regimes.guidance20?.comprehensiveCap).toBe(0.2);
    const charts = experimentCharts(readExperimentData(out)).flatMap((item) => ('chart' in item ? [item.chart] : []));
    const timed = charts.filter((c) => c.name === 'time-series' || c.name === 'named-bank-partners');
    expect(timed.map((c) => c.name).sort()).toEqual(['named-bank-partners', 'time-series']);
    for (const c of timed) {
      expect(marks(c.spec), c.name).toEqual({ rules: [12, 15, 16], labels: ['after', 'channelCut', 'guidance20'] });
      expect(c.howToRead, c.name).toContain('channelCut from month 15, guidance20 from month 16');
    }
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('guidance20 (policy arm, from month 16)');
  });
});
