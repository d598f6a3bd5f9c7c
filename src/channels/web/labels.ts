/** The words the web pages put on verdicts, officer decisions, case states and rule statuses. */
import type { Escalation } from '../../contracts/reply.js';
import type { CaseState, OfficerDecision } from '../../cases/case-view.js';
import type { RuleStatus } from '../../rules/rule-status.js';
import type { ReplyVerdict } from '../../rules/verdict.js';

export const VERDICT_LABELS: Record<ReplyVerdict, string> = {
  license_required: 'Licence required',
  prohibited: 'Prohibited',
  not_required: 'No licence required',
  escalate: 'Compliance review',
  need_info: 'More information needed',
  none: 'Information',
};

export const DECISION_LABELS: Record<OfficerDecision, string> = {
  license_required: 'Licence required',
  not_required: 'No licence required',
  prohibited: 'Prohibited',
};

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  open: 'Open',
  claimed: 'Claimed',
  resolved: 'Resolved',
  reopened: 'Reopened',
};

export const RULE_STATUS_LABELS: Record<RuleStatus['kind'], string> = {
  in_force: 'In force',
  not_yet: 'Not yet in force',
  suspended: 'Suspended',
  ended: 'Ended',
  status_unknown: 'Status unknown',
};

/** What the status label alone does not say: the dates and sources the status carries. */
export function ruleStatusDetail(s: RuleStatus): string | undefined {
  switch (s.kind) {
    case 'in_force':
      return undefined;
    case 'not_yet':
      return `Takes effect on ${s.from}.`;
    case 'suspended':
      return `By ${s.by.id}${s.by.article ? ` ${s.by.article}` : ''} until ${s.until}.`;
    case 'ended':
      return `On ${s.on}${s.by ? ` (${s.by.id})` : ''}.`;
    case 'status_unknown':
      return `Since ${s.since}: the suspension by ${s.by.id} ended and the rules data records nothing about what followed.`;
  }
}

export const ESCALATION_LABELS: Record<Escalation['state'], string> = {
  not_needed: '',
  offered: '',
  opened: 'with the compliance team',
  existing: 'already with the compliance team',
  claimed: 'an officer is on it',
  resolved: 'decided',
};
