/**
 * Metamorphic safety test (issue: understanding that generalises). Start from questions whose answer is a licence
 * (a No. 18 item leaving China), then add what real questions carry around the facts: the customer's industry or
 * product, another place, a polite preamble, the clauses in another order, a supplier's claim. None of that changes
 * the item or its route, so none of it may ever turn the answer into `not_required`. The base questions are built
 * here from templates (not from any scenario set), and fast-check draws thousands of combinations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msg, newAssistant } from '../support/understanding.js';

const items = [
  'sintered NdFeB magnets with 3% Dy', 'terbium oxide', 'samarium cobalt magnets', 'gadolinium metal', 'yttrium oxide powder',
  'Dy-containing NdFeB blocks', '45SH NdFeB arc segments', 'Lu2O3', 'Tb4O7', 'SmCo 2:17 rings, grade YXG-28', 'scandium metal',
  'loose N42SH magnets', 'GBD magnets with terbium', 'Dy2O3 powder', 'Sm2Co17 magnet blocks',
];
const origins = ['Ningbo', 'Baotou', 'Ganzhou', 'our Shenzhen plant', 'Xiamen', 'a supplier in Jiangxi', 'China'];
const destinations = ['Germany', 'Korea', 'Mexico', 'the US', 'India', 'Poland', 'Brazil', 'France'];
const industries = [
  'for a wind-turbine OEM', 'for a motor maker', 'for a pump manufacturer', 'for an EV traction motor programme',
  'for a customer who builds sensors', 'for phone case production', 'for a loudspeaker maker', 'for rotor assembly at the customer',
  'used in servo motors', 'that go into generators', 'for their robot joints',
];
const preambles = ['', 'Hi team, quick one. ', 'Sorry to bother you - ', 'Good morning! ', 'Hello from purchasing. ', 'FYI, '];
const claims = [
  '', ' The supplier says these are exempt.', ' Our forwarder says no licence is needed.', ' Sales thinks this is downstream.',
  ' They end up in finished products anyway.',
];

type Build = (item: string, origin: string, dest: string, industry: string) => string;
const shapes: Build[] = [
  (i, o, d, ind) => `We export ${i} from ${o} to ${d} ${ind}. Do we need a licence?`,
  (i, o, d, ind) => `${ind.charAt(0).toUpperCase()}${ind.slice(1)}: ${i} shipped from ${o} to ${d}. Licence needed?`,
  (i, o, d, ind) => `To ${d}, ${ind}, we ship ${i} from ${o}. Is an export licence required?`,
  (i, o, d, ind) => `Can ${o} send ${i} to our customer in ${d} ${ind} without a licence?`,
];

/** The same licence questions as people write them in chat: shorthand, arrows, capitals, Chinese names, asides. */
const chatItems = ['Dy magnets', '镝 magnets', '氧化铽', 'Tb4O7', 'SmCo magnets', 'Gd targets', 'Y2O3', '45SH magnets', 'N42UH blocks', 'GBD magnets'];
const chatShapes: ((item: string) => string)[] = [
  (i) => `cn->de ${i} lic?`,
  (i) => `${i} FROM CHINA TO KOREA - LICENCE?`,
  (i) => `Quick q: can our Shenzhen plant send ${i} to our US warehouse? They go into motors later.`,
  (i) => `Our customer builds wind turbines; we sell them ${i} from Baotou. Any licence?`,
  (i) => `Is it true that ${i} no longer need a licence from China to Japan? Our supplier says so.`,
  (i) => `${i} (loose, not assembled) from Xiamen to Mexico for a motor maker. Do we need an export licence?`,
];

describe('metamorphic safety: what surrounds a licence question never clears it', () => {
  const assistant = newAssistant();
  let n = 0;

  it('base questions (no extra context) are never not_required', () => {
    for (const item of items) {
      for (const shape of shapes) {
        const text = shape(item, 'Ningbo', 'Germany', '').replace(/\s+([.,:?])/g, '$1').replace(/ {2,}/g, ' ');
        const reply = assistant.handle(msg(text, `base-${n++}`));
        expect(reply.verdict, text).not.toBe('not_required');
      }
    }
  });

  it('adding an industry, a place, a preamble, a reorder or a claim never gives not_required', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...items), fc.constantFrom(...origins), fc.constantFrom(...destinations), fc.constantFrom(...industries),
        fc.constantFrom(...preambles), fc.constantFrom(...claims), fc.constantFrom(...shapes),
        (item, origin, dest, industry, preamble, claim, shape) => {
          const text = `${preamble}${shape(item, origin, dest, industry)}${claim}`;
          const reply = assistant.handle(msg(text, `meta-${n++}`));
          expect(reply.verdict, text).not.toBe('not_required');
        },
      ),
      { numRuns: 3000, seed: 20261130 },
    );
  });

  it('chat shorthand, arrows, capitals, Chinese names and asides never give not_required', () => {
    for (const item of chatItems) {
      for (const shape of chatShapes) {
        const text = shape(item);
        const reply = assistant.handle(msg(text, `chat-${n++}`));
        expect(reply.verdict, text).not.toBe('not_required');
        expect(reply.verdict, text).not.toBe('none');
      }
    }
  });
});
