// The playground's model: simulated users and, for each, their private chat
// with the bot as Telegram would show it. Built from the fake Bot API's log:
// what users sent, what the bot sent (in its current state after edits), what
// Telegram refused and why, and the answers to button taps.
import type { BotCommand, InlineKeyboardButton, Message, MessageEntity } from 'grammy/types';
import type { FakeBotApi, FakeUser, LogEntry } from './fake-bot-api.ts';

export interface PlaygroundUser {
  id: number;
  first_name: string;
  language_code: string;
}

export interface KeyboardButton {
  text: string;
  url?: string;
  callback_data?: string;
  /** a kind of button the playground cannot act on (web_app, login_url, …) */
  other?: string;
}

export type ChatItem =
  | { kind: 'user'; key: string; id: number; date: number; text: string; entities: MessageEntity[] }
  | {
      kind: 'bot';
      key: string;
      id: number;
      date: number;
      edited: boolean;
      text: string;
      entities: MessageEntity[];
      photo?: { src?: string; width: number; height: number };
      keyboard?: KeyboardButton[][];
    }
  | { kind: 'refused'; key: string; date: number; method: string; error: string; text?: string; parse_mode?: string; message_id?: number }
  /** the user's Telegram app changed its language (language_code) */
  | { kind: 'service'; key: string; date: number; language_code: string };

export interface Notice {
  seq: number;
  text: string;
  show_alert: boolean;
}

export interface ChatState {
  version: number;
  user: PlaygroundUser;
  commands: BotCommand[];
  items: ChatItem[];
  /** answers to button taps that Telegram shows as a toast or an alert */
  notices: Notice[];
  /** callback buttons tapped and not answered yet (Telegram shows a spinner) */
  pending: Array<{ message_id: number; data: string }>;
}

type Entry =
  | { kind: 'user'; id: number; date: number; text: string; entities: MessageEntity[] }
  | { kind: 'bot'; id: number; date: number }
  | Extract<ChatItem, { kind: 'refused' | 'service' }>;

interface Query {
  chatId: number;
  messageId: number;
  data: string;
  at: number;
  answered: boolean;
}

const FIRST_USER_ID = 1001;
const NAMES = ['Ana', 'Bilal', 'Chen', 'Dana', 'Emil', 'Farah', 'Goran', 'Hana', 'Ivan', 'Jamila', 'Kofi', 'Lena'];
/** The page shows the latest messages of a chat, this many. */
const MAX_ITEMS = 500;
/** How long a tapped button spins when the bot never answers (Telegram gives up too). */
const PENDING_MS = 15_000;
const MESSAGE_METHODS = new Set(['sendMessage', 'sendPhoto', 'editMessageText', 'editMessageReplyMarkup', 'editMessageCaption', 'deleteMessage', 'answerCallbackQuery', 'sendChatAction']);

export class Playground {
  private readonly users = new Map<number, PlaygroundUser>();
  private readonly timelines = new Map<number, Entry[]>();
  private readonly notices = new Map<number, Notice[]>();
  private readonly queries = new Map<string, Query>();
  private processed = 0;
  private seq = 0;
  private versionNumber = 0;
  private readonly waiters = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(
    readonly api: FakeBotApi,
    private readonly defaultLanguage = 'en',
  ) {
    this.unsubscribe = api.onChange(() => this.catchUp());
  }

  get version(): number {
    return this.versionNumber;
  }

  close(): void {
    this.unsubscribe();
    for (const wake of [...this.waiters]) wake();
  }

  // ─────────── users ───────────

  listUsers(): PlaygroundUser[] {
    return [...this.users.values()];
  }

  user(id: number): PlaygroundUser | undefined {
    return this.users.get(id);
  }

