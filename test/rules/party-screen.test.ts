/**
 * Party screening against MOFCOM's control and watch lists (brief R23, R24): exact names, aliases, Chinese-script
 * names, near misses (more to the name, misspellings, subsidiaries, groups) and words that must never match.
 */
import fc from 'fast-check';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/index.js';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/loader.js';
import { createPartyScreener, describeMatch, spelledLike, type PartyMatchKind } from '../../src/rules/party-screen.js';

const rules = loadRuleSet('rules');
const screener = createPartyScreener(rules.parties, rules.partyScreening);

/** [text, listed name expected, kind] */
type Case = readonly [string, string, PartyMatchKind];

const EXACT: readonly Case[] = [
  ['MP Materials asked for a quote on Dy oxide', 'MP Materials', 'exact'],
  ['Can we ship terbium to USA Rare Earth?', 'USA Rare Earth', 'exact'],
  ['USAR wants 2 t of Dy metal', 'USA Rare Earth', 'exact'],
  ['Aveox ordered SmCo magnets', 'Aveox', 'exact'],
  // (Forty-second session: "the subsidiary" of the next sentence is someone else's, the asker's exporter.)
  ['Our buyer is Aveox. Can the subsidiary in Ningbo keep shipping SmCo?', 'Aveox', 'exact'],
  ['magnets for Mitsubishi Heavy Industries shipbuilding', 'Mitsubishi Heavy Industries', 'exact'],
  ['the buyer is MHI aero engines', 'Mitsubishi Heavy Industries', 'exact'],
  ['Kawasaki Heavy Industries Aerospace needs Sm-Co', 'Kawasaki Heavy Industries', 'exact'],
  ['IHI Aerospace is the consignee', 'IHI', 'exact'],
  ['a quote for Fujitsu Defense', 'Fujitsu Defense', 'exact'],
  ['NEC Aerospace Systems wants gadolinium targets', 'NEC Aerospace', 'exact'],
  ['Japan Marine United asked about Dy magnets', 'Japan Marine United', 'exact'],
  ['JMU asked about Dy magnets', 'Japan Marine United', 'exact'],
  ['the National Defense Academy wants yttrium oxide', 'National Defense Academy', 'exact'],
  ['JAXA wants scandium', 'JAXA', 'exact'],
  ['the Japan Aerospace Exploration Agency wants scandium', 'JAXA', 'exact'],
  ['the National Institute for Defense Studies is the end user', 'National Institute for Defense Studies', 'exact'],
  ['Mitsui E&S needs magnets', 'Mitsui E&S', 'exact'],
  ['Mitsui Engineering & Shipbuilding needs magnets', 'Mitsui E&S', 'exact'],
  ['FN Herstal in Belgium', 'FN Herstal', 'exact'],
  ['HENSOLDT wants Sm-Co magnets', 'HENSOLDT', 'exact'],
  ['Hensoldt wants Sm-Co magnets', 'HENSOLDT', 'exact'],
  ['OMNIPOL is the buyer', 'OMNIPOL', 'exact'],
  ['the end user is Rafat Group', 'Rafat Group', 'exact'],
  ['TATRA TRUCKS ordered Dy magnets', 'TATRA TRUCKS', 'exact'],
  ['a Tatra order for Dy magnets', 'TATRA TRUCKS', 'exact'],
  ['Opticoelectron wants Tb targets', 'Opticoelectron', 'exact'],
  ['Ekspla wants Gd oxide', 'Ekspla', 'exact'],
  ['Subaru wants Dy magnets', 'Subaru', 'exact'],
  ['ENEOS buys yttrium oxide', 'ENEOS', 'exact'],
  ['Mitsubishi Materials wants samarium', 'Mitsubishi Materials', 'exact'],
  ['TDK wants terbium oxide', 'TDK', 'exact'],
  ["TDK's plant in Japan wants terbium oxide", 'TDK', 'exact'],
  ['Sumitomo Heavy Industries wants Dy', 'Sumitomo Heavy Industries', 'exact'],
  ['Nitto Denko needs Gd', 'Nitto Denko', 'exact'],
  ['Nitto needs Gd', 'Nitto Denko', 'exact'],
  ['Hino wants Dy magnets', 'Hino', 'exact'],
  ['Hino Motors wants Dy magnets', 'Hino', 'exact'],
  ['the Institute of Science Tokyo wants Lu oxide', 'Institute of Science Tokyo', 'exact'],
];

