/** The information answers take every rule's status from the rules data and the date asked, never from prose. */
import { describe, expect, it } from 'vitest';
import { answerProcess, answerRegulation, instrumentsOn, topicMatches } from '../../src/assistant/information.js';
import type { RuleSet } from '../../src/rules/ruleset.js';
import { msg, newAssistant, rules } from '../support/understanding.js';

const NO_61 = 'CN-ANN-2025-61';
const line61 = (lines: readonly string[]): string | undefined => lines.find((l) => l.startsWith(rules.sources.get(NO_61)?.title ?? '?'));

describe('the instruments Lodestone holds', () => {
  it('gives each instrument its status on the day asked, worked out from the dates', () => {
    expect(line61(instrumentsOn(rules, '2026-03-01'))).toMatch(/: suspended by CN-ANN-2025-70 until 2026-11-10$/);
    expect(line61(instrumentsOn(rules, '2026-11-20'))).toMatch(/: status unknown since 2026-11-10$/);
    expect(line61(instrumentsOn(rules, '2025-10-01'))).toMatch(/: in force from 2025-10-09(; partly in force from 2025-12-01)?$/);
  });

  it('follows the data: without the suspension in the rules, No. 61 reads as in force', () => {
    const unsuspended: RuleSet = { ...rules, rules: rules.rules.map((r) => (r.sources[0]?.id === NO_61 ? { ...r, suspensions: [] } : r)) };
    expect(line61(instrumentsOn(unsuspended, '2026-03-01'))).toMatch(/: in force$/);
  });

  it('answers "which rule do you mean?" with that list, not with a status written in prose', () => {
    const answer = answerRegulation(rules, [], 'which rule?', '2026-11-20');
    expect(answer.headline).toBe('Which rule do you mean?');
    expect(answer.reasons).toEqual(expect.arrayContaining(instrumentsOn(rules, '2026-11-20')));
    expect(answer.reasons.join(' ')).not.toMatch(/suspended by No\. 70/);
  });
});

describe('a control code asked about', () => {
  it('says what 1C905.a.4 covers, from the listed items, and cites No. 18', () => {
    const r = newAssistant().handle({ ...msg('What does code 1C905.a.4 stand for?', 'cc-1'), asOf: '2026-06-01' });
    expect(r.verdict).toBe('none');
    expect(r.reasons.join(' ')).toMatch(/1C905\.a\.4: NdFeB magnet material containing Dy/);
    expect(r.citations.map((c) => c.source)).toContain('CN-ANN-2025-18');
  });

  it('finds the instrument that cites a code in its rules (2B902, No. 56)', () => {
    const r = newAssistant().handle({ ...msg('what is 2B902?', 'cc-2'), asOf: '2026-06-01' });
    expect(r.citations.map((c) => c.source)).toContain('CN-ANN-2025-56');
  });
});

