// Every query the bot makes, as prepared statements.
import type { Db } from './database.ts';

export interface UserRow {
  id: number;
  language: string | null;
  active: number;
}

export interface ProgressRow {
  lesson: string;
  position: number;
  completed: number;
  updated_at: number;
}

export class Store {
  private readonly statements;

  constructor(
    readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      getUser: db.prepare<[number], UserRow>('SELECT id, language, active FROM users WHERE id = ?'),
      ensureUser: db.prepare<[number]>('INSERT INTO users (id) VALUES (?) ON CONFLICT (id) DO UPDATE SET active = 1'),
      setLanguage: db.prepare<[number, string]>('INSERT INTO users (id, language) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET language = excluded.language, active = 1'),
      setActive: db.prepare<[number, number]>('UPDATE users SET active = ? WHERE id = ?'),
      deleteUser: db.prepare<[number]>('DELETE FROM users WHERE id = ?'),
      getProgress: db.prepare<[number, string], ProgressRow>('SELECT lesson, position, completed, updated_at FROM progress WHERE user_id = ? AND lesson = ?'),
      listProgress: db.prepare<[number], ProgressRow>('SELECT lesson, position, completed, updated_at FROM progress WHERE user_id = ? ORDER BY updated_at DESC, rowid DESC'),
      lastUnfinished: db.prepare<[number], ProgressRow>(
        'SELECT lesson, position, completed, updated_at FROM progress WHERE user_id = ? AND completed = 0 ORDER BY updated_at DESC, rowid DESC LIMIT 1',
      ),
      saveProgress: db.prepare<{ user: number; lesson: string; position: number; completed: number; now: number }>(
        `INSERT INTO progress (user_id, lesson, position, completed, updated_at) VALUES (@user, @lesson, @position, @completed, @now)
         ON CONFLICT (user_id, lesson) DO UPDATE SET
           position = MAX(position, excluded.position),
           completed = MAX(completed, excluded.completed),
           updated_at = excluded.updated_at`,
      ),
      ticks: db.prepare<[number, string], { item: number }>('SELECT item FROM checklist_ticks WHERE user_id = ? AND checklist = ?'),
      tick: db.prepare<[number, string, number, number]>('INSERT OR IGNORE INTO checklist_ticks (user_id, checklist, item, ticked_at) VALUES (?, ?, ?, ?)'),
      untick: db.prepare<[number, string, number]>('DELETE FROM checklist_ticks WHERE user_id = ? AND checklist = ? AND item = ?'),
      allTicks: db.prepare<[number], { checklist: string; item: number }>('SELECT checklist, item FROM checklist_ticks WHERE user_id = ? ORDER BY checklist, item'),
      photoFileId: db.prepare<[string], { file_id: string }>('SELECT file_id FROM photo_files WHERE sha256 = ?'),
      savePhotoFileId: db.prepare<[string, string]>('INSERT INTO photo_files (sha256, file_id) VALUES (?, ?) ON CONFLICT (sha256) DO UPDATE SET file_id = excluded.file_id'),
      restartProgress: db.prepare<[number, number, string]>('UPDATE progress SET position = 0, completed = 0, updated_at = ? WHERE user_id = ? AND lesson = ?'),
    };
  }

  user(id: number): UserRow | undefined {
    return this.statements.getUser.get(id);
  }

  setLanguage(id: number, language: string): void {
    this.statements.setLanguage.run(id, language);
  }

  /** The user can no longer be reached (blocked the bot) or can again. */
  setActive(id: number, active: boolean): void {
    this.statements.setActive.run(active ? 1 : 0, id);
  }

  /** Deletes the user and, by cascade, everything stored about them. */
  forget(id: number): void {
    this.statements.deleteUser.run(id);
  }

  progress(userId: number, lesson: string): ProgressRow | undefined {
    return this.statements.getProgress.get(userId, lesson);
  }

  allProgress(userId: number): ProgressRow[] {
    return this.statements.listProgress.all(userId);
  }

  lastUnfinished(userId: number): ProgressRow | undefined {
    return this.statements.lastUnfinished.get(userId);
  }

  /** Records that the user has been sent `position` messages of a lesson; never moves backwards. */
  recordProgress(userId: number, lesson: string, position: number, completed: boolean): void {
    const write = () => {
      this.statements.ensureUser.run(userId);
      this.statements.saveProgress.run({ user: userId, lesson, position, completed: completed ? 1 : 0, now: this.now() });
    };
    // Inside a caller's transaction (a batch), no savepoint is needed.
    if (this.db.inTransaction) write();
    else this.db.transaction(write)();
  }

  private pendingProgress: Array<{ write: () => void; resolve: () => void; reject: (error: unknown) => void }> = [];

  /**
   * recordProgress, grouped: every call made in the same turn of the event
   * loop shares one transaction (one commit instead of one per message when
   * many learners read at once). Resolves once the progress is on disk.
   */
  recordProgressSoon(userId: number, lesson: string, position: number, completed: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pendingProgress.push({ write: () => this.recordProgress(userId, lesson, position, completed), resolve, reject });
      if (this.pendingProgress.length === 1) setImmediate(() => this.flushProgress());
    });
  }

  private flushProgress(): void {
    const batch = this.pendingProgress;
    this.pendingProgress = [];
    try {
      this.db.transaction(() => batch.forEach((entry) => entry.write()))();
      batch.forEach((entry) => entry.resolve());
    } catch (error) {
      batch.forEach((entry) => entry.reject(error));
    }
  }

  /** Positions of the items the user ticked in a checklist. */
  ticks(userId: number, checklist: string): Set<number> {
    return new Set(this.statements.ticks.all(userId, checklist).map((row) => row.item));
  }

  /** Ticks or unticks an item; returns whether it is ticked now. */
  toggleTick(userId: number, checklist: string, item: number): boolean {
    return this.db.transaction(() => {
      if (this.statements.untick.run(userId, checklist, item).changes > 0) return false;
      this.statements.ensureUser.run(userId);
      this.statements.tick.run(userId, checklist, item, this.now());
      return true;
    })();
  }

  /** The ticked items of every checklist the user has ticked in, by checklist. */
  allTicks(userId: number): Map<string, Set<number>> {
    const byChecklist = new Map<string, Set<number>>();
    for (const { checklist, item } of this.statements.allTicks.all(userId)) {
      if (!byChecklist.has(checklist)) byChecklist.set(checklist, new Set());
      byChecklist.get(checklist)!.add(item);
    }
    return byChecklist;
  }

  /** Telegram's file_id for an image already uploaded, by its content hash. */
  photoFileId(sha256: string): string | undefined {
    return this.statements.photoFileId.get(sha256)?.file_id;
  }

  savePhotoFileId(sha256: string, fileId: string): void {
    this.statements.savePhotoFileId.run(sha256, fileId);
  }

  /** Reading a finished lesson again starts it over. */
  restartLesson(userId: number, lesson: string): void {
    this.statements.restartProgress.run(this.now(), userId, lesson);
  }
}