const CHINESE: readonly Case[] = [
  ['向三菱重工出口镝磁体需要许可证吗', 'Mitsubishi Heavy Industries', 'group'],
  ['川崎重工業の航空宇宙部門', 'Kawasaki Heavy Industries', 'group'],
  ['买方是日东电工吗？不，是日東電工', 'Nitto Denko', 'exact'],
  ['客户：住友重機械工業', 'Sumitomo Heavy Industries', 'exact'],
  ['最终用户为防衛大学校', 'National Defense Academy', 'exact'],
  ['宇宙航空研究開発機構采购氧化钪', 'JAXA', 'exact'],
  ['收货人是日野自動車', 'Hino', 'exact'],
  ['东京客户東京科学大学', 'Institute of Science Tokyo', 'exact'],
  ['三井E&S的订单', 'Mitsui E&S', 'exact'],
  ['日東電工的子公司要镝', 'Nitto Denko', 'related'],
  // The asker's own JV or subsidiary, named earlier in the sentence, ties nothing to the listed party.
  ['can we ship Dy oxide from our Baotou JV directly to MP Materials in Texas', 'MP Materials', 'exact'],
  ['our Osaka subsidiary got an order from Fujitsu Defense', 'Fujitsu Defense', 'exact'],
];

const NEAR: readonly Case[] = [
  ['TDK Corporation wants Tb', 'TDK', 'near'],
  ['TDK-Lambda wants Tb', 'TDK', 'near'],
  ['Subaru Corporation wants Dy magnets', 'Subaru', 'near'],
  ['MP Materials Corp. is the buyer', 'MP Materials', 'near'],
  ['Hensoldt AG wants Sm-Co', 'HENSOLDT', 'near'],
  ['ENEOS Holdings buys yttrium oxide', 'ENEOS', 'near'],
  ['Nitto Boseki wants Gd', 'Nitto Denko', 'near'],
  ['Hensold wants Sm-Co magnets', 'HENSOLDT', 'near'],
  ['Mitsubishi Heavy Industires shipbuilding', 'Mitsubishi Heavy Industries', 'near'],
  ['Sumitomo Heavy Industires wants Dy', 'Sumitomo Heavy Industries', 'near'],
  ['Omnipoll wants ammunition parts', 'OMNIPOL', 'near'],
  ['Opticoelektron wants Tb', 'Opticoelectron', 'near'],
  ['Kawasaki Heavy Industries Aerospace Company', 'Kawasaki Heavy Industries', 'near'],
  ['a subsidiary of TDK wants Tb', 'TDK', 'related'],
  ["TDK's US subsidiary wants Tb", 'TDK', 'related'],
  ['an MHI-owned yard wants magnets', 'Mitsubishi Heavy Industries', 'related'],
  ['a joint venture with Subaru', 'Subaru', 'related'],
  // (Forty-second session: a relation word with a copula before the name; none from the next sentence.)
  ['Our ultimate parent is Subaru. The plant needs Dy magnets', 'Subaru', 'related'],
  ['an affiliate of MP Materials', 'MP Materials', 'related'],
  ['a sister company of OMNIPOL wants Dy magnets', 'OMNIPOL', 'related'],
  ['Mitsubishi Heavy Industries air-conditioners', 'Mitsubishi Heavy Industries', 'group'],
  ['an MHI unit', 'Mitsubishi Heavy Industries', 'group'],
  ['MHI thermal systems, which is not their aero-engine or shipbuilding arm', 'Mitsubishi Heavy Industries', 'group'],
  ['the MHI turbocharger plant rather than the shipbuilding yard', 'Mitsubishi Heavy Industries', 'group'],
  ['IHI wants Dy magnets for turbochargers', 'IHI', 'group'],
  ['Fujitsu wants Tb targets', 'Fujitsu Defense', 'group'],
  ['NEC wants Gd targets', 'NEC Aerospace', 'group'],
];

