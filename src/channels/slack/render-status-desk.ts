/**
 * The rule status desk in Slack: the horizon alert with its "Record what followed" button, the modal an officer
 * fills in (the fields of src/channels/status-form.ts, one input block each), the preview with Confirm, and the
 * outcome. Pure: text and data in, Block Kit out.
 */
import type { types } from '@slack/bolt';
import type { StatusPreview } from '../../cases/status-desk.js';
import type { Source } from '../../rules/schema.js';
import { OVERLAY_STATUSES, type StatusRecordInput } from '../../rules/status-overlay.js';
import {
  FIELD_LABELS, STATUS_FORM_LIMITS, STATUS_LABELS, previewHeadline, previewLines, type StatusFormField, type StatusFormValues,
} from '../status-form.js';
import { ACTION, VIEW } from './slack-ids.js';
import { LIMITS, fitMrkdwn, fitPlain, packLines } from './text-limits.js';

/** Each field of the form is one input block whose block_id is the field's name. */
export function statusActionId(field: StatusFormField): string {
  return `${field}_input`;
}

const MAX_SOURCE_OPTIONS = 100;

function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: fitPlain(text, max) };
}

/** The alert as posted in the compliance channel: its text, and the button that opens the form. fitMrkdwn escapes. */
export function renderHorizonAlert(text: string, sourceId: string): { text: string; blocks: types.KnownBlock[] } {
  const body = fitMrkdwn(`:warning: ${text}`, LIMITS.sectionText);
  return {
    text: fitMrkdwn(`:warning: ${text}`, LIMITS.fallbackText),
    blocks: [
      section(body),
      {
        type: 'actions',
        block_id: `horizon|${sourceId}`.slice(0, LIMITS.blockId),
        elements: [{
          type: 'button', action_id: ACTION.recordStatus, value: sourceId, style: 'primary',
          text: plain('Record what followed', LIMITS.buttonText),
        }],
      },
    ],
  };
}

export interface StatusModalInput {
  /** The rule id or suspension source ID the record is for. */
  readonly target: string;
  readonly sources: Iterable<Source>;
}

function textInput(field: StatusFormField, max: number, optional: boolean, multiline = false): types.InputBlock {
  return {
    type: 'input', block_id: field, optional, label: plain(FIELD_LABELS[field], LIMITS.inputLabel),
    element: { type: 'plain_text_input', action_id: statusActionId(field), max_length: max, multiline },
  };
}

function dateInput(field: StatusFormField): types.InputBlock {
  return { type: 'input', block_id: field, optional: true, label: plain(FIELD_LABELS[field], LIMITS.inputLabel), element: { type: 'datepicker', action_id: statusActionId(field) } };
}

/** The form; the target rides in private_metadata, the officer is whoever submits it (checked again then). */
export function renderStatusModal(input: StatusModalInput): types.ModalView {
  const sources = [...input.sources].slice(0, MAX_SOURCE_OPTIONS);
  return {
    type: 'modal',
    callback_id: VIEW.statusForm,
    private_metadata: JSON.stringify({ target: input.target }),
    title: plain('Record what followed', LIMITS.modalTitle),
    submit: { type: 'plain_text', text: 'Preview' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(fitMrkdwn(`What followed *${input.target}*? Nothing is stored until you confirm the preview.`, LIMITS.sectionText)),
      {
        type: 'input', block_id: 'status', label: plain(FIELD_LABELS.status, LIMITS.inputLabel),
        element: {
          type: 'static_select', action_id: statusActionId('status'), placeholder: plain('Choose', LIMITS.optionText),
          options: OVERLAY_STATUSES.map((s) => ({ text: plain(STATUS_LABELS[s], LIMITS.optionText), value: s })),
        },
      },
      dateInput('from'),
      dateInput('until'),
      {
        type: 'input', block_id: 'source', optional: true, label: plain(FIELD_LABELS.source, LIMITS.inputLabel),
        element: {
          type: 'static_select', action_id: statusActionId('source'), placeholder: plain('Choose a source', LIMITS.optionText),
          options: sources.map((s) => ({ text: plain(`${s.id} · ${s.title}`, LIMITS.optionText), value: s.id })),
        },
      },
      textInput('newSourceId', STATUS_FORM_LIMITS.sourceId, true),
      textInput('newSourceTitle', STATUS_FORM_LIMITS.title, true),
      dateInput('newSourceDate'),
      textInput('newSourceUrl', STATUS_FORM_LIMITS.url, true),
      textInput('why', STATUS_FORM_LIMITS.why, false, true),
    ],
  };
}

/** What the form's fields hold, from a view submission's `state.values`. */
export function statusFormValues(values: Readonly<Record<string, Readonly<Record<string, unknown>>>>): StatusFormValues {
  const read = (field: StatusFormField): string | undefined => {
    const v = values[field]?.[statusActionId(field)];
    if (typeof v !== 'object' || v === null) return undefined;
    if ('selected_option' in v) {
      const o = v.selected_option;
      return typeof o === 'object' && o !== null && 'value' in o && typeof o.value === 'string' ? o.value : undefined;
    }
    if ('selected_date' in v) return typeof v.selected_date === 'string' ? v.selected_date : undefined;
    return 'value' in v && typeof v.value === 'string' ? v.value : undefined;
  };
  return {
    status: read('status'), from: read('from'), until: read('until'), source: read('source'), newSourceId: read('newSourceId'),
    newSourceTitle: read('newSourceTitle'), newSourceDate: read('newSourceDate'), newSourceUrl: read('newSourceUrl'), why: read('why'),
  };
}

function recordSummary(r: StatusRecordInput): string {
  const when = r.status === 'extended' ? `until ${r.until ?? ''}` : `from ${r.from ?? ''}`;
  const source = 'id' in r.source ? r.source.id : `${r.source.new.id} (new: ${r.source.new.title}, ${r.source.new.date}, ${r.source.new.url})`;
  return `*${r.target}*: ${r.status} ${when}. Source: ${source}.\n${r.why}`;
}

/**
 * The preview, in place of the form (response_action: update): what recording would change, and Confirm.
 * `metadata` is the record, carried to the confirm step.
 */
export function renderConfirmModal(record: StatusRecordInput, preview: StatusPreview, metadata: string): types.ModalView {
  const lines = packLines(previewLines(preview), LIMITS.sectionText, fitMrkdwn);
  return {
    type: 'modal',
    callback_id: VIEW.statusConfirm,
    private_metadata: metadata,
    title: plain('Confirm the record', LIMITS.modalTitle),
    submit: { type: 'plain_text', text: 'Confirm and record' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'header', block_id: 'preview', text: plain(previewHeadline(preview), LIMITS.headerText) },
      section(fitMrkdwn(recordSummary(record), LIMITS.sectionText)),
      ...lines.map(section),
    ],
  };
}

/** The last step: what happened, with nothing left to submit. */
export function renderOutcomeModal(title: string, text: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: VIEW.statusConfirm,
    title: plain(title, LIMITS.modalTitle),
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(fitMrkdwn(text, LIMITS.sectionText))],
  };
}
