/** Time as a port, so tests and date-dependent behaviour take an injected clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (s: string) => { t = new Date(s).getTime(); },
    advance: (ms: number) => { t += ms; },
  };
}

/** The calendar day (UTC) of a date, as YYYY-MM-DD. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
