/**
 * The rule set answers are decided on: the data in `rules/` with the officers' recorded statuses layered over it.
 * It is a RuleSet like any other (the engine and the assistant read it unchanged), whose contents are replaced when
 * a status is recorded, so the next answer uses it without a restart and names the new rules version.
 */
import type { NamedConditions } from './condition.js';
import type { RuleSet } from './ruleset.js';
import type { ListedItem, ListedParty, Question, Rule, Source, Topic } from './schema.js';
import { applyStatusOverlay, hasOverlay, type StatusRecord } from './status-overlay.js';

export class CurrentRules implements RuleSet {
  private applied: RuleSet;
  private recorded: readonly StatusRecord[] = [];

  constructor(readonly base: RuleSet, records: readonly StatusRecord[] = []) {
    this.applied = base;
    this.update(records);
  }

  /** Replaces the overlay (every record so far, in the order recorded). */
  update(records: readonly StatusRecord[]): void {
    this.applied = applyStatusOverlay(this.base, records);
    this.recorded = [...records];
  }

  get records(): readonly StatusRecord[] { return this.recorded; }
  get sources(): ReadonlyMap<string, Source> { return this.applied.sources; }
  get conditions(): NamedConditions { return this.applied.conditions; }
  get rules(): readonly Rule[] { return this.applied.rules; }
  get questions(): ReadonlyMap<string, Question> { return this.applied.questions; }
  get topics(): readonly Topic[] { return this.applied.topics; }
  get items(): readonly ListedItem[] { return this.applied.items; }
  get parties(): readonly ListedParty[] { return this.applied.parties; }
  get partyScreening(): RuleSet['partyScreening'] { return this.applied.partyScreening; }
  get version(): string { return this.applied.version; }

  /** The rule set as it stands now, frozen (for a computation that must not see a record land halfway). */
  snapshot(): RuleSet { return this.applied; }

  /** Whether an officer has recorded a status for this rule id or suspension source ID. */
  hasOverlay(target: string): boolean {
    return hasOverlay(this.recorded, this.base.rules, target);
  }

  /** Where a rule's status comes from today: the data, or an officer's record layered over it. */
  originOf(ruleId: string): 'data' | 'overlay' {
    return hasOverlay(this.recorded, this.base.rules, ruleId) ? 'overlay' : 'data';
  }
}
