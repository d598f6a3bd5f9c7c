/** The party matches an answer shows: "TDK Corporation matches watch-list entry 'TDK' in 2026 No. 12". Pure. */
import type { Facts } from './facts.js';
import { describeMatch } from './party-screen.js';
import type { RuleSet } from './ruleset.js';

/** One line per party in the facts whose list entry is cited by one of `sourceIds`. */
export function partyMatchNotes(set: Pick<RuleSet, 'parties'>, facts: Facts, sourceIds: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of facts.endUser?.parties ?? []) {
    const party = set.parties.find((p) => p.name === m.name);
    if (!party || !party.sources.some((id) => sourceIds.includes(id))) continue;
    const line = describeMatch({ kind: m.match, written: m.written, entry: m.entry, party });
    out.push(m.role === 'supplier' ? `The supplier: ${line} The lists bar exports to a listed party; buying from one is for compliance to check.` : line);
  }
  return out;
}
