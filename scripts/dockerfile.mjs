// Reads a Dockerfile into stages of instructions (what scripts/check-dockerfile.mjs lints and
// scripts/dockerfile-dry-run.mjs runs). Enough of the syntax for ours: comments, `\` continuations, one
// instruction per logical line, exec-form (JSON) or shell-form arguments.
import { readFileSync } from 'node:fs';

/** @typedef {{ keyword: string, args: string, line: number, flags: Record<string, string>, rest: string }} Instruction */
/** @typedef {{ name: string | undefined, image: string, line: number, instructions: Instruction[] }} Stage */

/** @param {string} text @returns {Instruction[]} */
export function parseInstructions(text) {
  const out = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let logical = lines[i] ?? '';
    if (/^\s*(#|$)/.test(logical)) continue;
    while (/\\\s*$/.test(logical) && i + 1 < lines.length) logical = logical.replace(/\\\s*$/, ' ') + (lines[++i] ?? '');
    const m = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(logical);
    if (!m) throw new Error(`Dockerfile line ${start}: cannot read "${logical.trim()}"`);
    const keyword = (m[1] ?? '').toUpperCase();
    const args = (m[2] ?? '').trim();
    // Leading --flag=value options (COPY --from=build, HEALTHCHECK --interval=30s).
    const flags = {};
    let rest = args;
    for (let f = /^--([a-z-]+)=(\S+)\s+/.exec(rest); f; f = /^--([a-z-]+)=(\S+)\s+/.exec(rest)) {
      flags[f[1] ?? ''] = f[2] ?? '';
      rest = rest.slice(f[0].length);
    }
    out.push({ keyword, args, line: start, flags, rest });
  }
  return out;
}

/** @param {Instruction[]} instructions @returns {Stage[]} */
export function stages(instructions) {
  const out = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const [image = '', as, name] = ins.rest.split(/\s+/);
      out.push({ name: as?.toUpperCase() === 'AS' ? name : undefined, image, line: ins.line, instructions: [] });
    } else if (out.length === 0) {
      if (ins.keyword !== 'ARG') throw new Error(`Dockerfile line ${ins.line}: ${ins.keyword} before FROM`);
    } else {
      out.at(-1)?.instructions.push(ins);
    }
  }
  return out;
}

/** Exec form `["a", "b"]` as an array; shell form as undefined. @param {string} args @returns {string[] | undefined} */
export function execForm(args) {
  if (!args.startsWith('[')) return undefined;
  const parsed = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) throw new Error(`not an exec form: ${args}`);
  return parsed;
}

/** `ENV A=1 B=2` as pairs. @param {string} args @returns {[string, string][]} */
export function envPairs(args) {
  return [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)].map((m) => [m[1] ?? '', (m[2] ?? '').replace(/^"|"$/g, '')]);
}

/** `COPY a b dest` as sources and destination. @param {string} rest */
export function copyArgs(rest) {
  const parts = execForm(rest) ?? rest.split(/\s+/);
  return { sources: parts.slice(0, -1), dest: parts.at(-1) ?? '' };
}

export function readDockerfile(file) {
  return stages(parseInstructions(readFileSync(file, 'utf8')));
}