  addUser(fields: { first_name?: string; language_code?: string } = {}): PlaygroundUser {
    const id = FIRST_USER_ID + this.users.size;
    const user: PlaygroundUser = {
      id,
      first_name: cleanName(fields.first_name) ?? NAMES[this.users.size % NAMES.length]!,
      language_code: cleanLanguage(fields.language_code) ?? this.defaultLanguage,
    };
    this.users.set(id, user);
    this.api.addUser(this.fakeUser(user));
    this.bump();
    return { ...user };
  }

  /** Changes what the user's Telegram app reports (language_code travels with every update). */
  updateUser(id: number, fields: { first_name?: string; language_code?: string }): PlaygroundUser {
    const user = this.requireUser(id);
    const name = cleanName(fields.first_name);
    if (name) user.first_name = name;
    const language = cleanLanguage(fields.language_code);
    if (language && language !== user.language_code) {
      user.language_code = language;
      this.timeline(id).push({ kind: 'service', key: `s${++this.seq}`, date: nowSeconds(), language_code: language });
    }
    this.bump();
    return { ...user };
  }

  // ─────────── acting ───────────

  sendText(userId: number, text: string): void {
    const user = this.requireUser(userId);
    this.api.sendText(this.fakeUser(user), text);
  }

  /** Taps a callback button; throws if the message no longer has it. */
  pressButton(userId: number, messageId: number, data: string): void {
    const user = this.requireUser(userId);
    const update = this.api.pressButton(this.fakeUser(user), messageId, data);
    const id = update.callback_query?.id;
    if (id) this.queries.set(id, { chatId: userId, messageId, data, at: Date.now(), answered: false });
    this.bump();
  }

  // ─────────── reading ───────────

  chat(userId: number): ChatState {
    const user = this.requireUser(userId);
    this.catchUp();
    const items: ChatItem[] = [];
    for (const entry of this.timeline(userId).slice(-MAX_ITEMS)) {
      if (entry.kind === 'user') {
        items.push({ ...entry, key: `u${entry.id}` });
      } else if (entry.kind === 'bot') {
        const item = this.botItem(userId, entry.id);
        if (item) items.push(item);
      } else {
        items.push(entry);
      }
    }
    const now = Date.now();
    const pending = [...this.queries.values()]
      .filter((q) => q.chatId === userId && !q.answered && now - q.at < PENDING_MS)
      .map((q) => ({ message_id: q.messageId, data: q.data }));
    return { version: this.versionNumber, user: { ...user }, commands: this.commandsFor(user), items, notices: this.notices.get(userId) ?? [], pending };
  }

  /** Resolves once the version is past `after`, or after `timeoutMs`. */
  waitForChange(after: number, timeoutMs: number): Promise<void> {
    this.catchUp();
    if (this.versionNumber > after) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
  }

  // ─────────── internals ───────────

  private commandsFor(user: PlaygroundUser): BotCommand[] {
    const scope = { type: 'default' };
    const base = user.language_code.split('-')[0] ?? '';
    return this.api.myCommands(scope, base) ?? this.api.myCommands(scope, '') ?? [];
  }

  private botItem(chatId: number, messageId: number): ChatItem | undefined {
    const view = this.api.botMessage(chatId, messageId);
    if (!view || view.deleted) return undefined;
    const message = view.message;
    const photo = message.photo?.[message.photo.length - 1];
    const file = photo ? this.api.file(photo.file_id) : undefined;
    const src = file?.data ? `/api/file/${encodeURIComponent(photo!.file_id)}` : file?.url;
    const keyboard = view.reply_markup?.inline_keyboard.map((row) => row.map(toButton));
    return {
      kind: 'bot',
      key: `b${messageId}`,
      id: messageId,
      date: message.date,
      edited: view.edited,
      text: view.plainText,
      entities: view.entities,
      ...(photo ? { photo: { ...(src ? { src } : {}), width: photo.width, height: photo.height } } : {}),
      ...(keyboard && keyboard.length ? { keyboard } : {}),
    };
  }

  /** Reads the fake API's log from where it stopped. */
  private catchUp(): void {
    const log = this.api.log;
    if (this.processed >= log.length) {
      this.expirePending();
      return;
    }
    for (; this.processed < log.length; this.processed++) this.take(log[this.processed]!);
    this.bump();
  }

