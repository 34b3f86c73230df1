// Time as the scheduler sees it. Tests and `PARASOL_NOW` set it; nothing in
// the scheduler reads Date.now() directly.
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock fixed at `start` that moves only when told to. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(time: number | string): void {
    this.current = typeof time === 'string' ? Date.parse(time) : time;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** `PARASOL_NOW=2026-11-23T09:00:00Z` runs the scheduler as if it were then, moving forward from there. */
export function clockFromEnv(value: string | undefined): Clock {
  if (!value) return systemClock;
  const start = Date.parse(value);
  if (Number.isNaN(start)) throw new Error(`PARASOL_NOW must be an ISO date and time, not "${value}"`);
  const offset = start - Date.now();
  return { now: () => Date.now() + offset };
}
