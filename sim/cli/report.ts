/**
 * `lendsim report DIR`: (re)build DIR/report.html and DIR/charts/ from the results already in DIR,
 * without re-running anything: an experiment's directory (summary.json, timeseries.csv,
 * distributions.json, written by `lendsim run`) or a sweep's (sweep.json, sweep.csv). stdout carries
 * only the path of the report; errors go to stderr (exit 2 when DIR holds no results).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { exitOnError } from './errors.js';
import { existingDir } from './program.js';

interface ReportArgs {
  dir: string;
  quiet: boolean;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <dir>',
  describe: '(re)build DIR/report.html and DIR/charts/ from the results in DIR, without re-running',
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'output directory of lendsim run (or lendsim sweep)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no notes on stderr' }) as never,
  handler: exitOnError(report),
};

async function report(argv: ReportArgs): Promise<void> {
  const dir = existingDir(argv.dir, 'the output directory of lendsim run');
  const t0 = performance.now();
  // The report (and vega) loads only here, so the rest of the CLI starts without it.
  const built = existsSync(join(dir, 'sweep.json'))
    ? await (await import('../../analysis/report/sweepReport.js')).buildSweepReport(dir)
    : await (await import('../../analysis/report/experimentReport.js')).buildExperimentReport(dir);
  process.stdout.write(`${built.report}\n`);
  if (!argv.quiet) {
    process.stderr.write(`lendsim: report in ${built.report}, ${built.charts.length / 2} charts in ${join(dir, 'charts')} (SVG and CSV) (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
}
