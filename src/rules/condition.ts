/**
 * Three-valued evaluation of rule conditions: each condition is true, false or unknown, and every leaf reports its
 * expected and actual value so that an answer can say exactly why (json-rules-engine style).
 */
import { FACTS, type Composition, type FactValue } from './fact-registry.js';
import type { Facts } from './facts.js';
import type { Condition, FactCondition, Scalar } from './schema.js';
import { assertNever } from './verdict.js';

export type Truth = 'true' | 'false' | 'unknown';

export interface ConditionCheck {
  readonly fact: string;
  readonly label: string;
  readonly op: FactCondition['op'];
  readonly expected: Scalar | readonly Scalar[];
  /** The value read from the facts, or null when unknown. */
  readonly actual: unknown;
  readonly result: Truth;
}

export interface ConditionResult {
  readonly result: Truth;
  /** A new array on every call, the caller's to keep. */
  readonly checks: ConditionCheck[];
  /** The facts whose being known would settle an unknown result: only those in branches still open. */
  readonly unknowns: readonly string[];
}

export type NamedConditions = Readonly<Record<string, Condition>>;

function isComposition(v: FactValue): v is Composition {
  return typeof v === 'object' && !Array.isArray(v) && (v as Composition).kind === 'composition';
}

function asList(value: Scalar | readonly Scalar[]): readonly Scalar[] {
  return Array.isArray(value) ? value : [value as Scalar];
}

function containsAny(actual: FactValue, wanted: readonly Scalar[]): Truth {
  if (isComposition(actual)) {
    if (actual.present.some((e) => wanted.includes(e))) return 'true';
    if (actual.complete || wanted.every((w) => actual.absent.includes(w as never))) return 'false';
    return 'unknown';
  }
  if (Array.isArray(actual)) return actual.some((a) => wanted.includes(a)) ? 'true' : 'false';
  return wanted.includes(actual as Scalar) ? 'true' : 'false';
}

function compare(c: FactCondition, actual: FactValue): Truth {
  const t = (b: boolean): Truth => (b ? 'true' : 'false');
  switch (c.op) {
    case 'equal':
      return t(actual === c.value);
    case 'notEqual':
      return t(actual !== c.value);
    case 'in':
      return t(asList(c.value).includes(actual as Scalar));
    case 'notIn':
      return t(!asList(c.value).includes(actual as Scalar));
    case 'containsAny':
      return containsAny(actual, asList(c.value));
    case 'gte':
      return t(typeof actual === 'number' && actual >= Number(c.value));
    case 'lt':
      return t(typeof actual === 'number' && actual < Number(c.value));
    default:
      return assertNever(c.op, 'operator');
  }
}

function displayActual(v: FactValue | undefined): unknown {
  if (v === undefined) return null;
  if (isComposition(v)) {
    return { present: v.present, absent: v.absent, complete: v.complete };
  }
  return v;
}

/** Every fact test in a condition, through named conditions too (each named condition once). */
export function factConditionsIn(cond: Condition, named: NamedConditions, out: FactCondition[] = [], seen: Set<string> = new Set()): FactCondition[] {
  if ('all' in cond) cond.all.forEach((c) => factConditionsIn(c, named, out, seen));
  else if ('any' in cond) cond.any.forEach((c) => factConditionsIn(c, named, out, seen));
  else if ('not' in cond) factConditionsIn(cond.not, named, out, seen);
  else if ('ref' in cond) {
    const target = named[cond.ref];
    if (target && !seen.has(cond.ref)) {
      seen.add(cond.ref);
      factConditionsIn(target, named, out, seen);
    }
  } else out.push(cond);
  return out;
}

/** Every fact a condition reads. */
export function factsIn(cond: Condition, named: NamedConditions): Set<string> {
  return new Set(factConditionsIn(cond, named).map((c) => c.fact));
}

/** Values assumed for facts not known, by fact name: what-if evaluation ("whatever the answer, would it clear?"). */
export type AssumedFacts = ReadonlyMap<string, FactValue>;

export function evaluateCondition(cond: Condition, facts: Facts, named: NamedConditions, assumed?: AssumedFacts): ConditionResult {
  const checks: ConditionCheck[] = [];
  const { result, unknowns } = evaluateInto(cond, facts, named, assumed, checks);
  return { result, checks, unknowns };
}


const NONE: readonly string[] = [];
/** Settled outcomes have no unknowns: shared, so a settled node allocates nothing. */
const SETTLED_TRUE = Object.freeze({ result: 'true' as const, unknowns: NONE });
const SETTLED_FALSE = Object.freeze({ result: 'false' as const, unknowns: NONE });

/**
 * One node's truth and open unknowns, its leaves' checks appended to `checks` in reading order. One array for the
 * whole tree: concatenating each level's checks again copied every leaf once per level, the engine's largest cost.
 */