const NEVER: readonly string[] = [
  'Global Industries in Ohio wants Dy magnets',
  'the heavy industries sector buys magnets',
  'Heavy Industries Inc. wants magnets',
  'Sumitomo Electric Industries wants Dy',
  'Mitsubishi Electric wants Dy magnets',
  'Mitsubishi Chemical wants Tb',
  'the USA rare earth market is tight',
  'a rare earth supplier in the USA',
  'we ship to a tdk-like customer and a nitto-style tape maker',
  'a TDK-like customer',
  'national materials institute',
  'Kawasaki city council buys magnets',
  'a Japanese marine engineering firm',
  'United Materials Group wants magnets',
  'the shi of the matter',
  'Our plant in Hinode wants magnets',
  'Explain the licence process',
  'Aero engine parts for a US airline',
  'International Science Institute of Kyoto',
  'the defense academy of a NATO country',
  'an Omnibus contract for Tatras hiking gear',
];

function kindFor(text: string, name: string): PartyMatchKind | undefined {
  return screener.find(text).find((m) => m.party.name === name)?.kind;
}

describe('party screening: exact names and aliases', () => {
  for (const [text, name, kind] of EXACT) it(`${JSON.stringify(text)} is ${name} (${kind})`, () => expect(kindFor(text, name)).toBe(kind));
});

describe('party screening: Chinese-script names', () => {
  for (const [text, name, kind] of CHINESE) it(`${JSON.stringify(text)} is ${name} (${kind})`, () => expect(kindFor(text, name)).toBe(kind));
});

describe('party screening: near misses escalate', () => {
  for (const [text, name, kind] of NEAR) {
    it(`${JSON.stringify(text)} is a ${kind} match for ${name}`, () => {
      expect(kindFor(text, name)).toBe(kind);
      expect(screener.find(text).some((m) => m.party.name === name && m.kind === 'exact')).toBe(false);
    });
  }
});

describe('party screening: common words never match', () => {
  for (const text of NEVER) it(`${JSON.stringify(text)} names no listed party`, () => expect(screener.find(text)).toEqual([]));
});

describe('party screening: a BOM cell is one name', () => {
  const cell = (text: string) => screener.find(text, { wholeName: true }).map((m) => `${m.party.name}:${m.kind}`);
  it('the name alone is exact', () => expect(cell('TDK')).toEqual(['TDK:exact']));
  it('a name with a city before it is near', () => expect(cell('Shanghai TDK Electronics')).toEqual(['TDK:near']));
  it('a legal form after it is near', () => expect(cell('Nitto Denko Corporation')).toEqual(['Nitto Denko:near']));
  it('an unrelated supplier is nothing', () => expect(cell('Ningbo Global Magnet Co.')).toEqual([]));
});

describe('the match, shown', () => {
  it('says which entry and which announcement', () => {
    const [m] = screener.find('TDK Corporation wants Tb');
    if (!m) throw new Error('no match');
    expect(describeMatch(m)).toContain("\"TDK Corporation\" matches watch-list entry 'TDK' in 2026 No. 12 or 2026 No. 28");
  });
});

describe('the misspelling test\'s cheap bounds (eighteenth session)', () => {
  it('agrees with the full restricted distance on every pair of words', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdehiklmnorstuéü'), minLength: 1, maxLength: 11 });
    fc.assert(fc.property(word, word, (written, listedTail) => {
      const listed = written.charAt(0) + listedTail;
      const limit = listed.length >= 9 ? 2 : 1;
      const full = written === listed || (listed.length >= 5 && /^\p{L}+$/u.test(written)
        && DamerauLevenshteinDistance(written, listed, { restricted: true }) <= limit);
      expect(spelledLike(written, listed)).toBe(full);
    }), { numRuns: 3000 });
  });
});
