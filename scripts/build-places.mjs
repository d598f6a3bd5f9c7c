// Builds knowledge/places.json, the gazetteer the place extractor reads: cities of 250,000 people or more and every
// province or state, with their ISO country codes, from the GeoNames-derived table of the `city-timezones` package.
// Names that are also English words (from `an-array-of-english-words`: "Reading", "Mobile", "Buffalo") are marked,
// so the extractor accepts them only where a place name can stand, never at the start of a sentence.
// Run: node scripts/build-places.mjs (the output is committed; the packages are dev dependencies).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stdout } from 'node:process';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { cityMapping } = require('city-timezones');
const english = new Set(require('an-array-of-english-words'));

const MIN_POPULATION = 250_000;
const MIN_LENGTH = 4;
const entries = new Map();
const add = (name, country, kind) => {
  const clean = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ').trim();
  if (clean.length < MIN_LENGTH || !/^[A-Za-z][A-Za-z .'-]*$/.test(clean) || !/^[A-Z]{2}$/.test(country)) return;
  const key = `${clean.toLowerCase()}|${country}`;
  if (entries.has(key)) return;
  const word = clean.toLowerCase();
  // A province that is an English word ("Central", "Western") is too vague to be a place at all.
  if (kind === 'province' && english.has(word)) return;
  entries.set(key, { name: clean, country, kind, ...(english.has(word) ? { englishWord: true } : {}) });
};
for (const c of cityMapping) {
  if (c.pop >= MIN_POPULATION) add(c.city_ascii, c.iso2, 'city');
  if (c.province) add(c.province, c.iso2, 'province');
}
// The same name in two countries names neither surely: keep only names with one country.
const byName = new Map();
for (const e of entries.values()) byName.set(e.name.toLowerCase(), [...(byName.get(e.name.toLowerCase()) ?? []), e]);
const places = [...byName.values()].filter((list) => list.length === 1).map(([e]) => e).sort((a, b) => a.name.localeCompare(b.name));
writeFileSync(fileURLToPath(new globalThis.URL('../knowledge/places.json', import.meta.url)), `${JSON.stringify({
  source: 'city-timezones 1.3.4 (GeoNames/SimpleMaps world cities), an-array-of-english-words 2.0.0; built by scripts/build-places.mjs',
  minPopulation: MIN_POPULATION,
  places,
}, null, 0)}\n`);
stdout.write(`knowledge/places.json: ${places.length} places\n`);
