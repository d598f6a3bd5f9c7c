/**
 * Issue 10: word lists live in data (`knowledge/`, `rules/`), never inline in the understanding code. This scans the
 * NLU and assistant sources for the two shapes a word list takes in TypeScript: a regular expression of three or more
 * alternatives made of letters, and a literal array or set of three or more lower-case words.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIRS = ['src/nlu', 'src/assistant'];
const files = DIRS.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)));

/** Alternations of plain words inside a regex literal: (foo|bars?|baz). */
const REGEX_WORDS = /\/[^/\n]*\((?:\?:)?(?:[a-z][a-z\\s?-]*\|){2,}[a-z][a-z\\s?-]*\)[^/\n]*\/[a-z]*/g;
/** A literal list of three or more quoted lower-case words: ['metal', 'alloy', 'oxide']. */
const WORD_ARRAY = /\[\s*'[a-z][a-z -]*'(?:\s*,\s*'[a-z][a-z -]*'){2,}\s*,?\s*\]/g;

function offences(text: string): string[] {
  const code = text.split('\n').filter((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line)).join('\n');
  return [...code.matchAll(REGEX_WORDS), ...code.matchAll(WORD_ARRAY)].map((m) => m[0].slice(0, 80));
}

describe('no word lists in the understanding code', () => {
  it('finds the shapes it looks for (the scanner itself works)', () => {
    expect(offences("const X = /\\b(logic|chips?|wafer)\\b/i;")).toHaveLength(1);
    expect(offences("const Y = new Set(['metal', 'alloy', 'oxide']);")).toHaveLength(1);
    expect(offences('const Z = /^([A-Z][a-z]?)\\d*O\\d*$/;')).toHaveLength(0);
  });

  it.each(files)('%s holds no inline word list', (file) => {
    expect(offences(readFileSync(file, 'utf8'))).toEqual([]);
  });
});
