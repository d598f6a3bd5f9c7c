/** Compliance officers, named in configuration by their platform user ids, per channel. */
import { z } from 'zod';
import type { Channel } from '../contracts/message.js';

const Ids = z.array(z.string().min(1)).default([]);

export const OfficersSchema = z
  .object({ slack: Ids, teams: Ids, web: Ids, cli: Ids })
  .strict();
export type Officers = z.infer<typeof OfficersSchema>;
export type OfficersInput = z.input<typeof OfficersSchema>;

export function isOfficer(officers: Officers, channel: Channel, user: string): boolean {
  return officers[channel].includes(user);
}
