/** The extractors' words (`rules/vocabulary.yaml`), validated against the rules' fact values. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseYaml } from '../core/read-yaml.js';
import {
  COLLABORATION_KINDS, CountrySchema, DOWNSTREAM_KINDS, ELEMENTS, END_USER_KINDS, END_USES, FORMS, FormSchema,
  MagnetTypeSchema, SECTORS, TECHNOLOGY_AREAS, ElementSchema,
} from '../rules/facts.js';

const Terms = z.array(z.string().min(1));
function termsByEnum<T extends readonly [string, ...string[]]>(values: T) {
  return z.record(z.enum(values), Terms);
}

export const VocabularySchema = z
  .object({
    elements: z.partialRecord(
      z.enum(ELEMENTS),
      z.object({ names: Terms, symbols: Terms, oxides: Terms }).strict(),
    ),
    compounds: z.array(
      z.object({
        terms: Terms,
        elements: z.array(ElementSchema),
        magnetType: MagnetTypeSchema.optional(),
        form: FormSchema.optional(),
      }).strict(),
    ),
    forms: termsByEnum(FORMS),
    downstream: termsByEnum(DOWNSTREAM_KINDS),
    partyNouns: Terms,
    sectors: z.partialRecord(z.enum(SECTORS), Terms),
    endUsers: termsByEnum(END_USER_KINDS),
    defenceCompanies: z.record(CountrySchema, Terms),
    endUses: termsByEnum(END_USES),
    collaborationKinds: termsByEnum(COLLABORATION_KINDS),
    technologyAreas: z.partialRecord(z.enum(TECHNOLOGY_AREAS), Terms),
    places: z.record(CountrySchema, Terms),
    genericItems: Terms,
    demonyms: z.record(CountrySchema, Terms),
  })
  .strict();
export type Vocabulary = z.infer<typeof VocabularySchema>;

export function loadVocabulary(rulesDir: string): Vocabulary {
  const file = join(rulesDir, 'vocabulary.yaml');
  const data = z.object({ vocabulary: VocabularySchema }).strict().safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!data.success) {
    const issue = data.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return data.data.vocabulary;
}
