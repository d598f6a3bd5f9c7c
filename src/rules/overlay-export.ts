/**
 * The status overlay written back as YAML, so the data in git can catch up with what officers recorded: a copy of
 * `rules/` where each changed rule carries the recorded outcome (`then:` on its suspension, or its new end date,
 * sources and note) and `sources.yaml` the new sources. Edited through the YAML document, so comments and layout
 * of everything else stay as they were; the copy passes `rules lint` and decides as the data plus the overlay does.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import type { RuleSet } from './ruleset.js';
import type { Rule } from './schema.js';
import { applyStatusOverlay, type StatusRecord } from './status-overlay.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  }).sort();
}

/** Writes plain data as a node that prints like the hand-written files (flow maps inside flow maps). */
function setPlain(doc: Document, path: (string | number)[], value: unknown): void {
  doc.setIn(path, doc.createNode(value, { flow: true }));
}

function patchRule(doc: Document, index: number, before: Rule, after: Rule): boolean {
  let changed = false;
  after.suspensions.forEach((s, j) => {
    const old = before.suspensions[j];
    if (JSON.stringify(old) === JSON.stringify(s)) return;
    const at = ['rules', index, 'suspensions', j];
    if (s.then) setPlain(doc, [...at, 'then'], s.then);
    if (old?.reported && !s.reported) doc.deleteIn([...at, 'reported']);
    changed = true;
  });
  if (after.effectiveUntil !== before.effectiveUntil && after.effectiveUntil) {
    doc.setIn(['rules', index, 'effectiveUntil'], after.effectiveUntil);
    changed = true;
  }
  if (JSON.stringify(after.sources) !== JSON.stringify(before.sources)) {
    setPlain(doc, ['rules', index, 'sources'], after.sources);
    changed = true;
  }
  if (after.confirmedNote !== before.confirmedNote && after.confirmedNote) {
    doc.setIn(['rules', index, 'confirmedNote'], after.confirmedNote);
    changed = true;
  }
  return changed;
}

export interface OverlayExport {
  /** Files (relative to the rules folder) that the overlay changed. */
  readonly changed: string[];
}

/**
 * Writes `rulesDir` with the overlay applied into `outDir` (a full copy, so `rules lint outDir` checks the result).
 * `base` is the rule set loaded from `rulesDir`.
 */
export function exportOverlay(rulesDir: string, base: RuleSet, records: readonly StatusRecord[], outDir: string): OverlayExport {
  const applied = applyStatusOverlay(base, records);
  const after = new Map(applied.rules.map((r) => [r.id, r]));
  const before = new Map(base.rules.map((r) => [r.id, r]));
  const newSources = [...applied.sources.values()].filter((s) => !base.sources.has(s.id));
  const changed: string[] = [];
  for (const abs of yamlFiles(rulesDir)) {
    const rel = relative(rulesDir, abs);
    const target = join(outDir, rel);
    mkdirSync(dirname(target), { recursive: true });
    const text = readFileSync(abs, 'utf8');
    const doc = parseDocument(text);
    let touched = false;
    const rulesNode = doc.get('rules');
    if (isSeq(rulesNode)) {
      rulesNode.items.forEach((item, i) => {
        const id = isMap(item) ? item.get('id') : undefined;
        const b = typeof id === 'string' ? before.get(id) : undefined;
        const a = typeof id === 'string' ? after.get(id) : undefined;
        if (a && b && patchRule(doc, i, b, a)) touched = true;
      });
    }
    const sourcesNode = doc.get('sources');
    if (isSeq(sourcesNode) && newSources.length > 0) {
      for (const s of newSources) sourcesNode.add(doc.createNode(s));
      touched = true;
    }
    if (touched) {
      writeFileSync(target, doc.toString({ lineWidth: 0 }));
      changed.push(rel);
    } else {
      copyFileSync(abs, target);
    }
  }
  return { changed };
}