function evaluateInto(cond: Condition, facts: Facts, named: NamedConditions, assumed: AssumedFacts | undefined, checks: ConditionCheck[]): { result: Truth; unknowns: readonly string[] } {
  if ('all' in cond || 'any' in cond) {
    const isAll = 'all' in cond;
    const settles: Truth = isAll ? 'false' : 'true';
    let settled = false;
    let open: string[] | null = null;
    // Indexed loops: this runs for every node of every rule on every turn, and iterators allocate until optimised.
    const parts = isAll ? cond.all : cond.any;
    for (let i = 0; i < parts.length; i++) {
      const part = evaluateInto(parts[i] as Condition, facts, named, assumed, checks);
      if (part.result === settles) settled = true;
      else if (part.result === 'unknown') {
        open ??= [];
        for (let k = 0; k < part.unknowns.length; k++) {
          const u = part.unknowns[k] as string;
          if (!open.includes(u)) open.push(u);
        }
      }
    }
    if (settled) return settles === 'true' ? SETTLED_TRUE : SETTLED_FALSE;
    if (open) return { result: 'unknown', unknowns: open };
    return isAll ? SETTLED_TRUE : SETTLED_FALSE;
  }
  if ('not' in cond) {
    const inner = evaluateInto(cond.not, facts, named, assumed, checks);
    return inner.result === 'true' ? SETTLED_FALSE : inner.result === 'false' ? SETTLED_TRUE : inner;
  }
  if ('ref' in cond) {
    const target = named[cond.ref];
    if (!target) throw new Error(`unknown named condition "${cond.ref}"`);
    return evaluateInto(target, facts, named, assumed, checks);
  }
  const def = FACTS[cond.fact];
  if (!def) throw new Error(`unknown fact "${cond.fact}"`);
  const actual = def.read(facts) ?? assumed?.get(cond.fact);
  let result: Truth;
  if (actual === undefined) result = cond.unknownAs === 'false' ? 'false' : 'unknown';
  else result = compare(cond, actual);
  if (result === 'unknown' && cond.unknownAs === 'false') result = 'false';
  checks.push({ fact: cond.fact, label: def.label, op: cond.op, expected: cond.value, actual: displayActual(actual), result });
  return result === 'unknown' ? unknownOnly(cond.fact) : result === 'true' ? SETTLED_TRUE : SETTLED_FALSE;
}

/** A leaf left open by one unknown fact: shared per fact, as the settled outcomes are (none is ever mutated). */
const UNKNOWN_BY_FACT = new Map<string, { readonly result: 'unknown'; readonly unknowns: readonly string[] }>();
function unknownOnly(fact: string): { readonly result: 'unknown'; readonly unknowns: readonly string[] } {
  let open = UNKNOWN_BY_FACT.get(fact);
  if (!open) UNKNOWN_BY_FACT.set(fact, (open = Object.freeze({ result: 'unknown' as const, unknowns: Object.freeze([fact]) })));
  return open;
}

/**
 * The truth of a condition alone: what a what-if evaluation needs (engine.ts), which discards the checks and the
 * unknown facts. Equal to evaluateCondition(...).result (a property test pins it), but it builds no check per leaf
 * and stops at the first part that settles an `all` or an `any`: the what-if probe evaluates the rules up to 64
 * times a turn, and those checks were most of its cost.
 */
export function conditionTruth(cond: Condition, facts: Facts, named: NamedConditions, assumed?: AssumedFacts): Truth {
  if ('all' in cond) {
    let unknown = false;
    for (const c of cond.all) {
      const t = conditionTruth(c, facts, named, assumed);
      if (t === 'false') return 'false';
      if (t === 'unknown') unknown = true;
    }
    return unknown ? 'unknown' : 'true';
  }
  if ('any' in cond) {
    let unknown = false;
    for (const c of cond.any) {
      const t = conditionTruth(c, facts, named, assumed);
      if (t === 'true') return 'true';
      if (t === 'unknown') unknown = true;
    }
    return unknown ? 'unknown' : 'false';
  }
  if ('not' in cond) {
    const inner = conditionTruth(cond.not, facts, named, assumed);
    return inner === 'true' ? 'false' : inner === 'false' ? 'true' : 'unknown';
  }
  if ('ref' in cond) {
    const target = named[cond.ref];
    if (!target) throw new Error(`unknown named condition "${cond.ref}"`);
    return conditionTruth(target, facts, named, assumed);
  }
  const def = FACTS[cond.fact];
  if (!def) throw new Error(`unknown fact "${cond.fact}"`);
  const actual = def.read(facts) ?? assumed?.get(cond.fact);
  if (actual === undefined) return cond.unknownAs === 'false' ? 'false' : 'unknown';
  const result = compare(cond, actual);
  return result === 'unknown' && cond.unknownAs === 'false' ? 'false' : result;
}
