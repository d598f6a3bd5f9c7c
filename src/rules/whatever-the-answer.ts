/**
 * Would any answer to the open questions clear the case? The engine asks for a fact so that the answer can change
 * what the asker must do. When every value the missing facts can take leads to a licence, a prohibition or an
 * escalation, asking is pointless: the verdict is the one they all share, or compliance decides (escalate). This is
 * the question "whatever the answer, is it ever `not_required`?", asked of the rules themselves, so it holds for
 * any wording of the question.
 *
 * Only facts with a small closed set of values are tried: booleans, enums, and countries (each country a rule
 * names, plus one that none names). A composition, a number or a list has no such set, so a question about it is
 * still asked: it is exactly the question ("which rare earths does it contain?") whose answer can clear the case.
 */
import { factConditionsIn, type AssumedFacts } from './condition.js';
import { FACTS, type FactValue } from './fact-registry.js';
import type { RuleSet } from './ruleset.js';
import { strictness, type Verdict } from './verdict.js';

/** More combinations than this and the question is asked as before: each is a rule evaluation (about 0.05 ms). */
const MAX_COMBINATIONS = 64;
/** A country no rule names: stands for "anywhere else". */
const ANY_OTHER_COUNTRY = 'ZZ';

const countryCache = new WeakMap<RuleSet, readonly string[]>();

/** Every country a rule tests for, plus one that none does. */
function countryValues(set: RuleSet): readonly string[] {
  const cached = countryCache.get(set);
  if (cached) return cached;
  const out = new Set<string>();
  const leaves = [...set.rules.map((r) => r.when), ...Object.values(set.conditions)].flatMap((c) => factConditionsIn(c, set.conditions));
  for (const leaf of leaves) {
    if (FACTS[leaf.fact]?.type !== 'country') continue;
    for (const v of Array.isArray(leaf.value) ? leaf.value : [leaf.value]) if (typeof v === 'string') out.add(v);
  }
  // "Anywhere else" first, and "no" before "yes" below: the answers most likely to clear are tried first, since the
  // walk stops at the first that does (the order changes nothing else).
  const values = [ANY_OTHER_COUNTRY, ...out];
  countryCache.set(set, values);
  return values;
}

function valuesOf(fact: string, set: RuleSet): readonly FactValue[] | undefined {
  const def = FACTS[fact];
  switch (def?.type) {
    case 'boolean':
      return [false, true];
    case 'enum':
      return def.values;
    case 'country':
      return countryValues(set);
    default:
      return undefined;
  }
}

/**
 * Facts that say one thing two ways: goods made outside China are not of Chinese origin, and the reverse. A
 * combination that answers the two differently is no answer anyone can give, so it is not tried.
 */
const SAME_FACT_NEGATED: readonly (readonly [string, string])[] = [['madeAbroad', 'item.chinaOrigin']];

function consistent(assumed: ReadonlyMap<string, FactValue>): boolean {
  return SAME_FACT_NEGATED.every(([a, b]) => !assumed.has(a) || !assumed.has(b) || assumed.get(a) !== assumed.get(b));
}

/**
 * The verdicts reached under every combination of values of the missing facts, up to the first that needs no licence,
 * or undefined when some fact has no closed set of values (or there are too many combinations) and so cannot be tried.
 */
export function verdictsOverAnswers(
  set: RuleSet,
  missingFacts: readonly string[],
  decideAssuming: (assumed: AssumedFacts) => Verdict,
): readonly Verdict[] | undefined {
  const domains: (readonly FactValue[])[] = [];
  for (const fact of missingFacts) {
    const values = valuesOf(fact, set);
    if (!values || values.length === 0) return undefined;
    domains.push(values);
  }
  if (domains.reduce((n, d) => n * d.length, 1) > MAX_COMBINATIONS) return undefined;
  const verdicts = new Set<Verdict>();
  // One answer that needs no licence (or still asks) is enough to make the question worth asking, so the walk stops
  // there: the rest could not change what `verdictWhateverTheAnswer` says. Asking turns were the slowest turns.
  let clears = false;
  const walk = (i: number, assumed: Map<string, FactValue>): void => {
    if (clears) return;
    if (i === missingFacts.length) {
      if (!consistent(assumed)) return;
      const v = decideAssuming(assumed);
      verdicts.add(v);
      if (strictness(v) < strictness('license_required')) clears = true;
      return;
    }
    for (const v of domains[i] ?? []) {
      assumed.set(missingFacts[i] as string, v);
      walk(i + 1, assumed);
      if (clears) break;
    }
    assumed.delete(missingFacts[i] as string);
  };
  walk(0, new Map());
  return [...verdicts];
}

/**
 * What to answer instead of asking, when no answer could clear the case: the verdict every answer leads to, or
 * `escalate` when they differ (a licence for some answers, a prohibition for others). Undefined: asking is right.
 */
export function verdictWhateverTheAnswer(verdicts: readonly Verdict[] | undefined): Verdict | undefined {
  if (!verdicts || verdicts.length === 0) return undefined;
  if (!verdicts.every((v) => strictness(v) >= strictness('license_required'))) return undefined;
  return verdicts.every((v) => v === verdicts[0]) ? verdicts[0] : 'escalate';
}
