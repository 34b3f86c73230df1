// Versioned schema changes, applied in order at start. PRAGMA user_version
// records how far a database has come. Never edit a migration that shipped:
// add a new one.
import type Database from 'better-sqlite3';

export const MIGRATIONS: string[] = [
  // 1: users and their progress. Only what the features need: the Telegram
  // user id, the chosen language, whether the bot can reach them, progress.
  `CREATE TABLE users (
     id INTEGER PRIMARY KEY,
     language TEXT,
     active INTEGER NOT NULL DEFAULT 1
   ) STRICT;
   CREATE TABLE progress (
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     lesson TEXT NOT NULL,
     position INTEGER NOT NULL DEFAULT 0,
     completed INTEGER NOT NULL DEFAULT 0,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (user_id, lesson)
   ) STRICT;
   CREATE INDEX progress_recent ON progress (user_id, updated_at);`,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) throw new Error(`database schema version ${current} is newer than this Parasol (${MIGRATIONS.length})`);
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
