/**
 * An audit record's payload as labelled fields (a definition list) rather than raw JSON: keys become words
 * ("rulesVersion" → "Rules version"), lists are joined, nested objects become nested lists (two levels, then one
 * line), and long values are cut. Pure; every value goes through `html`, so nothing in a payload can become markup.
 */
import { formatValue } from './format-value.js';
import { html, type SafeHtml } from './html.js';

const MAX_VALUE = 240;
const MAX_DEPTH = 2;

/** Labels for keys whose words alone would not say it. */
const LABELS: Readonly<Record<string, string>> = {
  caseId: 'Case',
  asOf: 'As of',
  rulesVersion: 'Rules version',
  factsKey: 'Facts key',
  turnId: 'Turn',
  id: 'ID',
  url: 'URL',
};

export function fieldLabel(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  const words = key.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').trim().toLowerCase();
  return words.length === 0 ? key : words[0]?.toUpperCase() + words.slice(1);
}

function clip(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function renderValue(value: unknown, depth: number): SafeHtml {
  if (isPlainObject(value) && depth < MAX_DEPTH && Object.keys(value).length > 0) return renderFields(value, depth + 1);
  return html`${clip(formatValue(value))}`;
}

export function renderFields(payload: Readonly<Record<string, unknown>>, depth = 0): SafeHtml {
  const entries = Object.entries(payload).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return html`<span class="hint">none</span>`;
  return html`<dl class="fields">${entries.map(([k, v]) => html`<dt>${fieldLabel(k)}</dt><dd>${renderValue(v, depth)}</dd>`)}</dl>`;
}
