/** Counts messages sent in the last second (interactive replies), so the daily batch can leave them room. */
export class SendMeter {
  private readonly times: number[] = [];
  record(now = performance.now()): void {
    this.times.push(now);
    if (this.times.length > 1000) this.times.splice(0, this.times.length - 1000);
  }
  lastSecond(now = performance.now()): number {
    while (this.times.length && this.times[0]! < now - 1000) this.times.shift();
    return this.times.length;
  }
}
