/**
 * A BOM line's supplier and customer cells screened against MOFCOM's control and watch lists (brief R23, R24). Each
 * cell is one name, so anything beside a listed name makes it a near match. A listed customer decides as in chat
 * (control list prohibited, watch list the watch-list licence, near matches escalate); a listed supplier only ever
 * escalates: the lists bar exports to a listed party, and buying from one is for compliance to check.
 */
import type { PartyScreener } from '../rules/party-screen.js';
import type { Facts, PartyMatchFact } from '../rules/facts.js';
import type { BomLine } from './read-bom.js';

export function lineParties(screener: PartyScreener, line: Pick<BomLine, 'supplier' | 'customer'>): Facts['endUser'] {
  const matches: (PartyMatchFact & { sources: readonly string[] })[] = [];
  for (const [role, cell] of [['buyer', line.customer], ['supplier', line.supplier]] as const) {
    if (!cell) continue;
    for (const m of screener.find(cell, { wholeName: true })) {
      matches.push({ written: m.written.slice(0, 200), entry: m.entry, name: m.party.name, match: role === 'supplier' && m.kind === 'exact' ? 'near' : m.kind, role, sources: m.party.sources });
    }
  }
  if (matches.length === 0) return undefined;
  const lists = [...new Set(matches.filter((m) => m.match === 'exact').flatMap((m) => m.sources))];
  const nearLists = [...new Set(matches.filter((m) => m.match !== 'exact').flatMap((m) => m.sources))];
  return {
    ...(lists.length > 0 ? { lists } : {}),
    ...(nearLists.length > 0 ? { nearLists } : {}),
    parties: matches.map(({ sources: _s, ...m }) => m),
  };
}
