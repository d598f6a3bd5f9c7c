/**
 * What our cards' buttons send back (Action.Submit data merged with the card's inputs), validated with zod: the
 * payload comes from the client and is trusted no more than typed text.
 */
import { z } from 'zod';
import { OfficerDecisionSchema } from '../../cases/case-view.js';

const CaseIdSchema = z.string().trim().min(1).max(50);

/** Input.Toggle sends its valueOn/valueOff strings; absent when the card was submitted without touching it. */
const ToggleSchema = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');

export const CardActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('followup'), text: z.string().trim().min(1).max(500) }),
  z.object({ action: z.literal('escalate') }),
  z.object({ action: z.literal('claim'), caseId: CaseIdSchema }),
  /** Send the lines of a screened bill of materials that need a decision to compliance as one case. */
  z.object({ action: z.literal('bom_escalate'), upload: z.uuid() }),
  z.object({
    action: z.literal('decide'),
    caseId: CaseIdSchema,
    verdict: OfficerDecisionSchema,
    note: z.string().max(4_000).optional().transform((s) => s?.trim() ?? ''),
    reusable: ToggleSchema.optional().transform((v) => v ?? false),
  }),
]);
export type CardAction = z.infer<typeof CardActionSchema>;

/** The data our cards attach to each button (the inputs are added by the client). */
export const cardData = {
  followup: (text: string) => ({ action: 'followup', text }) as const,
  escalate: () => ({ action: 'escalate' }) as const,
  claim: (caseId: string) => ({ action: 'claim', caseId }) as const,
  bomEscalate: (upload: string) => ({ action: 'bom_escalate', upload }) as const,
  decide: (caseId: string) => ({ action: 'decide', caseId }) as const,
};

/** The ids of the decide form's inputs, which the client merges into the submitted data under these names. */
export const DECIDE_INPUTS = { verdict: 'verdict', note: 'note', reusable: 'reusable' } as const;

/** invoke adaptiveCard/action (Action.Execute) carries the data under `action`, and may carry a verb instead. */
const InvokeValueSchema = z.object({
  action: z.object({
    type: z.string().optional(),
    verb: z.string().max(50).optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

export type ParsedCardAction =
  | { readonly ok: true; readonly action: CardAction }
  | { readonly ok: false; readonly problem: string };

export function parseSubmit(value: unknown): ParsedCardAction {
  return parse(value);
}

export function parseInvoke(value: unknown): ParsedCardAction {
  const v = InvokeValueSchema.safeParse(value);
  if (!v.success) return { ok: false, problem: 'That card action carried no data.' };
  const { verb, data } = v.data.action;
  return parse({ ...(verb ? { action: verb } : {}), ...data });
}

function parse(value: unknown): ParsedCardAction {
  const r = CardActionSchema.safeParse(value);
  if (r.success) return { ok: true, action: r.data };
  const decideWithoutVerdict = typeof value === 'object' && value !== null && 'action' in value && value.action === 'decide'
    && r.error.issues.some((i) => i.path[0] === 'verdict');
  return {
    ok: false,
    problem: decideWithoutVerdict
      ? 'Choose a verdict (licence required, not required or prohibited) before pressing Decide.'
      : 'I did not understand that card action; it may come from an older card.',
  };
}
