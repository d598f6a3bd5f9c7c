/**
 * The button under a screened bill of materials: sends the lines that need a decision to compliance as one case
 * (screen-shared-file.ts). Acked first; the work runs on the conversation's queue.
 */
import { z } from 'zod';
import { BlockActionSchema } from './payloads.js';
import { escalateUpload } from './screen-shared-file.js';
import type { SlackContext } from './slack-context.js';
import { ACTION } from './slack-ids.js';

const UploadIdValueSchema = z.uuid();

export function registerBomActions(ctx: SlackContext): void {
  ctx.on.action(ACTION.bomEscalate, async ({ ack, body, respond }) => {
    await ack();
    const b = BlockActionSchema.safeParse(body);
    const id = UploadIdValueSchema.safeParse(b.data?.actions[0]?.value);
    if (!b.success || !id.success) {
      ctx.log.warn('ignored a malformed BOM escalation click');
      return;
    }
    const user = b.data.user;
    ctx.queue.push(`bom:${id.data}`, async () => {
      await escalateUpload(ctx, id.data, { id: user.id, name: user.name }, respond);
    });
  });
}
