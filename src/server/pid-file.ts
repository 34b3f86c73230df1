// parasol.pid beside the database: how `npm run lessons -- reload` finds the
// running bot. Written at start, removed at a clean stop; a file left by a
// crash is recognised because its process is gone.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from '../logger.ts';

export function pidFilePath(databasePath: string): string {
  return join(dirname(databasePath), 'parasol.pid');
}

/** The pid of the bot running on this database, if one is. */
export function runningBotPid(databasePath: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFilePath(databasePath), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: it exists but belongs to another user; it is still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

export function writePidFile(databasePath: string, logger: Logger): string {
  const path = pidFilePath(databasePath);
  const other = runningBotPid(databasePath);
  if (other !== undefined && other !== process.pid) logger.warn({ pid: other }, 'another Parasol seems to run on this database; `lessons reload` will now reach this one');
  writeFileSync(path, `${process.pid}\n`, { mode: 0o644 });
  return path;
}

export function removePidFile(path: string): void {
  try {
    if (readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path);
  } catch {
    // already gone
  }
}
