#!/usr/bin/env node
/**
 * The `lendsim` command: parses arguments, calls the engine or the analysis, prints. Exit codes:
 * 0 done, 1 a run failed, 2 bad input (file, flag, path). Bad input prints no stack trace.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { checkCommand } from './check.js';
import { schemaCommand } from './schema.js';
import { runCommand } from './run.js';
import { sweepCommand } from './sweep.js';
import { mergeCommand } from './merge.js';
import { reportCommand } from './report.js';
import { exitWithError } from './errors.js';

await yargs(hideBin(process.argv))
  .scriptName('lendsim')
  .usage('$0 <command> [options]\n\nAgent-based simulator of the internet loan-facilitation market under the 2025 rule.')
  .command(runCommand)
  .command(sweepCommand)
  .command(mergeCommand)
  .command(reportCommand)
  .command(checkCommand)
  .command(schemaCommand)
  .demandCommand(1, 'name a command: run, sweep, merge, report, check or schema (lendsim --help lists them)')
  .strict()
  .recommendCommands()
  .help()
  .version()
  .wrap(Math.min(110, process.stdout.columns || 100))
  .fail((msg, err) => {
    if (err) exitWithError(err);
    process.stderr.write(`lendsim: ${msg}\n(lendsim --help lists the commands and flags)\n`);
    process.exit(2);
  })
  .parseAsync();
