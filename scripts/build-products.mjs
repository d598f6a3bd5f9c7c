// Builds knowledge/products.json: the names of finished products, read from the Harmonized System nomenclature
// (datasets/harmonized-system, data/harmonized-system.csv, ODC-PDDL), so "inverters with Dy magnets inside" or "robot
// cells" are goods with magnets built in (MOFCOM FAQ No. 5's downstream products, brief R2), however few of them
// rules/vocabulary.yaml names by hand.
//
// From each six-digit subheading of the chapters whose goods are machines and finished products (84 machinery, 85
// electrical goods, 87 road vehicles, 90 instruments, 91 clocks and watches, 94 lamps and furniture, 95 toys and
// sports goods), the lead noun phrase before the first ";", "," or "(" is taken, split at "and"/"or", and kept when
// it names a product, and so is a plain other name in brackets right after a kept lead ("Weaving machines (looms)").
// Left out, by the rule that drops each:
// - heading 8505 (the magnets themselves) and anything the brief controls or decides by its own rule: furnaces,
//   presses, moulds and machine tools (production equipment), batteries and accumulators (No. 58), integrated
//   circuits and semiconductor goods (chip end uses), lasers, nuclear reactors, armoured vehicles;
// - phrases whose last word is generic (machinery, apparatus, equipment, parts, articles, tools, ...), materials and
//   bare components (capacitors, resistors, valves, tubes, seals, bearings, gears);
// - short everyday words another sense of which is common in a question (balls, seats, taps, jacks, games, boards).
// The hand-kept vocabulary wins where both name a phrase. Run: node scripts/build-products.mjs PATH/harmonized-system.csv
// (the output is committed).
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { argv, stdout } from 'node:process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new globalThis.URL('..', import.meta.url));
const CHAPTERS = new Set(['84', '85', '87', '90', '91', '94', '95']);
const GENERIC_LAST = new Set(['machinery', 'machine-tools', 'apparatus', 'appliances', 'instruments', 'equipment', 'parts',
  'accessories', 'articles', 'tools', 'media', 'scrap', 'waste', 'units', 'thereof', 'therefor', 'devices', 'elements', 'components',
  'structures', 'sets', 'goods', 'plant', 'n.e.c.', 'kinds', 'assortments', 'fittings', 'cases', 'movements', 'straps', 'mountings',
  'accessories', 'persons', 'heading', 'chapter', 'item', 'type', 'use', 'centres', 'benches', 'mills', 'patterns', 'boxes',
  'bases', 'needles', 'blades', 'housings', 'joints', 'conductors', 'insulators', 'brushes', 'electrodes', 'shafts', 'components']);
const LEFT_OUT = new Set([
  // production equipment, or goods decided by a rule of their own
  'furnaces', 'ovens', 'furnace accessories', 'presses', 'moulds', 'lathes', 'ingot moulds', 'ladles', 'casting machines',
  'cells', 'batteries', 'electric accumulators', 'electronic integrated circuits', 'lasers', 'nuclear reactors',
  'fuel elements', 'tanks', 'armoured fighting vehicles', 'semiconductor media', 'magnetic media', 'optical media',
  'converters', 'crystals', 'carbon', 'distilling', 'rectifying plant',
  // materials and bare components
  'electrical capacitors', 'electrical resistors', 'resistors', 'electrical inductors', 'valves', 'tubes', 'seals',
  'bearings', 'ball bearings', 'gears', 'gearing', 'gaskets', 'lenses', 'optical fibres', 'plates', 'filters', 'circuits',
  'rollers', 'pulleys', 'flywheels', 'clutches', 'shaft couplings', 'chassis', 'insulated electric conductors',
  'x-ray tubes', 'discharge lamps', 'optical elements', 'frames', 'boilers', 'engines', 'turbines',
  // everyday words with a common other sense
  'balls', 'seats', 'taps', 'jacks', 'games', 'boards', 'drawing', 'festive', 'photographic', 'printing', 'signalling',
  'lifting', 'welding', 'medical', 'tennis', 'meters', 'counters', 'monitors', 'hoods', 'plates', 'scrapers', 'spreaders',
  'distributors', 'stands', 'fairground amusements', 'buildings', 'travelling circuses', 'travelling menageries',
  'travelling theatres', 'rafts', 'heaters', 'dryers', 'skates', 'trailers', 'semi-trailers', 'quilts', 'mattresses',
  'mattress supports', 'bedding', 'christmas festivity articles', 'fishing tackle', 'fish-hooks', 'golf balls',
  'lawn-tennis balls', 'sleeping bags', 'windscreen wipers', 'amusement park rides', 'water park amusements',
  'harrows', 'ploughs', 'seeders', 'balers', 'graders', 'levellers', 'scrapers', 'dredgers', 'sunglasses', 'spectacles',
  'athletics', 'balances', 'cycles', 'lifts', 'skis', 'assortments of gaskets', 'repair of masks', 'reticles', 'wafers',
  'office machines', 'metal machines', 'machines', 'electrical machines',
]);
/** Plural heads whose singular is mostly another word ("watch out", "a watch list"): only the plural is kept. */
const PLURAL_ONLY = new Set(['watches']);

/** The singular of an HS plural noun ("refrigerators", "watches", "batteries", "lenses"). */
function singular(word) {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|ss|x)es$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word) && !/ss$/.test(word)) return word.slice(0, -1);
  return word;
}

const path = argv[2];
if (!path) throw new Error('usage: node scripts/build-products.mjs PATH/harmonized-system.csv');
const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true });
const products = new Set();
for (const row of rows) {
  const hs = row.hscode ?? '';
  if (hs.length !== 6 || !CHAPTERS.has(hs.slice(0, 2)) || hs.startsWith('8505')) continue;
  const description = (row.description ?? '').toLowerCase();
  const lead = description.split(/[;,(]/)[0].trim();
  // A plain name in brackets right after the lead is its other name ("Weaving machines (looms)"); a bracket that
  // narrows or widens the heading ("(excluding presses)", "(not domestic)") is not.
  const synonym = /^[^;,(]*\(([a-z][a-z -]*[a-z])\)/.exec(description)?.[1];
  const plainName = synonym !== undefined && !/\b(?:including|excluding|other|not|for|of|by|but)\b/.test(synonym);
  const otherName = plainName && !LEFT_OUT.has(lead) ? [synonym] : [];
  for (const part of [...lead.split(/\s+(?:and|or)\s+/), ...otherName]) {
    const phrase = part.replace(/^(?:other|similar)\s+/, '').trim();
    const words = phrase.split(/\s+/);
    const last = words.at(-1) ?? '';
    if (!phrase || words.length > 3 || GENERIC_LAST.has(last) || LEFT_OUT.has(phrase) || !/^[a-z][a-z -]*[a-z]$/.test(phrase)) continue;
    // Only plural heads name a kind of goods ("pumps"); a singular lead is a qualifier ("electric", "dental").
    if (!last.endsWith('s') || last.endsWith('ss')) continue;
    products.add(phrase);
    if (!PLURAL_ONLY.has(phrase)) products.add([...words.slice(0, -1), singular(last)].join(' '));
  }
}
const out = {
  source: 'Harmonized System nomenclature (datasets/harmonized-system, ODC-PDDL), chapters 84, 85, 87, 90, 91, 94 and 95: the lead noun of each subheading that names a finished product; built by scripts/build-products.mjs',
  products: [...products].sort(),
};
writeFileSync(`${root}knowledge/products.json`, `${JSON.stringify(out, null, 0)}\n`);
stdout.write(`${products.size} product names\n`);
