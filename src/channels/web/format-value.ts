/** A condition's expected or actual value as words: lists joined, objects as `key: value`, nothing as "unknown". */

export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'unknown';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(formatValue).join(', ');
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? 'none' : entries.map(([k, v]) => `${k}: ${formatValue(v)}`).join('; ');
  }
  return String(value);
}
