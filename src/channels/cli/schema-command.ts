/**
 * `lodestone schema facts`: the JSON Schema of the facts file `decide` reads, generated from the zod schema that
 * validates it, so the two cannot drift apart.
 */
import { z } from 'zod';
import { FactsSchema } from '../../rules/facts.js';
import { CliError } from './cli-error.js';
import type { Out } from './commands.js';

const SCHEMAS = { facts: FactsSchema } as const;
type SchemaName = keyof typeof SCHEMAS;

function isSchemaName(name: string | undefined): name is SchemaName {
  return name !== undefined && Object.hasOwn(SCHEMAS, name);
}

export function schemaCommand(name: string | undefined, out: Out): number {
  if (!isSchemaName(name)) throw new CliError(`schema needs one of: ${Object.keys(SCHEMAS).join(', ')}`);
  const schema = z.toJSONSchema(SCHEMAS[name], { target: 'draft-2020-12' });
  out(JSON.stringify({
    ...schema,
    title: 'Lodestone facts',
    description: 'The facts `lodestone decide --facts FILE` reads. Every field is optional: a missing fact is unknown, never "no".',
  }, null, 2));
  return 0;
}