  private take(entry: LogEntry): void {
    if (entry.dir === 'in') {
      const message = entry.update.message;
      if (message && message.chat.type === 'private' && this.users.has(message.chat.id)) {
        this.timeline(message.chat.id).push({
          kind: 'user',
          id: message.message_id,
          date: message.date,
          text: message.text ?? message.caption ?? '',
          entities: message.entities ?? message.caption_entities ?? [],
        });
      }
      return;
    }
    const { call } = entry;
    if (call.method === 'answerCallbackQuery') {
      const query = typeof call.payload.callback_query_id === 'string' ? this.queries.get(call.payload.callback_query_id) : undefined;
      if (query && call.ok) {
        query.answered = true;
        const text = call.payload.text;
        if (typeof text === 'string' && text !== '') {
          const list = this.notices.get(query.chatId) ?? [];
          list.push({ seq: ++this.seq, text, show_alert: call.payload.show_alert === true });
          this.notices.set(query.chatId, list.slice(-20));
        }
        return;
      }
    }
    const chatId = entry.chatId ?? (typeof call.payload.callback_query_id === 'string' ? this.queries.get(call.payload.callback_query_id)?.chatId : undefined);
    if (chatId === undefined || !this.users.has(chatId)) return;
    if (call.ok) {
      if (call.method === 'sendMessage' || call.method === 'sendPhoto') {
        const message = (call.response as { result: Message }).result;
        this.timeline(chatId).push({ kind: 'bot', id: message.message_id, date: message.date });
      }
      return;
    }
    if (!MESSAGE_METHODS.has(call.method)) return;
    const description = call.error?.description ?? 'unknown error';
    // The bot edits keyboards optimistically and ignores this answer on purpose.
    if (description.includes('message is not modified')) return;
    const text = call.payload.text ?? call.payload.caption;
    const parseMode = call.payload.parse_mode;
    const messageId = call.payload.message_id;
    this.timeline(chatId).push({
      kind: 'refused',
      key: `r${call.seq}`,
      date: Math.floor(call.at / 1000),
      method: call.method,
      error: `${call.error?.error_code ?? ''} ${description}`.trim(),
      ...(typeof text === 'string' ? { text } : {}),
      ...(typeof parseMode === 'string' ? { parse_mode: parseMode } : {}),
      ...(typeof messageId === 'number' ? { message_id: messageId } : {}),
    });
  }

  private expirePending(): void {
    const now = Date.now();
    for (const [id, query] of this.queries) {
      if (now - query.at > 10 * 60_000) this.queries.delete(id);
    }
  }

  private bump(): void {
    this.versionNumber++;
    for (const wake of [...this.waiters]) wake();
  }

  private timeline(chatId: number): Entry[] {
    let list = this.timelines.get(chatId);
    if (!list) {
      list = [];
      this.timelines.set(chatId, list);
    }
    return list;
  }

  private requireUser(id: number): PlaygroundUser {
    const user = this.users.get(id);
    if (!user) throw new PlaygroundError(404, `no simulated user ${id}`);
    return user;
  }

  private fakeUser(user: PlaygroundUser): FakeUser {
    return { id: user.id, first_name: user.first_name, language_code: user.language_code };
  }
}

export class PlaygroundError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function toButton(button: InlineKeyboardButton): KeyboardButton {
  if ('url' in button && typeof button.url === 'string') return { text: button.text, url: button.url };
  if ('callback_data' in button && typeof button.callback_data === 'string') return { text: button.text, callback_data: button.callback_data };
  const kind = Object.keys(button).find((key) => key !== 'text') ?? 'unknown';
  return { text: button.text, other: kind };
}

function cleanName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.replace(/\s+/g, ' ').trim().slice(0, 64);
  return name || undefined;
}

function cleanLanguage(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim();
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(code) ? code : undefined;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
