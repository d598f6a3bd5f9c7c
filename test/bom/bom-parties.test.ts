/** A BOM's supplier and customer columns are screened against MOFCOM's control and watch lists (brief R23, R24). */
import { beforeAll, describe, expect, it } from 'vitest';
import { createUnderstanding } from '../../src/assistant/create-understanding.js';
import { INTENTS_DIR, RULES_DIR } from '../../src/core/paths.js';
import { readBom } from '../../src/bom/read-bom.js';
import { createScreener, type Screening } from '../../src/bom/screen-bom.js';
import { loadRuleSet } from '../../src/rules/loader.js';

const CSV = [
  'Part Number,Description,Material,Qty,Unit Price (USD),Country of Origin,Supplier,Customer',
  'M-1,Sintered magnet,NdFeB with 3% Dy,10,5,CN,Ningbo Global Magnet Co.,MP Materials',
  'M-2,Sintered magnet,NdFeB with 3% Dy,10,5,CN,Ningbo Global Magnet Co.,TDK',
  'M-3,Sintered magnet,NdFeB with 3% Dy,10,5,CN,Ningbo Global Magnet Co.,TDK Corporation',
  'M-4,Sintered magnet,NdFeB with 3% Dy,10,5,CN,MP Materials,Acme Motors GmbH',
  'M-5,Sintered magnet,NdFeB with 3% Dy,10,5,CN,Global Industries Ltd,Heavy Industries Inc',
].join('\n');

let result: Screening;
beforeAll(async () => {
  const rules = loadRuleSet(RULES_DIR);
  const screen = createScreener(rules, createUnderstanding(rules, RULES_DIR, INTENTS_DIR).understander);
  result = screen(await readBom('parties.csv', new TextEncoder().encode(CSV)), { asOf: '2026-11-30' });
}, 60_000);

const line = (pn: string) => result.lines.find((l) => l.partNumber === pn);

describe('BOM party columns', () => {
  it('a control-listed customer makes the part prohibited, citing its announcement', () => {
    expect(line('M-1')?.partExport.verdict).toBe('prohibited');
    expect(line('M-1')?.partExport.citations.map((c) => c.source)).toContain('CN-ANN-2026-23');
  });

  it('a watch-listed customer needs the watch-list licence', () => {
    expect(line('M-2')?.partExport.verdict).toBe('license_required');
    expect(line('M-2')?.partExport.reasons.join(' ')).toMatch(/single licence only/);
  });

  it('a near match escalates with the match shown', () => {
    expect(line('M-3')?.partExport.verdict).toBe('escalate');
    expect(line('M-3')?.partExport.reasons.join(' ')).toMatch(/"TDK Corporation" matches watch-list entry 'TDK'/);
  });

  it('a listed supplier escalates and says it is the supplier', () => {
    expect(line('M-4')?.partExport.verdict).toBe('escalate');
    expect(line('M-4')?.partExport.reasons.join(' ')).toMatch(/The supplier: "MP Materials"/);
  });

  it('common words in supplier or customer names match nothing', () => {
    expect(line('M-5')?.partExport.verdict).toBe('license_required');
    expect(line('M-5')?.partExport.citations.map((c) => c.source).filter((s) => /^CN-ANN-2026-(1[12]|2[0378]|30)$/.test(s))).toEqual([]);
  });
});