describe('a question whether a rule is in force, on a day its status is unknown (brief §9 ex. 25)', () => {
  it('escalates "are Nos. 55 and 58 still suspended?" after the suspension ended, and cites both', () => {
    const r = newAssistant().handle({ ...msg('Are Nos. 55 and 58 still suspended or back in effect?', 'status-1'), asOf: '2026-11-20' });
    expect(r.verdict).toBe('escalate');
    expect(r.intent.name).toBe('regulation_info');
    expect(r.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-ANN-2025-55', 'CN-ANN-2025-58']));
  });

  it('escalates "has the No. 70 suspension ended?" after it ended: the suspending instrument speaks for the rules it suspended', () => {
    const r = newAssistant().handle({ ...msg('Has the No. 70 suspension run out, or is it still in effect?', 'status-4'), asOf: '2026-11-20' });
    expect(r.verdict).toBe('escalate');
    expect(r.citations.map((c) => c.source)).toContain('CN-ANN-2025-70');
    expect(newAssistant().handle({ ...msg('Has the No. 70 suspension run out, or is it still in effect?', 'status-5'), asOf: '2026-03-01' }).verdict).toBe('none');
  });

  it('answers the same question while the suspension runs, and what a rule says, without a case', () => {
    expect(newAssistant().handle({ ...msg('Are Nos. 55 and 58 still suspended or back in effect?', 'status-2'), asOf: '2026-03-01' }).verdict).toBe('none');
    expect(newAssistant().handle({ ...msg('What does announcement 58 cover?', 'status-3'), asOf: '2026-11-20' }).verdict).toBe('none');
  });
});

describe('the suspension answer cites what it states a fact about (sixteenth session, own phrasing)', () => {
  it('cites No. 18 beside No. 70 when asked whether the truce paused the April controls', () => {
    const a = newAssistant('2026-03-01T09:00:00Z');
    const r = a.handle(msg('Did the truce in November also pause the April rare-earth controls?', 'info-no18-status'));
    expect(r.verdict).toBe('none');
    expect(r.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-ANN-2025-70', 'CN-ANN-2025-18']));
  });
});

describe('a procedure question touching two topics equally', () => {
  it('answers both: customs is holding the goods and the asker wants to know how long they have', () => {
    const answer = answerProcess(rules, 'Qingdao customs is holding our container of Dy-free magnets. How long do we have?');
    expect(answer.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-GAC-2025-123', 'CN-DUR-2024']));
    expect(answer.reasons.join(' ')).toMatch(/within 7 working days/);
    expect(answer.reasons.join(' ')).toMatch(/45 working days/);
  });

  it('answers one topic when one matches better (only the documents asked for)', () => {
    const answer = answerProcess(rules, 'Which documents and paperwork do we need for the application?');
    expect(answer.headline).toBe('Documents for a licence application');
    expect(answer.reasons.join(' ')).not.toMatch(/45 working days/);
  });
});

describe('which procedure topic answers (thirty-ninth session, own phrasing)', () => {
  it('reads a phrase term only where its words stand in order: "the code … the controlled ones" asks nothing about control codes', () => {
    const answer = answerProcess(rules, 'Tianjin customs detained our cerium-free ferrite parts; the code on the declaration is the one the controlled ones carry. What happens next?');
    expect(answer.headline).toBe('When customs holds a shipment');
    expect(answer.citations.map((c) => c.source)).toContain('CN-GAC-2025-123');
    expect(answer.reasons.join(' ')).not.toMatch(/classify its items/);
  });

  it('still reads a phrase with a few words between: "the October 2025 rare-earth rules" are the October rules', () => {
    const answer = answerRegulation(rules, [], 'Are the October 2025 rare-earth rules in force for us today?', '2026-01-20');
    expect(answer.citations.map((c) => c.source)).toContain('CN-ANN-2025-70');
  });

  it('takes the situation from earlier turns: "what must we hand over, and by when?" after customs stopped the goods', () => {
    const alone = answerProcess(rules, 'What must we hand over, and by when?');
    const after = answerProcess(rules, 'What must we hand over, and by when?', ['Xiamen customs stopped our pallet of magnets this morning.']);
    expect(alone.citations.map((c) => c.source)).not.toContain('CN-GAC-2025-123');
    expect(after.headline).toBe('When customs holds a shipment');
  });

  it('does not read a customer as customs (Porter stems both to "custom")', () => {
    const answer = answerProcess(rules, 'Our customer in Lyon asks which paperwork we will need.');
    expect(answer.headline).toBe('Documents for a licence application');
    expect(answer.citations.map((c) => c.source)).not.toContain('CN-GAC-2025-123');
    expect(topicMatches(rules, 'license_process', 'Our customer in Lyon placed a repeat order.')).toBe(false);
  });
});

describe('procedure questions read as understanding reads them (thirty-ninth session, own phrasing)', () => {
  it('answers a customs challenge named only in Chinese ("质疑") with the challenge procedure', () => {
    const r = newAssistant('2025-08-20T09:00:00Z').handle(msg('Dalian port sent a 质疑 on our ferrite shipment. How many days do we get to reply?', 'proc-zh'));
    expect(r.citations.map((c) => c.source)).toContain('CN-GAC-2025-123');
  });

  it('keeps the customs situation of the first turn for a short follow-up about documents and time', () => {
    const a = newAssistant('2025-08-20T09:00:00Z');
    a.handle(msg('Customs at Yantian stopped our container of Dy-free speaker magnets.', 'proc-follow'));
    const r = a.handle(msg('So what paperwork goes to them, and how quickly?', 'proc-follow'));
    expect(r.verdict).toBe('none');
    expect(r.citations.map((c) => c.source)).toContain('CN-GAC-2025-123');
  });
});

describe('a change to a licence held stays a procedure question (thirty-ninth session, own phrasing)', () => {
  it('answers that moving the end customer needs a new application, however the rest reads as a cooperation', () => {
    const r = newAssistant('2025-10-01T09:00:00Z').handle(msg('The Ningbo exporter returned our application docs for corrections. If after the licence we change the end customer from the Linz plant to our Thai assembly partner, may they simply amend it?', 'licence-change'));
    expect(r.intent.name).toBe('license_process');
    expect(r.citations.map((c) => c.source)).toContain('CN-DUR-2024');
    expect(r.verdict).not.toBe('not_required');
  });
});

describe('a suspension whose extension was reported before it ended', () => {
  it('says the reported extension and cites the report, while the suspension still runs on the rules data', () => {
    const answer = answerRegulation(rules, ['CN-ANN-2025-70'], 'Will the suspended October rules come back after 10 November?', '2026-10-20');
    expect(answer.reasons.join(' ')).toMatch(/extension of the suspension by CN-ANN-2025-70 to 2027-01-10 was reported .* ends on 2026-11-10/);
    expect(answer.citations.map((c) => c.source)).toContain('CN-MOFCOM-2026-09-28');
  });

  it('does not say it before the report was published', () => {
    const answer = answerRegulation(rules, ['CN-ANN-2025-70'], 'Will the suspended October rules come back after 10 November?', '2026-08-01');
    expect(answer.citations.map((c) => c.source)).not.toContain('CN-MOFCOM-2026-09-28');
    expect(answer.reasons.join(' ')).not.toMatch(/was reported/);
  });
});
