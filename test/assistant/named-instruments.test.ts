/** An instrument the asker names by what it does ("the Japan announcement") is found, answered and cited. */
import { describe, expect, it } from 'vitest';
import { extractReferences } from '../../src/nlu/extract-references.js';
import { msg, newAssistant, rules } from '../support/understanding.js';

const ids = [...rules.sources.keys()];

describe('instruments named by what they do', () => {
  it('finds the Japan announcement and the US military ban by name', () => {
    expect(extractReferences('Does the Japanese military ban cover this?', ids).sources).toContain('CN-ANN-2026-01');
    expect(extractReferences('Is this caught by the US military ban?', ids).sources).toContain('CN-ANN-2024-46');
  });

  it('finds the Japan announcement called "the new Japan rule" or "the Japan export ban"', () => {
    expect(extractReferences('Our buyer in Nagoya worries about the new Japan rule.', ids).sources).toContain('CN-ANN-2026-01');
    expect(extractReferences('Is our civil order hit by the Japan export ban?', ids).sources).toContain('CN-ANN-2026-01');
  });

  it('keeps a goods question when a statement adds the use and names the Japan rule in passing', () => {
    const a = newAssistant();
    a.handle({ ...msg('We ship Tb magnets from our Baotou plant to a Japanese appliance maker.', 'ni-jr'), asOf: '2026-04-02' });
    const r = a.handle({ ...msg('Household fans only, nothing for defence. Their buyer wonders if the new Japan rule blocks it.', 'ni-jr'), asOf: '2026-04-02' });
    expect(r.verdict).toBe('license_required');
    expect(r.citations.map((c) => c.source)).toContain('CN-ANN-2026-01');
  });

  it('says why a named announcement does not apply, on its particular fact, and cites it', () => {
    const r = newAssistant().handle({ ...msg('Tb magnets from Baotou to a Japanese washing-machine maker, household use only. Does the Japan ban stop this?', 'ni-1'), asOf: '2026-09-24' });
    expect(r.verdict).toBe('license_required');
    expect(r.citations.map((c) => c.source)).toContain('CN-ANN-2026-01');
    expect(r.reasons.join(' ')).toMatch(/No\. 1 .*does not apply \(military end user/);
  });

  it('does not read the name "US military ban" as a military end user', () => {
    const r = newAssistant().handle({ ...msg('Dy magnets from Ningbo to a US toy maker: does the US military ban matter?', 'ni-2'), asOf: '2026-09-24' });
    expect(r.facts?.endUser?.kind).not.toBe('military');
    expect(r.verdict).not.toBe('prohibited');
  });
});
