/**
 * `lendsim schema [--sweep]`: print the JSON Schema of scenario files (the text of
 * scenarios/scenario.schema.json), or with --sweep of sweep files (scenarios/sweep.schema.json).
 */
import type { CommandModule } from 'yargs';
import { scenarioJsonSchemaText } from '../scenario/jsonSchema.js';
import { sweepJsonSchemaText } from '../sweep/jsonSchema.js';

export const schemaCommand: CommandModule<object, { sweep: boolean }> = {
  command: 'schema',
  describe: 'print the JSON Schema of scenario files (the reference for every field; editors can use it)',
  builder: (y) => y.option('sweep', { type: 'boolean', default: false, describe: 'print the JSON Schema of sweep files instead (scenarios/sweep.schema.json)' }),
  handler: ({ sweep }) => {
    process.stdout.write(sweep ? sweepJsonSchemaText() : scenarioJsonSchemaText());
  },
};
