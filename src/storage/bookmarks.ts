// Queries of bookmarks: the lessons a learner saved (user id, slug, time).
import type { Db } from './database.ts';

export class BookmarkStore {
  private readonly s;

  constructor(
    readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.s = {
      ensureUser: db.prepare<[number]>('INSERT INTO users (id) VALUES (?) ON CONFLICT (id) DO NOTHING'),
      add: db.prepare<[number, string, number]>('INSERT INTO bookmarks (user_id, lesson, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      remove: db.prepare<[number, string]>('DELETE FROM bookmarks WHERE user_id = ? AND lesson = ?'),
      has: db.prepare<[number, string], { n: number }>('SELECT 1 AS n FROM bookmarks WHERE user_id = ? AND lesson = ?'),
      list: db.prepare<[number], { lesson: string }>('SELECT lesson FROM bookmarks WHERE user_id = ? ORDER BY created_at DESC, rowid DESC'),
    };
  }

  /** Saves a lesson; saving it again changes nothing. True when it was not saved before. */
  add(userId: number, lesson: string): boolean {
    return this.db.transaction(() => {
      this.s.ensureUser.run(userId);
      return this.s.add.run(userId, lesson, this.now()).changes === 1;
    })();
  }

  /** True when it was saved. */
  remove(userId: number, lesson: string): boolean {
    return this.s.remove.run(userId, lesson).changes === 1;
  }

  has(userId: number, lesson: string): boolean {
    return this.s.has.get(userId, lesson) !== undefined;
  }

  /** Saved lessons' slugs, the most recent first. */
  list(userId: number): string[] {
    return this.s.list.all(userId).map((row) => row.lesson);
  }
}
