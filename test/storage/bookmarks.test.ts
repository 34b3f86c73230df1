import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BookmarkStore } from '../../src/storage/bookmarks.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { Store } from '../../src/storage/store.ts';
import { tempDir } from '../helpers/temp.ts';

describe('bookmarks', () => {
  it('are saved once, listed newest first, kept across a reopen, and removed with the user by /forget', async () => {
    const path = join(await tempDir(), 'p.sqlite');
    let now = 1000;
    const db = openDatabase(path);
    const bookmarks = new BookmarkStore(db, () => now++);
    assert.equal(bookmarks.add(1, 'calls'), true);
    assert.equal(bookmarks.add(1, 'calls'), false, 'saving again changes nothing');
    bookmarks.add(1, 'passwords');
    bookmarks.add(2, 'calls');
    assert.deepEqual(bookmarks.list(1), ['passwords', 'calls']);
    db.close();

    const again = openDatabase(path);
    const reopened = new BookmarkStore(again);
    assert.equal(reopened.has(1, 'calls'), true);
    assert.equal(reopened.remove(1, 'passwords'), true);
    assert.equal(reopened.remove(1, 'passwords'), false);
    new Store(again).forget(1);
    assert.deepEqual(reopened.list(1), []);
    assert.deepEqual(reopened.list(2), ['calls'], 'other users keep theirs');
    const columns = (again.prepare("SELECT name FROM pragma_table_info('bookmarks')").all() as Array<{ name: string }>).map((c) => c.name);
    assert.deepEqual(columns, ['user_id', 'lesson', 'created_at'], 'nothing but the user id, the lesson and the time');
    again.close();
  });
});
