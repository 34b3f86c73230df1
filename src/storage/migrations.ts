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
  // 2: the lesson of the day. A subscription is a setting (hour, time zone);
  // the deliveries ledger holds one row per subscriber and local date, so a
  // day's lesson is picked once and sent at most once.
  `CREATE TABLE subscriptions (
     user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
     hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
     time_zone TEXT NOT NULL
   ) STRICT;
   CREATE INDEX subscriptions_zone ON subscriptions (time_zone, hour);
   CREATE TABLE deliveries (
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     local_date TEXT NOT NULL,
     lesson TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('pending', 'claimed', 'sent', 'failed', 'uncertain')),
     attempts INTEGER NOT NULL DEFAULT 0,
     due_at INTEGER NOT NULL,
     claimed_by TEXT,
     claimed_at INTEGER,
     sent_at INTEGER,
     message_id INTEGER,
     error TEXT,
     PRIMARY KEY (user_id, local_date)
   ) STRICT;
   CREATE INDEX deliveries_due ON deliveries (state, due_at, user_id);
   CREATE TABLE dispatchers (
     id TEXT PRIMARY KEY,
     heartbeat_at INTEGER NOT NULL
   ) STRICT;
   ALTER TABLE users ADD COLUMN daily_offered INTEGER NOT NULL DEFAULT 0;`,
  // 3: content trees. Ticked checklist items per user (a checklist is named
  // by its tree path, an item by its position); Telegram's file_id of each
  // image already uploaded, by the image's content hash (no personal data).
  `CREATE TABLE checklist_ticks (
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     checklist TEXT NOT NULL,
     item INTEGER NOT NULL,
     ticked_at INTEGER NOT NULL,
     PRIMARY KEY (user_id, checklist, item)
   ) STRICT, WITHOUT ROWID;
   CREATE TABLE photo_files (
     sha256 TEXT PRIMARY KEY,
     file_id TEXT NOT NULL
   ) STRICT;`,
  // 4: bookmarks: lessons a learner saved for later. Only the user id, the
  // lesson's slug and when; /forget removes them with the user.
  `CREATE TABLE bookmarks (
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     lesson TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (user_id, lesson)
   ) STRICT;
   CREATE INDEX bookmarks_recent ON bookmarks (user_id, created_at);`,
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
