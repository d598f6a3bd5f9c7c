/** A loaded, validated rule set: what the engine evaluates against. */
import type { NamedConditions } from './condition.js';
import type { ListedItem, ListedParty, PartyScreeningWords, Question, Rule, Source, Topic } from './schema.js';

export interface RuleSet {
  readonly sources: ReadonlyMap<string, Source>;
  readonly conditions: NamedConditions;
  readonly rules: readonly Rule[];
  readonly questions: ReadonlyMap<string, Question>;
  readonly topics: readonly Topic[];
  /** Listed items with their control codes and reference HS codes (labels; the rules decide). */
  readonly items: readonly ListedItem[];
  /** MOFCOM's control-list and watch-list entities (names; the rules decide what a match means). */
  readonly parties: readonly ListedParty[];
  /** How party names are compared (rules/parties.yaml `screening`). */
  readonly partyScreening: PartyScreeningWords;
  /** Content hash of the files in `rules/`: changes whenever an officer edits a rule. */
  readonly version: string;
}
