import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase } from '../../src/storage/database.ts';
import { MIGRATIONS } from '../../src/storage/migrations.ts';
import { Store } from '../../src/storage/store.ts';
import { DailyStore } from '../../src/storage/daily-store.ts';
import { tempDir } from '../helpers/temp.ts';

describe('the database', () => {
  it('is created private, in WAL mode, fully migrated, and reopens without migrating again', async () => {
    const path = join(await tempDir(), 'nested', 'parasol.sqlite');
    const db = openDatabase(path);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    new Store(db).setLanguage(7, 'fr');
    db.close();
    const again = openDatabase(path);
    assert.equal(new Store(again).user(7)?.language, 'fr');
    again.close();
  });

  it('refuses a database from a newer version', async () => {
    const path = join(await tempDir(), 'p.sqlite');
    const db = openDatabase(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    assert.throws(() => openDatabase(path), /newer/);
  });
});

describe('the store', () => {
  it('records progress that never moves backwards, and finds the last unfinished lesson', async () => {
    let now = 1000;
    const db = openDatabase(join(await tempDir(), 'p.sqlite'));
    const store = new Store(db, () => now++);
    store.recordProgress(1, 'a', 2, false);
    store.recordProgress(1, 'a', 1, false);
    assert.equal(store.progress(1, 'a')?.position, 2);
    store.recordProgress(1, 'b', 1, true);
    store.recordProgress(1, 'c', 1, false);
    assert.equal(store.lastUnfinished(1)?.lesson, 'c');
    assert.deepEqual(store.allProgress(1).map((p) => p.lesson), ['c', 'b', 'a']);
    store.restartLesson(1, 'b');
    assert.deepEqual({ ...store.progress(1, 'b') }, { lesson: 'b', position: 0, completed: 0, updated_at: store.progress(1, 'b')!.updated_at });
    db.close();
  });

  it('forgets a user completely, and keeps other users', async () => {
    const db = openDatabase(join(await tempDir(), 'p.sqlite'));
    const store = new Store(db);
    store.setLanguage(1, 'es');
    store.recordProgress(1, 'a', 1, false);
    store.recordProgress(2, 'a', 1, false);
    new DailyStore(db).subscribe(1, 8, 'UTC');
    new DailyStore(db).plan([{ userId: 1, localDate: '2026-11-23', lesson: 'a' }], 0);
    store.forget(1);
    assert.equal(store.user(1), undefined);
    for (const table of ['subscriptions', 'deliveries']) {
      assert.equal((db.prepare(`SELECT count(*) AS n FROM ${table} WHERE user_id = 1`).get() as { n: number }).n, 0, table);
    }
    assert.equal((db.prepare('SELECT count(*) AS n FROM progress WHERE user_id = 1').get() as { n: number }).n, 0);
    assert.ok(store.user(2));
    db.close();
  });

  it('stores only ids, settings, progress and the delivery ledger: no names or texts', async () => {
    const db = openDatabase(join(await tempDir(), 'p.sqlite'));
    const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
    assert.deepEqual(columns('users'), ['id', 'language', 'active', 'daily_offered']);
    assert.deepEqual(columns('progress'), ['user_id', 'lesson', 'position', 'completed', 'updated_at']);
    assert.deepEqual(columns('subscriptions'), ['user_id', 'hour', 'time_zone']);
    assert.deepEqual(columns('deliveries'), ['user_id', 'local_date', 'lesson', 'state', 'attempts', 'due_at', 'claimed_by', 'claimed_at', 'sent_at', 'message_id', 'error']);
    db.close();
  });
});
