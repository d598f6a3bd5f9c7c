/**
 * Nesting of a BOM: each line's parent, by a parent column (a part number) or by levels (the nearest line above
 * with a lower level), and the quantity of each line in one finished product (its quantity times its parents').
 */
import type { BomLine } from './read-bom.js';

export interface BomTree {
  /** Index of each line's parent, or -1 for a top line. */
  readonly parentOf: readonly number[];
  readonly childrenOf: readonly (readonly number[])[];
  /** How many of the line's parent go into one product (1 for top lines). */
  readonly multiplier: readonly number[];
  readonly roots: readonly number[];
  readonly nestedBy: 'parent' | 'level' | 'flat';
}

export function buildTree(lines: readonly BomLine[]): BomTree {
  const parentOf: number[] = lines.map(() => -1);
  const byPart = new Map<string, number>();
  lines.forEach((l, i) => {
    if (l.partNumber && !byPart.has(l.partNumber)) byPart.set(l.partNumber, i);
  });
  const hasParents = lines.some((l) => l.parent !== undefined);
  const hasLevels = lines.some((l) => l.level !== undefined);
  if (hasParents) {
    lines.forEach((l, i) => {
      const p = l.parent === undefined ? undefined : byPart.get(l.parent);
      // A parent that is the line itself, or names no line, leaves it on top.
      if (p !== undefined && p !== i) parentOf[i] = p;
    });
    // A cycle in the parent column would make quantities infinite: cut it where it closes.
    lines.forEach((_, i) => {
      const seen = new Set<number>([i]);
      for (let p = parentOf[i] ?? -1; p >= 0; p = parentOf[p] ?? -1) {
        if (seen.has(p)) {
          parentOf[i] = -1;
          break;
        }
        seen.add(p);
      }
    });
  } else if (hasLevels) {
    const stack: { level: number; index: number }[] = [];
    lines.forEach((l, i) => {
      const level = l.level ?? (stack.at(-1)?.level ?? 0) + 1;
      while (stack.length && (stack.at(-1)?.level ?? 0) >= level) stack.pop();
      parentOf[i] = stack.at(-1)?.index ?? -1;
      stack.push({ level, index: i });
    });
  }
  const childrenOf: number[][] = lines.map(() => []);
  parentOf.forEach((p, i) => {
    if (p >= 0) childrenOf[p]?.push(i);
  });
  const multiplier: number[] = lines.map(() => 1);
  // Parents come before children in a levelled BOM but not always with a parent column: resolve recursively.
  const resolved: boolean[] = lines.map(() => false);
  const resolve = (i: number): number => {
    if (resolved[i]) return multiplier[i] ?? 1;
    const p = parentOf[i] ?? -1;
    multiplier[i] = p >= 0 ? resolve(p) * (lines[p]?.quantity ?? 1) : 1;
    resolved[i] = true;
    return multiplier[i] ?? 1;
  };
  lines.forEach((_, i) => resolve(i));
  return {
    parentOf, childrenOf, multiplier, roots: parentOf.flatMap((p, i) => (p < 0 ? [i] : [])),
    nestedBy: hasParents ? 'parent' : hasLevels ? 'level' : 'flat',
  };
}
