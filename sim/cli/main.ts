#!/usr/bin/env node
/**
 * The `lendsim` command: parses arguments, calls the engine or the analysis, prints. Exit codes:
 * 0 done, 1 a run failed, 2 bad input (file, flag, path). Bad input prints no stack trace.
 *
 * Start-up is kept short: `--version` answers before the commands are imported, and the report (with
 * vega) is imported only by what builds a report. A reader that closes the pipe early
 * (`lendsim schema | head`) ends the command quietly.
 */
import { readFileSync } from 'node:fs';

const COMMANDS = ['run', 'sweep', 'decompose', 'sensitivity', 'calibrate', 'merge', 'report', 'check', 'schema', 'init'] as const;

// A closed stdout (EPIPE: the reader is gone) is not an error of lendsim: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  process.stdout.write(`${pkg.version}\n`);
} else {
  await main();
}

async function main(): Promise<void> {
  const first = args.find((a) => !a.startsWith('-'));
  if (first !== undefined && args.indexOf(first) === 0 && !(COMMANDS as readonly string[]).includes(first)) {
    const { didYouMean } = await import('../scenario/problems.js');
    const guess = didYouMean(first, COMMANDS);
    process.stderr.write(`lendsim: unknown command ${JSON.stringify(first)}; the commands are ${COMMANDS.join(', ')}${guess ? `; did you mean \`${guess}\`?` : ''}\n(lendsim --help lists the commands and flags)\n`);
    process.exit(2);
  }
  const [{ default: yargs }, { hideBin }, { checkCommand }, { schemaCommand }, { runCommand }, { sweepCommand }, { mergeCommand }, { reportCommand }, { exitWithError }, { initCommand }, { decomposeCommand }, { sensitivityCommand }, { calibrateCommand }] =
    await Promise.all([
      import('yargs'), import('yargs/helpers'), import('./check.js'), import('./schema.js'), import('./run.js'),
      import('./sweep.js'), import('./merge.js'), import('./report.js'), import('./errors.js'), import('./init.js'), import('./decompose.js'), import('./sensitivity.js'), import('./calibrate.js'),
    ]);
  await yargs(hideBin(process.argv))
    .scriptName('lendsim')
    .usage('$0 <command> [options]\n\nAgent-based simulator of the internet loan-facilitation market under the 2025 rule.')
    .command(runCommand)
    .command(sweepCommand)
    .command(decomposeCommand)
    .command(sensitivityCommand)
    .command(calibrateCommand)
    .command(mergeCommand)
    .command(reportCommand)
    .command(checkCommand)
    .command(schemaCommand)
    .command(initCommand)
    .demandCommand(1, `name a command: ${COMMANDS.join(', ')} (lendsim --help lists them)`)
    .strict()
    .help()
    .alias('h', 'help')
    .version()
    .alias('V', 'version')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) exitWithError(err);
      process.stderr.write(`lendsim: ${msg}\n(lendsim --help lists the commands and flags)\n`);
      process.exit(2);
    })
    .parseAsync();
}
