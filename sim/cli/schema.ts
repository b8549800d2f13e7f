/** `lendsim schema`: print the JSON Schema of scenario files (the text of scenarios/scenario.schema.json). */
import type { CommandModule } from 'yargs';
import { scenarioJsonSchemaText } from '../scenario/jsonSchema.js';

export const schemaCommand: CommandModule = {
  command: 'schema',
  describe: 'print the JSON Schema of scenario files (the reference for every field; editors can use it)',
  handler: () => {
    process.stdout.write(scenarioJsonSchemaText());
  },
};
