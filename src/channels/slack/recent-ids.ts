/**
 * The event ids this process saw lately, in memory: a retry of an event still in the work queue is dropped at
 * once, before it takes a queue slot. The durable check is the delivery claim (either engine), made when the turn is
 * answered; this set only saves work.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly max = 20_000) {}

  /** True the first time an id is seen (while remembered); false for a repeat. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
