/**
 * Canonical JSON: object keys sorted, undefined members dropped, no whitespace. Two equal values always give the
 * same string, which is what hashing (audit chain, facts keys) needs; JSON.stringify keeps insertion order.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalise(value, '$'));
}

function canonicalise(value: unknown, path: string): JsonValue {
  if (value === null) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      // NaN and Infinity would silently become null in JSON; refuse instead of hashing something else.
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number at ${path}`);
      return value;
    case 'object': {
      if (Array.isArray(value)) return value.map((v, i) => canonicalise(v ?? null, `${path}[${i}]`));
      if (value instanceof Date) return value.toISOString();
      const out: { [key: string]: JsonValue } = {};
      for (const key of Object.keys(value).sort()) {
        const v: unknown = (value as Record<string, unknown>)[key];
        if (v !== undefined) out[key] = canonicalise(v, `${path}.${key}`);
      }
      return out;
    }
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      break;
  }
  throw new TypeError(`canonicalJson: cannot encode ${typeof value} at ${path}`);
}
