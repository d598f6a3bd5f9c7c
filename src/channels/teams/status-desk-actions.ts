/**
 * What the status desk's card buttons send back (status-desk-card.ts), validated with zod: the form's fields come
 * from the client, and the record carried by Confirm is trusted no more than typed text (the desk checks it again).
 * Kept apart from card-actions.ts so a payload that is not the desk's falls through to the case actions unchanged.
 */
import { z } from 'zod';
import { StatusRecordInputSchema, type StatusRecordInput } from '../../rules/status-overlay.js';
import { STATUS_FORM_FIELDS, type StatusFormValues } from '../status-form.js';

const TargetSchema = z.string().trim().min(2).max(100);
/** Inputs left empty come as '' (or not at all); the form reader treats both as not given. */
const Value = z.string().max(2_000).optional();
const ValuesSchema = z.object({
  status: Value, from: Value, until: Value, source: Value, newSourceId: Value, newSourceTitle: Value, newSourceDate: Value, newSourceUrl: Value, why: Value,
});

export const StatusDeskActionSchema = z.discriminatedUnion('action', [
  ValuesSchema.extend({ action: z.literal('status_form'), target: TargetSchema }),
  ValuesSchema.extend({ action: z.literal('status_preview'), target: TargetSchema }),
  z.object({ action: z.literal('status_record'), record: StatusRecordInputSchema }),
]);
export type StatusDeskAction = z.infer<typeof StatusDeskActionSchema>;

export type ParsedStatusDeskAction =
  | { readonly ok: true; readonly action: StatusDeskAction }
  | { readonly ok: false; readonly problem: string };

function isDeskPayload(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && 'action' in value && typeof value.action === 'string' && value.action.startsWith('status_');
}

function parse(value: Record<string, unknown>): ParsedStatusDeskAction {
  const r = StatusDeskActionSchema.safeParse(value);
  return r.success ? { ok: true, action: r.data } : { ok: false, problem: 'That form could not be read; it may come from an older card. Open Record what followed again.' };
}

/** An Action.Submit's value, when it is the desk's; undefined for every other card action. */
export function readStatusDeskSubmit(value: unknown): ParsedStatusDeskAction | undefined {
  return isDeskPayload(value) ? parse(value) : undefined;
}

const InvokeSchema = z.object({ action: z.object({ verb: z.string().max(50).optional(), data: z.record(z.string(), z.unknown()).optional() }) });

/** An adaptiveCard/action invoke's value (Action.Execute: verb and data), when it is the desk's. */
export function readStatusDeskInvoke(value: unknown): ParsedStatusDeskAction | undefined {
  const v = InvokeSchema.safeParse(value);
  if (!v.success) return undefined;
  const merged = { ...(v.data.action.verb ? { action: v.data.action.verb } : {}), ...v.data.action.data };
  return isDeskPayload(merged) ? parse(merged) : undefined;
}

/** The form's values as a payload carries them: only the fields, only text. */
export function formValuesOf(action: z.infer<typeof ValuesSchema>): StatusFormValues {
  return Object.fromEntries(STATUS_FORM_FIELDS.flatMap((f) => (action[f] !== undefined ? [[f, action[f]]] : [])));
}

/** The data the desk's buttons carry; the client adds the card's inputs to it. */
export const statusDeskData = {
  form: (target: string, values: StatusFormValues) => ({ action: 'status_form', target, ...formValuesOf(ValuesSchema.parse(values)) }) as const,
  preview: (target: string) => ({ action: 'status_preview', target }) as const,
  record: (record: StatusRecordInput) => ({ action: 'status_record', record }) as const,
};
