/**
 * The goods a question was about, as one short normalised label for the answer's audit record ("NdFeB magnet (Dy)"),
 * so the console can count the most asked items in SQL. Built only from the enumerated facts (kind, form, elements),
 * never from free text: the payload is hashed into the chain and cannot be redacted, so nothing a user typed may
 * go in it. The same goods give the same label whatever the order they were named in.
 */
import { ELEMENTS, type Element, type Facts } from '../rules/facts.js';

const MAGNET_TYPE_LABELS = { ndfeb: 'NdFeB', smco: 'SmCo', cerium: 'Ce', ferrite: 'ferrite', other: '' } as const;

/** Elements a magnet kind's name already says: "NdFeB magnet (Dy)", not "NdFeB magnet (Nd, Fe, B, Dy)". */
const IMPLIED: Readonly<Record<keyof typeof MAGNET_TYPE_LABELS, readonly Element[]>> = {
  ndfeb: ['Nd', 'Fe', 'B'], smco: ['Sm', 'Co'], cerium: ['Ce'], ferrite: ['Fe'], other: [],
};

const MAX_ELEMENTS = 4;

function words(value: string): string {
  return value.replace(/_/g, ' ');
}

/** The label, or undefined when the question named no goods (a collaboration, help, out of scope). */
export function askedItem(facts: Facts | undefined): string | undefined {
  const item = facts?.item;
  if (!item) return undefined;
  const magnet = item.magnetType ? MAGNET_TYPE_LABELS[item.magnetType] : '';
  const form = item.form ? words(item.form) : undefined;
  // Built-in goods are named by what they are built into: "motor with NdFeB magnets".
  const kind = item.downstream
    ? `${words(item.downstream)}${magnet ? ` with ${magnet} magnets` : ''}`
    : [magnet, form ?? (magnet ? 'magnet' : '')].filter(Boolean).join(' ');
  const implied = item.magnetType ? IMPLIED[item.magnetType] : [];
  const present = new Set(item.elementsPresent ?? []);
  const elements = ELEMENTS.filter((e) => present.has(e) && !implied.includes(e));
  const shown = elements.length > MAX_ELEMENTS ? [...elements.slice(0, MAX_ELEMENTS), '…'] : elements;
  if (!kind && shown.length === 0) return undefined;
  if (!kind) return `goods (${shown.join(', ')})`;
  return shown.length > 0 ? `${kind} (${shown.join(', ')})` : kind;
}
