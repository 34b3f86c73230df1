// `npm run backup [-- DEST]`: a consistent copy of the database, safe while
// the bot runs (SQLite's online backup API), private (mode 0600), then
// checked with PRAGMA integrity_check. One line of output; exit 1 on failure.
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface BackupResult {
  path: string;
  bytes: number;
  ms: number;
  integrity: string;
  users: number;
}

/** data/backups/parasol-20261123T125700Z.sqlite beside data/parasol.sqlite */
function defaultBackupPath(databasePath: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return join(dirname(databasePath), 'backups', `parasol-${stamp}.sqlite`);
}

async function backupDatabase(databasePath: string, destination: string): Promise<BackupResult> {
  const started = performance.now();
  if (!existsSync(databasePath)) throw new Error(`no database at ${databasePath} (set DATABASE_PATH)`);
  mkdirSync(dirname(destination), { recursive: true, mode: 0o700 });
  // Created here, private, and never over an existing file.
  try {
    closeSync(openSync(destination, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${destination} already exists; give another path`);
    throw error;
  }
  const source = new Database(databasePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // All pages in one step: in WAL mode that is one read transaction, a
    // consistent snapshot that never blocks the bot's writes (smaller steps
    // would restart each time the bot writes in between).
    await source.backup(destination, { progress: () => 0x7fffffff });
  } catch (error) {
    rmSync(destination, { force: true });
    throw error;
  } finally {
    source.close();
  }
  const copy = new Database(destination, { fileMustExist: true });
  try {
    // One self-contained file: no -wal or -shm beside it, whatever the source's mode.
    copy.pragma('journal_mode = DELETE');
    const integrity = (copy.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check).join('; ');
    const users = (copy.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
    return { path: destination, bytes: statSync(destination).size, ms: Math.round(performance.now() - started), integrity, users };
  } finally {
    copy.close();
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.some((arg) => arg === '--help' || arg === '-h') || argv.length > 1) {
    console.error('Usage: npm run backup [-- DEST]   (default DEST: backups/parasol-<UTC time>.sqlite beside DATABASE_PATH)');
    return 2;
  }
  const databasePath = process.env.DATABASE_PATH?.trim() || 'data/parasol.sqlite';
  const destination = argv[0] ?? defaultBackupPath(databasePath);
  const result = await backupDatabase(databasePath, destination);
  const size = `${(result.bytes / 1024).toFixed(0)} KB`;
  if (result.integrity !== 'ok') {
    console.error(`backup FAILED its integrity check: ${result.path} (${size}): ${result.integrity}`);
    return 1;
  }
  console.log(`backup ok: ${result.path} (${size}, ${result.users} users, integrity_check ok, ${result.ms} ms)`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`backup failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  },
);
