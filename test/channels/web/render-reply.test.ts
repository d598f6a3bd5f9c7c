import { describe, expect, test } from 'vitest';
import type { Reply } from '../../../src/contracts/reply.js';
import { ESCALATE_TEXT, renderReply } from '../../../src/channels/web/render-reply.js';

const ctx = { csrfToken: 'tok-123', idSuffix: '7' };

function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    headline: 'Licence required: exporting dysprosium magnets from China needs a MOFCOM dual-use export licence.',
    verdict: 'license_required',
    intent: { name: 'part_license', confidence: 0.9 },
    reasons: ['The item is listed in Announcement 2025 No. 18.'],
    citations: [
      { source: 'CN-ANN-2025-18', article: '1C902-1C908', title: 'Announcement 2025 No. 18' },
      { source: 'CN-ANN-2025-61', url: 'https://www.mofcom.gov.cn/61.html' },
    ],
    followUps: [],
    nextSteps: ['Apply to MOFCOM for a dual-use export licence.'],
    escalation: { state: 'offered' },
    fired: [],
    missing: [],
    disclaimer: 'Not legal advice. Based on Lodestone rules version abc as of 2026-03-02.',
    rulesVersion: 'abc',
    asOf: '2026-03-02',
    ...overrides,
  };
}

describe('renderReply', () => {
  test('shows the badge with icon and words, the headline, the deciding reason and the primary source at a glance; next steps and every source in the details', () => {
    const out = renderReply(reply(), ctx).value;
    expect(out).toMatch(/<span class="badge badge-license_required"><svg class="icon"[^>]*aria-hidden="true"[^>]*>.*<\/svg><span class="badge-label">Licence required<\/span><\/span> <span class="badge-action">Ship only with a MOFCOM licence<\/span>/);
    expect(out).toContain('<h3 id="reply-7" class="headline">Licence required: exporting dysprosium magnets');
    expect(out).toContain('<ul class="reasons key-reasons"><li>The item is listed in Announcement 2025 No. 18.</li></ul>');
    expect(out).toContain('<p class="primary-source"><span class="label">Source:</span> <a href="/sources#CN-ANN-2025-18">CN-ANN-2025-18 1C902-1C908</a>: Announcement 2025 No. 18</p>');
    const details = out.slice(out.indexOf('<details class="reply-details">'));
    expect(details).toContain('<summary>Details<span class="summary-parts">: next steps, 2 sources</span></summary>');
    expect(details).toContain('<li>Apply to MOFCOM for a dual-use export licence.</li>');
    expect(details).toContain('<a href="https://www.mofcom.gov.cn/61.html" rel="noopener noreferrer" target="_blank">official text');
    expect(out.indexOf('class="next-steps"')).toBeGreaterThan(out.indexOf('<details class="reply-details">'));
    expect(out).toContain('<p class="disclaimer">Not legal advice.');
  });

  test('licence required and prohibited differ in icon and words', () => {
    const licence = renderReply(reply(), ctx).value;
    const banned = renderReply(reply({ verdict: 'prohibited' }), ctx).value;
    const icon = (s: string) => s.match(/<svg class="icon"[^>]*>(.*?)<\/svg>/)?.[1];
    expect(icon(licence)).toBeDefined();
    expect(icon(banned)).not.toBe(icon(licence));
    expect(banned).toContain('<span class="badge-label">Prohibited</span></span> <span class="badge-action">Do not ship</span>');
  });

  test('a question still open shows only its deciding reason and the question; the rest and the facts still needed are in the details, with no next steps', () => {
    const out = renderReply(reply({
      verdict: 'need_info',
      reasons: ['No. 18 may apply.', 'No. 57 may apply, but its status is unknown.'],
      nextSteps: ['Apply to MOFCOM for a dual-use export licence.'],
      missing: ['rare earths contained'],
      followUps: [{ fact: 'item.elements', question: 'Which rare earths does it contain?', choices: ['It contains dysprosium'] }],
    }), ctx).value;
    const glance = out.slice(0, out.indexOf('<details class="reply-details">'));
    expect(glance).toContain('<li>No. 18 may apply.</li>');
    expect(glance).not.toContain('No. 57');
    expect(glance).toContain('<p id="follow-up-7-0" class="question">Which rare earths does it contain?</p>');
    expect(out).toContain('<ul class="reasons more-reasons"><li>No. 57 may apply, but its status is unknown.</li></ul>');
    expect(out).toContain('<p class="missing">Still needed: rare earths contained.</p>');
    expect(out).not.toContain('Apply to MOFCOM');
  });

  test('once the conversation has moved on, the card\'s buttons are disabled and the one sent is marked', () => {
    const out = renderReply(reply({
      verdict: 'need_info',
      followUps: [{ fact: 'item.elements', question: 'Which?', choices: ['It contains dysprosium', 'No Dy or Tb'] }],
    }), { ...ctx, answeredWith: 'It contains dysprosium' }).value;
    expect(out).toContain('<article class="card reply verdict-need_info answered"');
    expect(out).toContain('<button type="submit" name="text" value="It contains dysprosium" class="chosen" disabled>It contains dysprosium<span class="visually-hidden"> (sent)</span></button>');
    expect(out).toContain('<button type="submit" name="text" value="No Dy or Tb" disabled>No Dy or Tb</button>');
    expect(out).toContain('class="secondary" disabled>Talk to compliance</button>');
    expect(out).not.toContain('Or type your answer below.');
  });

  test("turns a follow-up's choices into submit buttons that send the choice as the next turn", () => {
    const out = renderReply(reply({
      verdict: 'need_info',
      followUps: [{ fact: 'item.elements', question: 'Which rare earths does it contain?', choices: ['It contains dysprosium', 'No Dy or Tb'] }],
    }), ctx).value;
    expect(out).toContain('<form method="post" action="/chat" class="choices" data-chat-send>');
    expect(out).toContain('<input type="hidden" name="csrf" value="tok-123">');
    expect(out).toContain('<button type="submit" name="text" value="It contains dysprosium">It contains dysprosium</button>');
    expect(out).toContain('aria-labelledby="follow-up-7-0"');
  });

  test('shows "I read this as" after the headline, with its corrections as buttons that send the label as the next turn', () => {
    const out = renderReply(reply({
      readAs: {
        text: 'I read this as: NdFeB magnet, containing dysprosium, from China, to Germany.',
        corrections: [
          { id: 'no-dy-tb', label: 'It contains no Dy or Tb', patch: {} },
          { id: 'not-from-china', label: 'It ships from outside China', patch: { shipFrom: 'ZZ' } },
        ],
      },
    }), ctx).value;
    expect(out.indexOf('class="read-as"')).toBeGreaterThan(out.indexOf('class="headline"'));
    expect(out.indexOf('class="read-as"')).toBeLessThan(out.indexOf('class="reasons key-reasons"'));
    expect(out).toContain('<p id="read-as-7" class="read-as-text">I read this as: NdFeB magnet, containing dysprosium, from China, to Germany.</p>');
    expect(out).toContain('<form method="post" action="/chat" class="choices corrections" data-chat-send>');
    expect(out).toContain('<input type="hidden" name="csrf" value="tok-123">');
    expect(out).toContain('<button type="submit" name="text" value="It contains no Dy or Tb">It contains no Dy or Tb</button>');
    expect(out).toContain('<button type="submit" name="text" value="It ships from outside China">It ships from outside China</button>');
  });

  test('offers a correction once when a follow-up choice already says the same, and no form when none is left', () => {
    const out = renderReply(reply({
      verdict: 'need_info',
      followUps: [{ fact: 'item.elements', question: 'Which?', choices: ['It contains dysprosium'] }],
      readAs: { text: 'I read this as: magnet.', corrections: [{ id: 'has-dy', label: 'It contains dysprosium', patch: {} }] },
    }), ctx).value;
    expect(out.match(/value="It contains dysprosium"/g)).toHaveLength(1);
    expect(out).toContain('I read this as: magnet.');
    expect(out).not.toContain('class="choices corrections"');
  });

  test('offers the escalate button only when the reply offers escalation, and names the case once opened', () => {
    expect(renderReply(reply(), ctx).value).toContain(`<button type="submit" name="text" value="${ESCALATE_TEXT}" class="secondary">Talk to compliance</button>`);
    const opened = renderReply(reply({
      verdict: 'escalate',
      escalation: { state: 'opened', caseId: 'C-000004', note: 'Case C-000004 is with the compliance team.' },
    }), ctx).value;
    expect(opened).not.toContain('Talk to compliance</button>');
    expect(opened).toContain('<strong>Case C-000004: with the compliance team.</strong> Case C-000004 is with the compliance team.');
    expect(renderReply(reply({ verdict: 'none', escalation: { state: 'not_needed' } }), ctx).value).not.toContain('escalat');
  });

  test('a reply that decides nothing has no verdict badge', () => {
    expect(renderReply(reply({ verdict: 'none' }), ctx).value).not.toContain('class="badge');
  });

  test('a citation URL that is not http(s) is shown without a link', () => {
    const out = renderReply(reply({ citations: [{ source: 'CN-X-1', url: 'javascript:alert(1)' }] }), ctx).value;
    expect(out).not.toContain('javascript:');
    expect(out).not.toContain('official text');
  });

  test('escapes every text field of the reply', () => {
    const x = '<img src=x onerror=alert(1)>';
    const out = renderReply(reply({
      headline: x, reasons: [x], nextSteps: [x], disclaimer: x, inputNote: x, missing: [x],
      citations: [{ source: x, title: x }],
      followUps: [{ fact: 'f', question: x, choices: [x] }],
      escalation: { state: 'opened', caseId: x, note: x },
      readAs: { text: x, corrections: [{ id: 'c', label: `${x} too`, patch: {} }] },
    }), ctx).value;
    expect(out).toContain('class="choices corrections"');
    expect(out).not.toContain('<img');
    expect(out.match(/&lt;img src=x onerror=alert\(1\)&gt;/g)?.length).toBeGreaterThanOrEqual(12);
  });

  test("shows the assistant's note when it cut the input", () => {
    const out = renderReply(reply({ inputNote: 'Your message was 9,000 characters long; I read the first 4,000.' }), ctx).value;
    expect(out).toContain('<p class="input-note" role="note">Your message was 9,000 characters long');
  });

  test('lists the rules that decided with each condition, expected and actual', () => {
    const out = renderReply(reply({
      fired: [{
        ruleId: 'no18-listed-items', title: 'Announcement 2025 No. 18', match: 'true', status: 'in_force', statusNote: 'in force on 2026-03-02',
        contributes: 'license_required', overriddenBy: null, confirmed: true, unknownFacts: [],
        checks: [{ fact: 'item.elements', label: 'rare earths contained', op: 'containsAny', expected: ['Dy', 'Tb'], actual: { present: ['Dy'] }, result: 'true' }],
      }],
    }), ctx).value;
    expect(out).toContain('<summary>Rules that decided (1)</summary>');
    expect(out).toContain('<td>containsAny</td><td>Dy, Tb</td><td>present: Dy</td>');
  });
});
