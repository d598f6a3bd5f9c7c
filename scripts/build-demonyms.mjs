// Builds knowledge/demonyms.json: the English adjectives of nationality of every country and territory ("Norwegian",
// "Emirati", "Saudi Arabian"), from `world-countries` (mledoze/countries, ODbL-1.0; a dev dependency), so "a Norwegian
// salmon farmer" or "the Greek shipyard" places a party as "a German OEM" does. An adjective a country shares with
// territories ("Norwegian" for Norway and Svalbard) is the independent country's; one two independent countries share
// ("Congolese") is left out. The hand-kept list in rules/vocabulary.yaml wins where both name one. Run: node scripts/build-demonyms.mjs (the output is committed).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stdout } from 'node:process';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const countries = require('world-countries');
const { version } = require('world-countries/package.json');
const root = fileURLToPath(new globalThis.URL('..', import.meta.url));

const byWord = new Map();
for (const c of countries) {
  const eng = c.demonyms?.eng;
  if (!eng) continue;
  for (const form of new Set([eng.m, eng.f])) {
    const word = form?.trim().toLowerCase();
    if (!word) continue;
    const codes = byWord.get(word) ?? [];
    codes.push({ code: c.cca2, independent: c.independent === true });
    byWord.set(word, codes);
  }
}
const demonyms = {};
let shared = 0;
for (const [word, all] of [...byWord].sort((a, b) => a[0].localeCompare(b[0]))) {
  const codes = all.length > 1 ? all.filter((c) => c.independent) : all;
  if (codes.length !== 1) {
    shared++;
    continue;
  }
  (demonyms[codes[0].code] ??= []).push(word);
}
const out = {
  source: `world-countries ${version} (mledoze/countries, ODbL-1.0): demonyms.eng, one country per adjective; built by scripts/build-demonyms.mjs`,
  demonyms: Object.fromEntries(Object.entries(demonyms).sort((a, b) => a[0].localeCompare(b[0]))),
};
writeFileSync(`${root}knowledge/demonyms.json`, `${JSON.stringify(out, null, 0)}\n`);
stdout.write(`${Object.values(demonyms).flat().length} adjectives for ${Object.keys(demonyms).length} countries; ${shared} shared by two independent countries left out\n`);
