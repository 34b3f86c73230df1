// `npm run backup` while another process keeps writing: the copy is a
// consistent, private database that passes PRAGMA integrity_check.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/storage/database.ts';
import { Store } from '../../src/storage/store.ts';
import { eventually } from '../helpers/eventually.ts';
import { tempDir } from '../helpers/temp.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

function backup(databasePath: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/backup.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const countOf = (db: Database.Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('npm run backup', () => {
  it('copies the database while a writer keeps writing: consistent, private, integrity_check ok', async () => {
    const dir = await tempDir();
    const databasePath = join(dir, 'data', 'parasol.sqlite');
    // A few MB to copy, so the backup overlaps many writes.
    const seed = new Store(openDatabase(databasePath));
    seed.db.transaction(() => {
      for (let id = 1; id <= 60_000; id++) seed.recordProgress(id, 'calls', 2, id % 3 === 0);
    })();
    seed.db.close();

    const writer = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/helpers/db-writer.ts'), databasePath, '1000000'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let writerOutput = '';
    writer.stdout.on('data', (chunk) => (writerOutput += chunk));
    const live = new Database(databasePath, { readonly: true });
    try {
      await eventually(() => countOf(live, 'users') > 60_500, 20_000, 'the writer to be writing');
      const before = countOf(live, 'users');
      const result = backup(databasePath);
      const after = countOf(live, 'users');
      assert.equal(result.code, 0, result.stderr);
      assert.ok(after > before, `the writer kept writing during the backup (${before} → ${after})`);

      const files = readdirSync(join(dir, 'data', 'backups'));
      assert.equal(files.length, 1, `one self-contained file, no -wal or -shm: ${files.join(', ')}`);
      const [name] = files;
      assert.match(name!, /^parasol-\d{8}T\d{6}Z\.sqlite$/);
      const copyPath = join(dir, 'data', 'backups', name!);
      assert.equal(result.stdout.trim().split('\n').length, 1, 'one line');
      assert.match(result.stdout, new RegExp(`^backup ok: ${copyPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ KB, \\d+ users, integrity_check ok, \\d+ ms\\)`));
      assert.equal(statSync(copyPath).mode & 0o777, 0o600);

      const copy = new Database(copyPath, { readonly: true });
      try {
        assert.deepEqual(copy.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
        const users = countOf(copy, 'users');
        assert.ok(users >= before && users <= after, `${users} users in the copy, between ${before} and ${after}`);
        // Each write adds a user and their progress in one transaction: a consistent snapshot has as many of each.
        assert.equal(countOf(copy, 'progress'), users);
        assert.equal(copy.pragma('user_version', { simple: true }), live.pragma('user_version', { simple: true }));
      } finally {
        copy.close();
      }
    } finally {
      live.close();
      writer.kill('SIGTERM');
      await new Promise((resolve) => writer.once('exit', resolve));
    }
    assert.ok(JSON.parse(writerOutput.split('\n').filter(Boolean).at(-1)!).writes > 0);
  });

  it('writes to the path given, never over an existing file, and fails clearly without a database', async () => {
    const dir = await tempDir();
    const databasePath = join(dir, 'parasol.sqlite');
    openDatabase(databasePath).close();
    const target = join(dir, 'elsewhere', 'copy.sqlite');
    assert.equal(backup(databasePath, target).code, 0);
    assert.equal(statSync(target).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(join(dir, 'elsewhere')), ['copy.sqlite']);
    const again = backup(databasePath, target);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
    const missing = backup(join(dir, 'none.sqlite'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no database at .*none\.sqlite/);
  });
});
