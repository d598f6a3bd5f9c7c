/**
 * The normal form of a case's facts, used to spot the same question asked twice (dedupe) and to find precedents.
 * `asOf` is dropped (the rules version and date are compared separately), arrays are treated as sets (sorted,
 * duplicates removed) and empty objects are dropped, because `{ endUser: {} }` says nothing more than `{}`.
 */
import { createHash } from 'node:crypto';
import type { Facts } from '../rules/facts.js';
import { canonicalJson } from './canonical-json.js';

export function normaliseFacts(facts: Facts): string {
  const { asOf: _asOf, ...rest } = facts;
  return canonicalJson(normalise(rest) ?? {});
}

/** sha256 (hex) of `normaliseFacts(facts)`: the key cases are deduplicated and precedents looked up by. */
export function factsKey(facts: Facts): string {
  return createHash('sha256').update(normaliseFacts(facts)).digest('hex');
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalise).filter((v) => v !== undefined);
    const byText = new Map(items.map((v) => [canonicalJson(v), v]));
    return [...byText.keys()].sort().map((k) => byText.get(k));
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const n = normalise(v);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}
