/**
 * Reads `rules/*.yaml` (any depth), validates each file with zod, and returns a RuleSet whose version is a content
 * hash of the files. A bad file fails with one message naming the file, the path inside it and what is wrong.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { parseYaml, YamlSyntaxError } from '../core/read-yaml.js';
import type { NamedConditions } from './condition.js';
import { lintRuleSet } from './lint.js';
import type { RuleSet } from './ruleset.js';
import {
  ConditionFileSchema, ItemsFileSchema, PartiesFileSchema, QuestionFileSchema, RuleFileSchema, SourceFileSchema, TopicFileSchema,
  type ListedItem, type ListedParty, type PartyScreeningWords, type Question, type Rule, type Source, type Topic,
} from './schema.js';

export class RulesError extends Error {
  readonly code = 'rules_invalid';
  constructor(readonly file: string, readonly path: string, readonly detail: string) {
    super(`${file}${path ? `: ${path}` : ''}: ${detail}`);
    this.name = 'RulesError';
  }
}

export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}

function parseWith<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (!issue) throw new RulesError(file, "", "invalid");
  // Union errors hide the useful message one level down.
  const deepest = issue.code === 'invalid_union' && 'errors' in issue
    ? (issue.errors as { path: PropertyKey[]; message: string }[][]).flat()[0]
    : undefined;
  const path = [...issue.path, ...(deepest?.path ?? [])];
  throw new RulesError(file, formatPath(path), deepest?.message ?? issue.message);
}

export interface LoadedFiles {
  readonly sources: Source[];
  readonly conditions: Record<string, NamedConditions[string]>;
  readonly rules: Rule[];
  readonly questions: Question[];
  readonly topics: Topic[];
  readonly items: ListedItem[];
  readonly parties: ListedParty[];
  partyScreening: PartyScreeningWords;
  readonly version: string;
}

export function readRuleFiles(dir: string): LoadedFiles {
  const files = yamlFiles(dir);
  if (files.length === 0) throw new RulesError(dir, '', 'no rule files (*.yaml) found');
  const hash = createHash('sha256');
  const out: LoadedFiles = { sources: [], conditions: {}, rules: [], questions: [], topics: [], items: [], parties: [], partyScreening: { commonWords: [], legalForms: [], relationWords: [], unitNegations: [] }, version: '' };
  for (const abs of files) {
    const file = relative(process.cwd(), abs) || abs;
    const text = readFileSync(abs, 'utf8');
    hash.update(relative(dir, abs)).update('\0').update(text).update('\0');
    // The extractors' vocabulary is hashed with the rules but read (and validated) by src/nlu: no need to parse it twice.
    if (/^vocabulary:\s*$/m.test(text) && !/^(sources|conditions|rules|questions|topics|items|parties):/m.test(text)) continue;
    let data: unknown;
    try {
      data = parseYaml(text);
    } catch (e) {
      if (!(e instanceof YamlSyntaxError)) throw e;
      throw new RulesError(file, e.line === undefined ? '' : `line ${e.line}`, `not valid YAML: ${e.reason}`);
    }
    if (typeof data !== 'object' || data === null) throw new RulesError(file, '', 'expected a mapping at the top');
    if ('sources' in data) out.sources.push(...parseWith(SourceFileSchema, data, file).sources);
    else if ('conditions' in data) Object.assign(out.conditions, parseWith(ConditionFileSchema, data, file).conditions);
    else if ('rules' in data) out.rules.push(...parseWith(RuleFileSchema, data, file).rules);
    else if ('questions' in data) out.questions.push(...parseWith(QuestionFileSchema, data, file).questions);
    else if ('topics' in data) out.topics.push(...parseWith(TopicFileSchema, data, file).topics);
    else if ('items' in data) out.items.push(...parseWith(ItemsFileSchema, data, file).items);
    else if ('parties' in data) {
      const parsed = parseWith(PartiesFileSchema, data, file);
      out.parties.push(...parsed.parties);
      if (parsed.screening) out.partyScreening = parsed.screening;
    }
    else if ('vocabulary' in data) continue; // the extractors' words: read by src/nlu, hashed here with the rest
    else throw new RulesError(file, '', 'expected one of the keys sources, conditions, rules, questions, topics, items, parties, vocabulary');
  }
  return { ...out, version: hash.digest('hex').slice(0, 12) };
}

export function toRuleSet(files: LoadedFiles): RuleSet {
  return {
    sources: new Map(files.sources.map((s) => [s.id, s])),
    conditions: files.conditions,
    rules: files.rules,
    questions: new Map(files.questions.map((q) => [q.fact, q])),
    topics: files.topics,
    items: files.items,
    parties: files.parties,
    partyScreening: files.partyScreening,
    version: files.version,
  };
}

/** Loads and lints; throws a RulesError on the first problem, so a bad edit never reaches an answer. */
export function loadRuleSet(dir: string): RuleSet {
  const set = toRuleSet(readRuleFiles(dir));
  const problems = lintRuleSet(set);
  const first = problems[0];
  if (first) throw new RulesError(first.file, first.where, first.message);
  return set;
}
