/**
 * The rule status desk in Teams, as Adaptive Cards: the horizon alert with "Record what followed" (the form opens
 * under it), the form again with each problem under its field, the preview with Confirm, and the outcome. The
 * buttons are Action.Execute, so Teams swaps the card in place with what the invoke answers; the same data also
 * works as an Action.Submit (status-desk-actions.ts). Pure: data in, card out.
 */
import type { StatusPreview } from '../../cases/status-desk.js';
import type { Source } from '../../rules/schema.js';
import { OVERLAY_STATUSES, type StatusRecordInput } from '../../rules/status-overlay.js';
import {
  FIELD_LABELS, STATUS_FORM_LIMITS, STATUS_LABELS, previewHeadline, previewLines,
  type StatusFormErrors, type StatusFormField, type StatusFormValues,
} from '../status-form.js';
import { bullets, card, clip, heading, text, type Element } from './card-elements.js';
import { statusDeskData } from './status-desk-actions.js';
import type { AdaptiveCard } from './teams-port.js';

export interface StatusFormCardInput {
  readonly target: string;
  readonly sources: Iterable<Source>;
  readonly values?: StatusFormValues;
  readonly errors?: StatusFormErrors;
}

function execute(title: string, data: Readonly<Record<string, unknown>>, style?: 'positive'): Element {
  // The verb names the step for Universal Actions; the data carries it too, for Action.Submit and older clients.
  return { type: 'Action.Execute', title, verb: String(data.action), data, ...(style ? { style } : {}) };
}

function valueOf(values: StatusFormValues | undefined, field: StatusFormField): { value?: string } {
  const v = values?.[field];
  return typeof v === 'string' && v.length > 0 ? { value: v } : {};
}

function formInputs(input: StatusFormCardInput): Element[] {
  const { values, errors } = input;
  const withError = (field: StatusFormField, element: Element): Element[] => {
    const problem = errors?.[field];
    return problem ? [element, text(problem, { color: 'attention', spacing: 'none' })] : [element];
  };
  const textInput = (field: StatusFormField, maxLength: number, multiline = false) => withError(field, {
    type: 'Input.Text', id: field, label: FIELD_LABELS[field], maxLength, ...(multiline ? { isMultiline: true } : {}), ...valueOf(values, field),
  });
  const dateInput = (field: StatusFormField) => withError(field, { type: 'Input.Date', id: field, label: FIELD_LABELS[field], ...valueOf(values, field) });
  return [
    ...withError('status', {
      type: 'Input.ChoiceSet', id: 'status', label: FIELD_LABELS.status, style: 'compact', isRequired: true, errorMessage: 'Choose what followed.',
      choices: OVERLAY_STATUSES.map((s) => ({ title: STATUS_LABELS[s], value: s })), ...valueOf(values, 'status'),
    }),
    ...dateInput('from'),
    ...dateInput('until'),
    ...withError('source', {
      type: 'Input.ChoiceSet', id: 'source', label: FIELD_LABELS.source, style: 'compact', isRequired: false,
      choices: [...input.sources].map((s) => ({ title: clip(`${s.id} · ${s.title}`, 120), value: s.id })), ...valueOf(values, 'source'),
    }),
    ...textInput('newSourceId', STATUS_FORM_LIMITS.sourceId),
    ...textInput('newSourceTitle', STATUS_FORM_LIMITS.title),
    ...dateInput('newSourceDate'),
    ...textInput('newSourceUrl', STATUS_FORM_LIMITS.url),
    ...textInput('why', STATUS_FORM_LIMITS.why, true),
  ];
}

function previewAction(target: string): Element {
  return execute('Preview', statusDeskData.preview(target), 'positive');
}

/** The alert as posted in the compliance conversation, with the form under "Record what followed". */
export function renderHorizonAlertCard(alert: string, sourceId: string, sources: Iterable<Source>): AdaptiveCard {
  return card([text(alert)], [{
    type: 'Action.ShowCard',
    title: 'Record what followed',
    card: { type: 'AdaptiveCard', body: formInputs({ target: sourceId, sources }), actions: [previewAction(sourceId)] },
  }]);
}

/** The form on its own: after a problem (shown under its field), or to change something after the preview. */
export function renderStatusFormCard(input: StatusFormCardInput): AdaptiveCard {
  const problems = input.errors && Object.keys(input.errors).length > 0;
  return card([
    heading(`Record what followed ${input.target}`),
    ...(problems ? [text('Nothing was recorded: see the notes under the fields.', { color: 'attention' })] : []),
    ...formInputs(input),
  ], [previewAction(input.target)]);
}

function recordLine(r: StatusRecordInput): string {
  const when = r.status === 'extended' ? `until ${r.until ?? ''}` : `from ${r.from ?? ''}`;
  const source = 'id' in r.source ? r.source.id : `${r.source.new.id} (new: ${r.source.new.title}, ${r.source.new.date}, ${r.source.new.url})`;
  return `${r.target}: ${r.status} ${when}. Source: ${source}. ${r.why}`;
}

/** What recording would change, with Confirm (which carries the record) and Change (back to the form, filled in). */
export function renderStatusPreviewCard(record: StatusRecordInput, preview: StatusPreview, values: StatusFormValues): AdaptiveCard {
  return card([
    heading(previewHeadline(preview)),
    text(recordLine(record)),
    ...bullets(previewLines(preview)),
  ], [
    execute('Confirm and record', statusDeskData.record(record), 'positive'),
    execute('Change', statusDeskData.form(record.target, values)),
  ]);
}

export function renderStatusOutcomeCard(title: string, body: string): AdaptiveCard {
  return card([heading(title), text(body)]);
}
