// A fake Telegram Bot API server, for the end-to-end tests and the playground
// (`npm start` without BOT_TOKEN): the real bot is pointed at it with
// `new Bot(token, { client: { apiRoot: api.apiRoot } })`. It validates requests
// the way Telegram does (MarkdownV2 via TDLib, inline keyboard limits, unknown
// chats), stores the bot's messages so edits can be checked, lets tests act as
// users, and injects faults (blocked users, 429s). Without TDLib (a production
// install has no dev dependencies) MarkdownV2 is read by a built-in parser and
// only measured, not refused: see `validation`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  BotCommand,
  Chat,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  ResponseParameters,
  Update,
  User,
} from 'grammy/types';
import { parseMarkdownV2, telegramParserAvailable } from '../cli/telegram-check.ts';
import { markdownV2PlainText } from '../content/telegram-text.ts';
import { parseMarkdownV2Lite } from './markdown-v2.ts';

// ───────────────────────────── public types ─────────────────────────────

export interface FakeBotApiOptions {
  /** Token the bot must use; any other token gets 401. Default '123:TEST'. */
  token?: string;
  /** Default 'parasol_test_bot'. */
  botUsername?: string;
  /** Validate texts and keyboards like Telegram. Default true. */
  validate?: boolean;
  /**
   * Who reads MarkdownV2: 'telegram' (TDLib, Telegram's own parser; throws if
   * it is not installed) or 'builtin' (accepts every text, measures it, and
   * finds its entities as well as it can). Default: 'telegram' when TDLib is
   * installed, else 'builtin'.
   */
  markdownParser?: 'telegram' | 'builtin';
  /** Keep the bytes of uploaded photos, for `file()`. Default false. */
  keepFiles?: boolean;
}

/** A photo the bot sent: its bytes when uploaded (and kept), or the URL it gave. */
export interface StoredFile {
  data?: Buffer;
  contentType?: string;
  url?: string;
}

/** A user the test acts as. */
export interface FakeUser {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface ApiErrorBody {
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

export type ApiResponse = { ok: true; result: unknown } | ({ ok: false } & ApiErrorBody);

export type Payload = Record<string, unknown>;

export interface RecordedFile {
  /** multipart field name (grammY uses a random id referenced as attach://id) */
  field: string;
  filename: string;
  contentType?: string;
  size: number;
}

/** One HTTP request the bot made, with the answer it got. */
export interface RecordedCall {
  /** index in `api.calls` */
  seq: number;
  /** canonical method name, e.g. 'sendMessage' (Telegram's names are case-insensitive) */
  method: string;
  payload: Payload;
  files: RecordedFile[];
  /** Date.now() when the request arrived */
  at: number;
  /** HTTP status */
  status: number;
  ok: boolean;
  response: ApiResponse;
  error?: ApiErrorBody;
  /** chat the call was addressed to, when it has one */
  chatId?: number;
}

/** The current state of a message the bot sent (after edits). */
export interface BotMessage {
  chat_id: number;
  message_id: number;
  kind: 'text' | 'photo';
  /** text (or caption) exactly as the bot sent it, e.g. MarkdownV2 source */
  text: string;
  parse_mode?: string;
  /** entities as Telegram reports them (Bot API format) */
  entities: MessageEntity[];
  /** text as the user sees it (parsed by TDLib when parse_mode is MarkdownV2) */
  plainText: string;
  reply_markup?: InlineKeyboardMarkup;
  edited: boolean;
  deleted: boolean;
  /** the Message object as Telegram would return it */
  message: Message;
}

export type LogEntry =
  | { dir: 'in'; at: number; chatId?: number; updateId: number; type: string; update: Update }
  | {
      dir: 'out';
      at: number;
      chatId?: number;
      method: string;
      ok: boolean;
      error_code?: number;
      description?: string;
      messageId?: number;
      call: RecordedCall;
    };

export interface FakeBotApiStats {
  requests: number;
  tooManyRequests: number;
  forbidden: number;
  badRequests: number;
}

export type ButtonSelector = string | { text: string };

// ───────────────────────────── internals ─────────────────────────────

class ApiError extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }
  toBody(): ApiErrorBody {
    return {
      error_code: this.error_code,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

const bad = (description: string) => new ApiError(400, `Bad Request: ${description}`);

const ERR_NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
const ERR_QUERY_INVALID = 'query is too old and response timeout expired or query ID is invalid';

interface StoredMessage {
  message: Message;
  fromBot: boolean;
  kind: 'text' | 'photo';
  source: string;
  parse_mode?: string;
  plainText: string;
  entities: MessageEntity[];
  edited: boolean;
  deleted: boolean;
}

interface ChatState {
  chat: Chat;
  nextMessageId: number;
  messages: Map<number, StoredMessage>;
  /** `api.calls.length` when the last update from this chat was enqueued */
  lastInputMark: number;
}

interface FormattedText {
  source: string;
  parse_mode?: string;
  plainText: string;
  entities: MessageEntity[];
}

interface Waiter {
  check(): void;
  abort(error: Error): void;
}

interface HeldPoll {
  wake(): void;
  supersede(): void;
}

interface QueryState {
  answered: boolean;
}

type Handler = (payload: Payload, files: RecordedFile[], signal: AbortSignal, contents: Map<string, Buffer>) => unknown;

// Methods that deliver or change messages: subject to rate limiting.
const MESSAGING_METHODS = new Set([
  'sendMessage',
  'sendPhoto',
  'editMessageText',
  'editMessageReplyMarkup',
  'deleteMessage',
]);
const SENDING_METHODS = new Set(['sendMessage', 'sendPhoto']);

// Fields that arrive JSON-serialized (or as plain strings) in form-data / query strings.
const JSON_FIELDS = new Set([
  'reply_markup',
  'entities',
  'caption_entities',
  'allowed_updates',
  'commands',
  'scope',
  'results',
  'link_preview_options',
  'reply_parameters',
  'button',
]);
const NUMBER_FIELDS = new Set(['message_id', 'offset', 'limit', 'timeout', 'cache_time', 'message_thread_id']);
const BOOLEAN_FIELDS = new Set([
  'show_alert',
  'drop_pending_updates',
  'disable_notification',
  'protect_content',
  'is_personal',
  'show_caption_above_media',
  'has_spoiler',
]);

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

const BUTTON_ACTION_FIELDS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
  'disabled',
] as const;

const TDLIB_ENTITY_TYPES: Record<string, MessageEntity['type']> = {
  textEntityTypeBold: 'bold',
  textEntityTypeItalic: 'italic',
  textEntityTypeUnderline: 'underline',
  textEntityTypeStrikethrough: 'strikethrough',
  textEntityTypeSpoiler: 'spoiler',
  textEntityTypeCode: 'code',
  textEntityTypePre: 'pre',
  textEntityTypePreCode: 'pre',
  textEntityTypeTextUrl: 'text_link',
  textEntityTypeMentionName: 'text_mention',
  textEntityTypeCustomEmoji: 'custom_emoji',
  textEntityTypeBlockQuote: 'blockquote',
  textEntityTypeExpandableBlockQuote: 'expandable_blockquote',
  textEntityTypeUrl: 'url',
  textEntityTypeMention: 'mention',
  textEntityTypeHashtag: 'hashtag',
  textEntityTypeCashtag: 'cashtag',
  textEntityTypeBotCommand: 'bot_command',
  textEntityTypeEmailAddress: 'email',
  textEntityTypePhoneNumber: 'phone_number',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON.stringify with sorted keys, so equal objects compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function toUser(user: FakeUser): User {
  return {
    id: user.id,
    is_bot: false,
    first_name: user.first_name ?? `User ${user.id}`,
    ...(user.last_name !== undefined ? { last_name: user.last_name } : {}),
    ...(user.username !== undefined ? { username: user.username } : {}),
    ...(user.language_code !== undefined ? { language_code: user.language_code } : {}),
  };
}

function privateChat(user: FakeUser): Chat {
  return {
    id: user.id,
    type: 'private',
    first_name: user.first_name ?? `User ${user.id}`,
    ...(user.last_name !== undefined ? { last_name: user.last_name } : {}),
    ...(user.username !== undefined ? { username: user.username } : {}),
  };
}

/**
 * TDLib's answer for a text, remembered: a broadcast sends the same few texts
 * thousands of times, and parsing is deterministic.
 */
const parseMemo = new Map<string, ReturnType<typeof parseMarkdownV2>>();
function parseMarkdownV2Memo(source: string): ReturnType<typeof parseMarkdownV2> {
  let parsed = parseMemo.get(source);
  if (!parsed) {
    parsed = parseMarkdownV2(source);
    if (parseMemo.size >= 512) parseMemo.delete(parseMemo.keys().next().value!);
    parseMemo.set(source, parsed);
  }
  return parsed;
}

/** TDLib's entities in the Bot API's form. */
export function tdlibEntitiesToBotApi(entities: Array<{ offset: number; length: number; type: { _: string } }>): MessageEntity[] {
  return entities.flatMap((e) => {
    const t = e.type as { _: string; url?: string; language?: string; user_id?: number; custom_emoji_id?: string };
    const type = TDLIB_ENTITY_TYPES[t._];
    if (type === undefined) return [];
    const entity: Record<string, unknown> = { type, offset: e.offset, length: e.length };
    if (t.url !== undefined) entity.url = t.url;
    if (t.language) entity.language = t.language;
    if (t.user_id !== undefined) entity.user = { id: t.user_id, is_bot: false, first_name: '' };
    if (t.custom_emoji_id !== undefined) entity.custom_emoji_id = t.custom_emoji_id;
    return [entity as unknown as MessageEntity];
  });
}

function coerceField(key: string, value: string): unknown {
  if (JSON_FIELDS.has(key)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (NUMBER_FIELDS.has(key) || key === 'chat_id') return /^-?\d+$/.test(value) ? Number(value) : value;
  if (BOOLEAN_FIELDS.has(key)) return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/** A Content-Disposition parameter, quoted (curl) or not (grammY). */
function dispositionParam(headers: string, param: string): string | undefined {
  const match = new RegExp(`[;:\\s]${param}=(?:"([^"]*)"|([^;\\r\\n]*))`, 'i').exec(headers);
  return match ? (match[1] ?? match[2] ?? '').trim() : undefined;
}

/** Minimal multipart/form-data parser: string fields are kept, files measured (and their bytes returned apart). */
function parseMultipart(body: Buffer, boundary: string): { fields: Payload; files: RecordedFile[]; contents: Map<string, Buffer> } {
  const fields: Payload = {};
  const files: RecordedFile[] = [];
  const contents = new Map<string, Buffer>();
  // latin1 maps bytes 1:1 to chars, so splitting cannot corrupt UTF-8 sequences.
  const raw = body.toString('latin1');
  for (const part of raw.split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const headers = part.slice(0, headerEnd);
    let content = part.slice(headerEnd + 4);
    if (content.endsWith('\r\n')) content = content.slice(0, -2);
    const name = dispositionParam(headers, 'name');
    if (name === undefined) continue;
    const filename = dispositionParam(headers, 'filename');
    if (filename !== undefined) {
      const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
      files.push({ field: name, filename, size: content.length, ...(contentType ? { contentType } : {}) });
      contents.set(name, Buffer.from(content, 'latin1'));
    } else {
      fields[name] = coerceField(name, Buffer.from(content, 'latin1').toString('utf8'));
    }
  }
  return { fields, files, contents };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// ───────────────────────────── the server ─────────────────────────────

export class FakeBotApi {
  readonly apiRoot: string;
  readonly token: string;
  readonly botUser: User;
  /** Toggle Telegram-like validation at any time. */
  validate: boolean;
  /** Every request in the order it was answered, failed ones included. */
  readonly calls: RecordedCall[] = [];
  /** Chronological log of updates delivered to the bot and its calls (getUpdates excluded). */
  readonly log: LogEntry[] = [];
  readonly stats: FakeBotApiStats = { requests: 0, tooManyRequests: 0, forbidden: 0, badRequests: 0 };
  /**
   * 'telegram': MarkdownV2 is parsed and refused exactly as Telegram does (TDLib).
   * 'reduced': TDLib is not installed; texts are measured, not refused for their markup.
   */
  readonly validation: 'telegram' | 'reduced';

  private readonly server: http.Server;
  private closed = false;
  private readonly handlers = new Map<string, { name: string; handle: Handler }>();
  private readonly chats = new Map<number, ChatState>();
  private readonly blocked = new Set<number>();
  /** unconfirmed updates, oldest first */
  private queue: Update[] = [];
  private nextUpdateId = 1;
  private nextQueryId = 1;
  private nextFileId = 1;
  private heldPoll: HeldPoll | undefined;
  private readonly callbackQueries = new Map<string, QueryState>();
  private readonly inlineQueries = new Map<string, QueryState>();
  private readonly commands = new Map<string, BotCommand[]>();
  private webhookUrl = '';
  private readonly waiters = new Set<Waiter>();
  private readonly injected = new Map<string, Array<{ error: ApiErrorBody; remaining: number }>>();
  private readonly keepFiles: boolean;
  private readonly files = new Map<string, StoredFile>();
  private readonly listeners = new Set<() => void>();
  private bucket: { perSecond: number; capacity: number; tokens: number; refilledAt: number; penaltyUntil: number } | undefined;

  private constructor(server: http.Server, port: number, options: FakeBotApiOptions) {
    this.server = server;
    this.apiRoot = `http://127.0.0.1:${port}`;
    this.token = options.token ?? '123:TEST';
    this.validate = options.validate ?? true;
    const parser = options.markdownParser ?? (telegramParserAvailable() ? 'telegram' : 'builtin');
    this.validation = parser === 'telegram' ? 'telegram' : 'reduced';
    this.keepFiles = options.keepFiles ?? false;
    const botId = Number(this.token.split(':')[0]);
    this.botUser = {
      id: Number.isSafeInteger(botId) && botId > 0 ? botId : 123,
      is_bot: true,
      first_name: 'Parasol',
      username: options.botUsername ?? 'parasol_test_bot',
    };
    this.registerHandlers();
    server.on('request', (req, res) => void this.onRequest(req, res));
  }

  /** @internal use startFakeBotApi */
  static async listen(options: FakeBotApiOptions): Promise<FakeBotApi> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new FakeBotApi(server, port, options);
  }

  // ─────────── acting as users ───────────

  /** Makes a user known (as if they had started the bot) without sending an update. */
  addUser(user: FakeUser): void {
    this.ensureChat(privateChat(user));
  }

  /** A user sends a private text message; a leading /command gets a bot_command entity. */
  sendText(user: FakeUser, text: string): Update {
    const state = this.ensureChat(privateChat(user));
    const command = /^\/\S+/.exec(text)?.[0];
    const message: Message = {
      message_id: state.nextMessageId++,
      from: toUser(user),
      chat: state.chat,
      date: nowSeconds(),
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
    };
    state.messages.set(message.message_id, {
      message,
      fromBot: false,
      kind: 'text',
      source: text,
      plainText: text,
      entities: message.entities ?? [],
      edited: false,
      deleted: false,
    });
    return this.sendUpdate({ message: message as Update['message'] });
  }

  /**
   * A user presses an inline button on a bot message in their private chat.
   * `button` is the callback_data, or `{ text }` to pick a button by its label.
   * Throws if the message (in its current state) has no such callback button.
   */
  pressButton(user: FakeUser, message: number | { message_id: number }, button: ButtonSelector): Update {
    const state = this.ensureChat(privateChat(user));
    const messageId = typeof message === 'number' ? message : message.message_id;
    const stored = state.messages.get(messageId);
    if (!stored || !stored.fromBot || stored.deleted) {
      throw new Error(`pressButton: no bot message ${messageId} in chat ${user.id}`);
    }
    const buttons = (stored.message.reply_markup?.inline_keyboard ?? []).flat();
    const found = buttons.find((b) =>
      typeof button === 'string'
        ? 'callback_data' in b && b.callback_data === button
        : b.text === button.text && 'callback_data' in b,
    );
    if (!found || !('callback_data' in found)) {
      const available = buttons.map((b) => `${JSON.stringify(b.text)}→${'callback_data' in b ? b.callback_data : '(no data)'}`);
      throw new Error(
        `pressButton: message ${messageId} has no callback button ${JSON.stringify(button)}; buttons: ${available.join(', ') || 'none'}`,
      );
    }
    return this.sendUpdate({
      callback_query: {
        id: this.newQueryId(),
        from: toUser(user),
        message: structuredClone(stored.message),
        chat_instance: String(state.chat.id),
        data: found.callback_data,
      },
    });
  }

  /** Enqueues any update (group messages, channel posts, inline queries…); update_id is assigned if missing. */
  sendUpdate(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    if (this.closed) throw new Error('fake Bot API is closed');
    const updateId = update.update_id ?? this.nextUpdateId;
    this.nextUpdateId = Math.max(this.nextUpdateId, updateId + 1);
    const full = { ...update, update_id: updateId } as Update;

    let chatId: number | undefined;
    const msg = full.message ?? full.edited_message ?? full.channel_post ?? full.edited_channel_post;
    if (msg) {
      chatId = this.ensureChat(msg.chat).chat.id;
    }
    if (full.callback_query) {
      this.callbackQueries.set(full.callback_query.id, { answered: false });
      const cbMessage = full.callback_query.message;
      if (cbMessage) chatId = this.ensureChat(cbMessage.chat).chat.id;
    }
    if (full.inline_query) this.inlineQueries.set(full.inline_query.id, { answered: false });
    if (chatId !== undefined) {
      const state = this.chats.get(chatId);
      if (state) state.lastInputMark = this.calls.length;
    }

    this.queue.push(full);
    const type = Object.keys(full).find((k) => k !== 'update_id') ?? 'unknown';
    this.log.push({ dir: 'in', at: Date.now(), updateId, type, update: full, ...(chatId !== undefined ? { chatId } : {}) });
    this.heldPoll?.wake();
    this.notify();
    return full;
  }

  /** Sends a text as the user and waits for `count` bot messages in reply. */
  async say(user: FakeUser, text: string, count = 1, timeoutMs = 10_000): Promise<BotMessage[]> {
    this.sendText(user, text);
    return this.waitForMessages(user.id, count, timeoutMs);
  }

  /** A user types "@bot <query>" in any chat: an inline_query update. */
  sendInlineQuery(user: FakeUser, query: string, offset = ''): Update {
    return this.sendUpdate({ inline_query: { id: this.newQueryId(), from: toUser(user), query, offset, chat_type: 'sender' } });
  }

  /**
   * Sends an inline query and resolves with the bot's answer (its results
   * and next_offset); rejects with Telegram's error when the answer was refused.
   */
  async inlineQuery(user: FakeUser, query: string, offset = '', timeoutMs = 10_000): Promise<{ results: Payload[]; next_offset: string }> {
    const update = this.sendInlineQuery(user, query, offset);
    const call = await this.waitFor((c) => c.method === 'answerInlineQuery' && c.payload.inline_query_id === update.inline_query!.id, timeoutMs);
    if (!call.ok) throw new Error(`answerInlineQuery refused: ${call.error?.description}`);
    return { results: call.payload.results as Payload[], next_offset: typeof call.payload.next_offset === 'string' ? call.payload.next_offset : '' };
  }

  // ─────────── fault injection ───────────

  blockUser(userId: number): void {
    this.blocked.add(userId);
  }

  unblockUser(userId: number): void {
    this.blocked.delete(userId);
  }

  /**
   * Global token bucket over all message-sending/editing calls; pass false to
   * turn it off. Over the limit, calls get 429 with retry_after, and every
   * call until that time has passed gets 429 too (as Telegram's flood wait).
   */
  rateLimit(limit: { perSecond?: number; burst?: number } | false = {}): void {
    if (limit === false) {
      this.bucket = undefined;
      return;
    }
    const perSecond = limit.perSecond ?? 30;
    const capacity = limit.burst ?? Math.max(1, perSecond);
    this.bucket = { perSecond, capacity, tokens: capacity, refilledAt: Date.now(), penaltyUntil: 0 };
  }

  /** The next `times` calls of `method` fail with `error` (before any other check). */
  failNext(method: string, error: ApiErrorBody, times = 1): void {
    const key = method.toLowerCase();
    const list = this.injected.get(key) ?? [];
    list.push({ error, remaining: times });
    this.injected.set(key, list);
  }

  // ─────────── inspection ───────────

  /** The bot's messages in a chat, current state after edits, deleted ones left out. */
  messagesTo(chatId: number): BotMessage[] {
    const state = this.chats.get(chatId);
    if (!state) return [];
    return [...state.messages.values()]
      .filter((m) => m.fromBot && !m.deleted)
      .map((m) => this.view(m));
  }

  /** The current state of one bot message (deleted ones included). */
  botMessage(chatId: number, messageId: number): BotMessage | undefined {
    const stored = this.chats.get(chatId)?.messages.get(messageId);
    return stored?.fromBot ? this.view(stored) : undefined;
  }

  /** Successful sendMessage/sendPhoto calls per chat, for "exactly one message per user". */
  sentCountByChat(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const entry of this.log) {
      if (entry.dir === 'out' && entry.ok && entry.chatId !== undefined && SENDING_METHODS.has(entry.method)) {
        counts.set(entry.chatId, (counts.get(entry.chatId) ?? 0) + 1);
      }
    }
    return counts;
  }

  /** Commands set with setMyCommands for a scope and language ('' = all languages). */
  myCommands(scope: Record<string, unknown> = { type: 'default' }, languageCode = ''): BotCommand[] | undefined {
    return this.commands.get(commandsKey(scope, languageCode));
  }

  /** Calls `listener` after every update enqueued and every call answered; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A photo the bot sent, by the file_id in its message (kept only with `keepFiles`). */
  file(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  /** Updates not yet confirmed by the bot. */
  get pendingUpdates(): number {
    return this.queue.length;
  }

  /** True while a long-poll getUpdates is being held, i.e. the bot is waiting for updates. */
  get isPolling(): boolean {
    return this.heldPoll !== undefined;
  }

  /**
   * Resolves when every update has been confirmed and the bot is long polling
   * again. With grammY's bot.start() (sequential), that means all updates were
   * fully handled; with @grammyjs/runner it only means they were fetched.
   */
  waitForIdle(timeoutMs = 10_000): Promise<void> {
    return this.waitUntil(() => this.queue.length === 0 && this.heldPoll !== undefined, timeoutMs);
  }

  /** A cursor into `calls`, to wait only for calls made from now on. */
  mark(): number {
    return this.calls.length;
  }

  // ─────────── waiting ───────────

  /** Resolves with the first call (from index `since`) matching `predicate`, past or future. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 10_000, since = 0): Promise<RecordedCall> {
    return this.until(
      () => {
        for (let i = since; i < this.calls.length; i++) {
          const call = this.calls[i];
          if (call && predicate(call)) return call;
        }
        return undefined;
      },
      timeoutMs,
      `a call matching ${predicate.toString().slice(0, 200)}`,
    );
  }

  /** Resolves once `condition()` is true; re-checked whenever a call or update is recorded. */
  async waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    await this.until(() => (condition() ? true : undefined), timeoutMs, `condition ${condition.toString().slice(0, 200)}`);
  }

  /**
   * Resolves with the first `count` messages the bot successfully sent to the
   * chat since `since` (default: when the chat's latest update was enqueued),
   * in their current state.
   */
  waitForMessages(chatId: number, count = 1, timeoutMs = 10_000, since?: number): Promise<BotMessage[]> {
    const from = since ?? this.chats.get(chatId)?.lastInputMark ?? 0;
    return this.until(
      () => {
        const found: BotMessage[] = [];
        for (let i = from; i < this.calls.length && found.length < count; i++) {
          const call = this.calls[i];
          if (!call?.ok || call.chatId !== chatId || !SENDING_METHODS.has(call.method)) continue;
          const { message_id } = (call.response as { result: Message }).result;
          const view = this.botMessage(chatId, message_id);
          if (view) found.push(view);
        }
        return found.length >= count ? found : undefined;
      },
      timeoutMs,
      `${count} message(s) to chat ${chatId} since call #${from}`,
    );
  }

  // ─────────── lifecycle ───────────

  /** Answers held long polls with [], rejects pending waits, and closes the server. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.heldPoll?.wake();
    for (const waiter of [...this.waiters]) waiter.abort(new Error('fake Bot API closed while waiting'));
    // Responses sent from now on carry `connection: close`, so the sockets of
    // requests still in flight (the woken long polls) close once answered;
    // idle keep-alive sockets are closed right away. Anything else still open
    // after a second is cut.
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => this.server.closeAllConnections(), 1000);
      this.server.close(() => {
        clearTimeout(force);
        resolve();
      });
      this.server.closeIdleConnections();
    });
  }

  // ─────────── HTTP ───────────

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = Date.now();
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const send = (status: number, body: ApiResponse) => {
      if (res.destroyed) return;
      const json = JSON.stringify(body);
      // Like Telegram's servers: a Content-Length, not a chunked body.
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), ...(this.closed ? { connection: 'close' } : {}) });
      res.end(json);
    };

    const url = new URL(req.url ?? '/', this.apiRoot);
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) {
      send(404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const [, token = '', rawMethod = ''] = match;

    let payload: Payload = {};
    let files: RecordedFile[] = [];
    let contents = new Map<string, Buffer>();
    let failure: ApiError | undefined;
    try {
      ({ payload, files, contents } = await this.readPayload(req, url));
    } catch {
      failure = bad("can't parse request body");
    }

    const handler = this.handlers.get(rawMethod.toLowerCase());
    const method = handler?.name ?? rawMethod;
    let status = 200;
    let response: ApiResponse;
    try {
      if (failure) throw failure;
      if (token !== this.token) throw new ApiError(401, 'Unauthorized');
      if (!handler) throw new ApiError(404, 'Not Found: method not found');
      this.takeInjectedFailure(method);
      if (MESSAGING_METHODS.has(method)) this.takeRateLimitToken();
      const result = await handler.handle(payload, files, abort.signal, contents);
      response = { ok: true, result };
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, `Internal Server Error: ${String(error)}`);
      status = apiError.error_code;
      response = { ok: false, ...apiError.toBody() };
    }
    this.record({ method, payload, files, at, status, response });
    send(status, response);
  }

  private async readPayload(
    req: http.IncomingMessage,
    url: URL,
  ): Promise<{ payload: Payload; files: RecordedFile[]; contents: Map<string, Buffer> }> {
    const payload: Payload = {};
    for (const [key, value] of url.searchParams) payload[key] = coerceField(key, value);
    const body = await readBody(req);
    const none = () => new Map<string, Buffer>();
    if (body.length === 0) return { payload, files: [], contents: none() };
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('application/json')) {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (!isRecord(parsed)) throw new Error('JSON body is not an object');
      return { payload: { ...payload, ...parsed }, files: [], contents: none() };
    }
    if (contentType.startsWith('multipart/form-data')) {
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
      const { fields, files, contents } = parseMultipart(body, boundary?.[1] ?? boundary?.[2] ?? '');
      return { payload: { ...payload, ...fields }, files, contents };
    }
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) payload[key] = coerceField(key, value);
    return { payload, files: [], contents: none() };
  }

  private record(call: Omit<RecordedCall, 'seq' | 'ok' | 'error' | 'chatId'>): void {
    const { response } = call;
    const chatId = this.callChatId(call.payload, response);
    const recorded: RecordedCall = {
      ...call,
      seq: this.calls.length,
      ok: response.ok,
      ...(response.ok
        ? {}
        : {
            error: {
              error_code: response.error_code,
              description: response.description,
              ...(response.parameters ? { parameters: response.parameters } : {}),
            },
          }),
      ...(chatId !== undefined ? { chatId } : {}),
    };
    this.calls.push(recorded);
    this.stats.requests++;
    if (call.status === 429) this.stats.tooManyRequests++;
    if (call.status === 403) this.stats.forbidden++;
    if (call.status === 400) this.stats.badRequests++;
    if (recorded.method !== 'getUpdates') {
      const result = response.ok ? response.result : undefined;
      const messageId = isRecord(result) && typeof result.message_id === 'number' ? result.message_id : undefined;
      this.log.push({
        dir: 'out',
        at: call.at,
        method: recorded.method,
        ok: response.ok,
        call: recorded,
        ...(chatId !== undefined ? { chatId } : {}),
        ...(messageId !== undefined ? { messageId } : {}),
        ...(response.ok ? {} : { error_code: response.error_code, description: response.description }),
      });
    }
    this.notify();
  }

  private callChatId(payload: Payload, response: ApiResponse): number | undefined {
    if (response.ok && isRecord(response.result) && isRecord(response.result.chat)) {
      const id = response.result.chat.id;
      if (typeof id === 'number') return id;
    }
    const raw = payload.chat_id;
    if (typeof raw === 'number') return raw;
    if (typeof raw === 'string') {
      if (/^-?\d+$/.test(raw)) return Number(raw);
      return this.findChatByUsername(raw)?.chat.id;
    }
    return undefined;
  }

  // ─────────── fault injection internals ───────────

  private takeInjectedFailure(method: string): void {
    const list = this.injected.get(method.toLowerCase());
    const next = list?.[0];
    if (!list || !next) return;
    next.remaining--;
    if (next.remaining <= 0) list.shift();
    throw new ApiError(next.error.error_code, next.error.description, next.error.parameters);
  }

  private takeRateLimitToken(): void {
    const bucket = this.bucket;
    if (!bucket) return;
    const now = Date.now();
    const tooMany = (seconds: number) =>
      new ApiError(429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });
    if (now < bucket.penaltyUntil) throw tooMany(Math.max(1, Math.ceil((bucket.penaltyUntil - now) / 1000)));
    bucket.tokens = Math.min(bucket.capacity, bucket.tokens + ((now - bucket.refilledAt) / 1000) * bucket.perSecond);
    bucket.refilledAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return;
    }
    const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / bucket.perSecond));
    bucket.penaltyUntil = now + seconds * 1000;
    throw tooMany(seconds);
  }

  // ─────────── waiting internals ───────────

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        console.error('fake Bot API: an onChange listener failed', error);
      }
    }
  }

  private until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        check: () => {
          let value: T | undefined;
          try {
            value = probe();
          } catch (error) {
            finish();
            reject(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          if (value !== undefined) {
            finish();
            resolve(value);
          }
        },
        abort: (error) => {
          finish();
          reject(error);
        },
      };
      this.waiters.add(waiter);
      waiter.check();
      if (!this.waiters.has(waiter)) return;
      if (this.closed) {
        waiter.abort(new Error(`fake Bot API is closed; cannot wait for ${what}`));
        return;
      }
      timer = setTimeout(() => {
        waiter.abort(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.\n${this.describeRecentCalls()}`));
      }, timeoutMs);
    });
  }

  private describeRecentCalls(): string {
    const recent = this.calls.filter((c) => c.method !== 'getUpdates').slice(-10);
    if (recent.length === 0) return 'The bot made no calls besides getUpdates.';
    const lines = recent.map((c) => {
      const outcome = c.ok ? 'ok' : `${c.status} ${c.error?.description ?? ''}`;
      const text = typeof c.payload.text === 'string' ? ` ${JSON.stringify(c.payload.text.slice(0, 80))}` : '';
      return `  #${c.seq} ${c.method}${c.chatId !== undefined ? ` chat=${c.chatId}` : ''}${text} → ${outcome}`;
    });
    return `Last calls:\n${lines.join('\n')}`;
  }

  // ─────────── state helpers ───────────

  private isIssuedFileId(id: string): boolean {
    const n = /^fake-photo-(\d+)$/.exec(id)?.[1];
    return n !== undefined && Number(n) < this.nextFileId;
  }

  private newQueryId(): string {
    return String(4_000_000_000 + this.nextQueryId++);
  }

  private ensureChat(chat: Chat): ChatState {
    let state = this.chats.get(chat.id);
    if (!state) {
      state = { chat, nextMessageId: 1, messages: new Map(), lastInputMark: this.calls.length };
      this.chats.set(chat.id, state);
    }
    return state;
  }

  private findChatByUsername(name: string): ChatState | undefined {
    const wanted = name.replace(/^@/, '').toLowerCase();
    return [...this.chats.values()].find((s) => 'username' in s.chat && s.chat.username?.toLowerCase() === wanted);
  }

  private resolveChat(payload: Payload): ChatState {
    const raw = payload.chat_id;
    if (raw === undefined || raw === null || raw === '') throw bad('chat_id is empty');
    let state: ChatState | undefined;
    if (typeof raw === 'number') state = this.chats.get(raw);
    else if (typeof raw === 'string') {
      state = /^-?\d+$/.test(raw) ? this.chats.get(Number(raw)) : this.findChatByUsername(raw);
    }
    if (!state) throw bad('chat not found');
    return state;
  }

  private assertNotBlocked(state: ChatState): void {
    if (this.blocked.has(state.chat.id)) throw new ApiError(403, 'Forbidden: bot was blocked by the user');
  }

  private findMessage(state: ChatState, payload: Payload, notFound: string): StoredMessage {
    const id = payload.message_id;
    const stored = typeof id === 'number' ? state.messages.get(id) : undefined;
    if (!stored || stored.deleted) throw bad(notFound);
    return stored;
  }

  private view(stored: StoredMessage): BotMessage {
    const markup = stored.message.reply_markup;
    return {
      chat_id: stored.message.chat.id,
      message_id: stored.message.message_id,
      kind: stored.kind,
      text: stored.source,
      ...(stored.parse_mode !== undefined ? { parse_mode: stored.parse_mode } : {}),
      entities: structuredClone(stored.entities),
      plainText: stored.plainText,
      ...(markup ? { reply_markup: structuredClone(markup) } : {}),
      edited: stored.edited,
      deleted: stored.deleted,
      message: structuredClone(stored.message),
    };
  }

  // ─────────── validation ───────────

  private formatText(rawText: unknown, parseMode: unknown, rawEntities: unknown, kind: 'text' | 'caption'): FormattedText {
    const source = typeof rawText === 'string' ? rawText : rawText === undefined || rawText === null ? '' : String(rawText);
    const mode = typeof parseMode === 'string' && parseMode !== '' ? parseMode : undefined;
    let plainText = source;
    let entities: MessageEntity[] = Array.isArray(rawEntities) ? (rawEntities as MessageEntity[]) : [];

    if (mode !== undefined) {
      const lower = mode.toLowerCase();
      if (lower === 'markdownv2' && this.validation === 'reduced') {
        // Without Telegram's parser: read what we can, refuse nothing for its markup.
        const parsed = parseMarkdownV2Lite(source);
        plainText = parsed.ok ? parsed.text : markdownV2PlainText(source);
        entities = parsed.ok ? parsed.entities : [];
      } else if (lower === 'markdownv2') {
        const parsed = parseMarkdownV2Memo(source);
        if (parsed.ok) {
          plainText = parsed.text;
          entities = tdlibEntitiesToBotApi(parsed.entities);
        } else if (this.validate) {
          throw bad(`can't parse entities: ${parsed.error.replace(/^Can't parse entities: /, '')}`);
        }
      } else if (lower !== 'html' && lower !== 'markdown' && this.validate) {
        throw bad('unsupported parse_mode');
      }
      // HTML and legacy Markdown are accepted as is, without parsing.
    }

    if (this.validate) {
      if (kind === 'text') {
        if (plainText.trim() === '') throw bad('message text is empty');
        if (plainText.length > 4096) throw bad('message is too long');
      } else if (plainText.length > 1024) {
        throw bad('message caption is too long');
      }
    }
    return { source, plainText, entities, ...(mode !== undefined ? { parse_mode: mode } : {}) };
  }

  /** Returns the inline keyboard to store on the message (other markup kinds are not stored). */
  private checkReplyMarkup(raw: unknown): InlineKeyboardMarkup | undefined {
    if (raw === undefined || raw === null || raw === '') return undefined;
    let markup = raw;
    if (typeof markup === 'string') {
      try {
        markup = JSON.parse(markup);
      } catch {
        throw bad("can't parse reply keyboard markup JSON object");
      }
    }
    if (!isRecord(markup)) throw bad("can't parse reply keyboard markup JSON object");
    if (!('inline_keyboard' in markup)) return undefined;
    const rows = markup.inline_keyboard;
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
      throw bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    }
    if (this.validate) {
      let total = 0;
      for (const row of rows as unknown[][]) {
        if (row.length > 8) throw bad('reply markup is too long');
        total += row.length;
        for (const button of row) this.checkButton(button);
      }
      if (total > 100) throw bad('reply markup is too long');
    }
    return { inline_keyboard: structuredClone(rows) as InlineKeyboardMarkup['inline_keyboard'] };
  }

  private checkButton(button: unknown): void {
    if (!isRecord(button)) throw bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
    if (typeof button.text !== 'string') {
      throw bad('can\'t parse inline keyboard button: Field "text" must be of type String');
    }
    if (button.text.trim() === '') throw bad('BUTTON_TEXT_INVALID');
    const actions = BUTTON_ACTION_FIELDS.filter((field) => button[field] !== undefined);
    if (actions.length === 0) {
      throw bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    }
    if (actions.length > 1) {
      throw bad(`can't parse inline keyboard button: exactly one of ${actions.join(', ')} must be used`);
    }
    if (button.callback_data !== undefined) {
      const data = button.callback_data;
      if (typeof data !== 'string') throw bad('can\'t parse inline keyboard button: Field "callback_data" must be of type String');
      const bytes = Buffer.byteLength(data, 'utf8');
      if (bytes < 1 || bytes > 64) throw bad('BUTTON_DATA_INVALID');
    }
    if (button.url !== undefined) {
      const url = button.url;
      if (typeof url !== 'string') throw bad('can\'t parse inline keyboard button: Field "url" must be of type String');
      let protocol: string;
      try {
        protocol = new URL(url).protocol;
      } catch {
        throw bad(`inline keyboard button URL '${url}' is invalid: Wrong HTTP URL`);
      }
      if (protocol !== 'http:' && protocol !== 'https:' && protocol !== 'tg:') {
        throw bad(`inline keyboard button URL '${url}' is invalid: Unsupported URL protocol`);
      }
    }
  }

  /**
   * Inline query results as Telegram checks them: at most 50, ids of 1–64
   * bytes and unique, next_offset at most 64 bytes; an article needs a title
   * and a message whose text passes the same checks as sendMessage (TDLib's
   * MarkdownV2 parse, 4096 characters), and its keyboard those of any message.
   */
  private checkInlineResults(results: unknown[], nextOffset: unknown): void {
    if (results.length > 50) throw bad('RESULTS_TOO_MUCH');
    if (nextOffset !== undefined && (typeof nextOffset !== 'string' || Buffer.byteLength(nextOffset) > 64)) throw bad('NEXT_OFFSET_INVALID');
    const ids = new Set<string>();
    results.forEach((result, i) => {
      if (!isRecord(result)) throw bad(`can't parse InlineQueryResult: result ${i} must be an Object`);
      if (typeof result.id !== 'string' || Buffer.byteLength(result.id) < 1 || Buffer.byteLength(result.id) > 64) throw bad('RESULT_ID_INVALID');
      if (ids.has(result.id)) throw bad('RESULT_ID_DUPLICATE');
      ids.add(result.id);
      if (result.type !== 'article') throw bad(`can't parse InlineQueryResult: unsupported type ${String(result.type)}`);
      if (typeof result.title !== 'string' || result.title.trim() === '') throw bad('RESULT_TITLE_EMPTY');
      const content = result.input_message_content;
      if (!isRecord(content) || typeof content.message_text !== 'string') throw bad("can't parse InputMessageContent: message_text is required");
      this.formatText(content.message_text, content.parse_mode, content.entities, 'text');
      if (result.url !== undefined && (typeof result.url !== 'string' || !/^https?:\/\//i.test(result.url))) throw bad('RESULT_URL_INVALID');
      this.checkReplyMarkup(result.reply_markup);
    });
  }

  // ─────────── methods ───────────

  private registerHandlers(): void {
    const on = (name: string, handle: Handler) => this.handlers.set(name.toLowerCase(), { name, handle });

    on('getMe', () => ({
      ...this.botUser,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: true,
      can_connect_to_business: false,
      has_main_web_app: false,
    }));
    on('getUpdates', (p, _files, signal) => this.getUpdates(p, signal));
    on('setWebhook', (p) => {
      if (typeof p.url !== 'string') throw bad('bad webhook: URL must be a string');
      this.webhookUrl = p.url;
      if (p.drop_pending_updates === true) this.queue = [];
      return true;
    });
    on('deleteWebhook', (p) => {
      this.webhookUrl = '';
      if (p.drop_pending_updates === true) this.queue = [];
      return true;
    });
    on('getWebhookInfo', () => ({
      url: this.webhookUrl,
      has_custom_certificate: false,
      pending_update_count: this.queue.length,
    }));
    on('setMyCommands', (p) => {
      const commands = p.commands;
      if (!Array.isArray(commands)) throw bad('commands must be an Array');
      if (this.validate) {
        if (commands.length > 100) throw bad('BOT_COMMANDS_TOO_MUCH');
        for (const c of commands) {
          if (!isRecord(c) || typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) {
            throw bad('BOT_COMMAND_INVALID');
          }
          if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
            throw bad('BOT_COMMAND_DESCRIPTION_INVALID');
          }
        }
      }
      this.commands.set(commandsKeyOf(p), structuredClone(commands) as BotCommand[]);
      return true;
    });
    on('getMyCommands', (p) => this.commands.get(commandsKeyOf(p)) ?? []);
    on('deleteMyCommands', (p) => {
      this.commands.delete(commandsKeyOf(p));
      return true;
    });
    on('sendMessage', (p) => this.sendMessage(p));
    on('sendPhoto', (p, files, _signal, contents) => this.sendPhoto(p, files, contents));
    on('editMessageText', (p) => this.editMessageText(p));
    on('editMessageReplyMarkup', (p) => this.editMessageReplyMarkup(p));
    on('deleteMessage', (p) => {
      const state = this.resolveChat(p);
      const stored = this.findMessage(state, p, 'message to delete not found');
      this.assertNotBlocked(state);
      stored.deleted = true;
      return true;
    });
    on('sendChatAction', (p) => {
      const state = this.resolveChat(p);
      if (typeof p.action !== 'string' || !CHAT_ACTIONS.has(p.action)) throw bad('wrong parameter action in request');
      this.assertNotBlocked(state);
      return true;
    });
    on('answerCallbackQuery', (p) => {
      const query = typeof p.callback_query_id === 'string' ? this.callbackQueries.get(p.callback_query_id) : undefined;
      if (!query || query.answered) throw bad(ERR_QUERY_INVALID);
      if (this.validate && typeof p.text === 'string' && p.text.length > 200) throw bad('MESSAGE_TOO_LONG');
      query.answered = true;
      return true;
    });
    on('answerInlineQuery', (p) => {
      const query = typeof p.inline_query_id === 'string' ? this.inlineQueries.get(p.inline_query_id) : undefined;
      if (!query || query.answered) throw bad(ERR_QUERY_INVALID);
      if (!Array.isArray(p.results)) throw bad('results must be an Array');
      if (this.validate) this.checkInlineResults(p.results, p.next_offset);
      query.answered = true;
      return true;
    });
    on('close', () => true);
    on('logOut', () => true);
  }

  private async getUpdates(p: Payload, signal: AbortSignal): Promise<Update[]> {
    if (this.webhookUrl) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const offset = typeof p.offset === 'number' ? p.offset : 0;
    const limit = typeof p.limit === 'number' ? Math.min(100, Math.max(1, p.limit)) : 100;
    const timeout = typeof p.timeout === 'number' ? Math.max(0, p.timeout) : 0;
    // Asking for an offset confirms every earlier update; a negative offset keeps only the last -offset.
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.queue = this.queue.slice(offset);
    // Like Telegram, allowed_updates is remembered, and updates of other types are dropped.
    if (Array.isArray(p.allowed_updates) && p.allowed_updates.length > 0) this.allowedUpdates = new Set(p.allowed_updates.map(String));
    this.dropUnwantedUpdates();

    if (this.queue.length > 0 || timeout === 0 || this.closed) return this.queue.slice(0, limit);

    // Hold the request (long polling). A newer long poll terminates an older one, as Telegram does.
    this.heldPoll?.supersede();
    const conflict = await new Promise<boolean>((resolve) => {
      const finish = (superseded: boolean) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (this.heldPoll === poll) this.heldPoll = undefined;
        resolve(superseded);
      };
      const onAbort = () => finish(false);
      const poll: HeldPoll = { wake: () => finish(false), supersede: () => finish(true) };
      const timer = setTimeout(() => finish(false), timeout * 1000);
      signal.addEventListener('abort', onAbort);
      this.heldPoll = poll;
      this.notify();
    });
    if (conflict) {
      throw new ApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
    }
    if (this.closed) return [];
    this.dropUnwantedUpdates();
    return this.queue.slice(0, limit);
  }

  private allowedUpdates: Set<string> | undefined;

  private dropUnwantedUpdates(): void {
    const allowed = this.allowedUpdates;
    if (allowed) this.queue = this.queue.filter((u) => allowed.has(Object.keys(u).find((k) => k !== 'update_id') ?? ''));
  }

  private storeBotMessage(state: ChatState, message: Message, kind: 'text' | 'photo', formatted: FormattedText): StoredMessage {
    const stored: StoredMessage = {
      message,
      fromBot: true,
      kind,
      source: formatted.source,
      plainText: formatted.plainText,
      entities: formatted.entities,
      edited: false,
      deleted: false,
      ...(formatted.parse_mode !== undefined ? { parse_mode: formatted.parse_mode } : {}),
    };
    state.messages.set(message.message_id, stored);
    return stored;
  }

  private sendMessage(p: Payload): Message {
    const state = this.resolveChat(p);
    const formatted = this.formatText(p.text, p.parse_mode, p.entities, 'text');
    const markup = this.checkReplyMarkup(p.reply_markup);
    this.assertNotBlocked(state);
    const message: Message = {
      message_id: state.nextMessageId++,
      from: this.botUser,
      chat: state.chat,
      date: nowSeconds(),
      text: formatted.plainText,
      ...(formatted.entities.length > 0 ? { entities: formatted.entities } : {}),
      ...(markup ? { reply_markup: markup } : {}),
    };
    this.storeBotMessage(state, message, 'text', formatted);
    return structuredClone(message);
  }

  private sendPhoto(p: Payload, files: RecordedFile[], contents: Map<string, Buffer>): Message {
    const state = this.resolveChat(p);
    const photo = p.photo;
    let size = 0;
    let stored: StoredFile | undefined;
    const upload = (field: string) => {
      const file = files.find((f) => f.field === field);
      if (!file) throw bad('there is no photo in the request');
      size = file.size;
      const data = contents.get(field);
      stored = data ? { data, ...(file.contentType ? { contentType: file.contentType } : {}) } : {};
    };
    if (typeof photo === 'string' && photo.startsWith('attach://')) upload(photo.slice('attach://'.length));
    else if (typeof photo !== 'string' || photo === '') upload('photo');
    else if (/^https?:\/\//i.test(photo)) stored = { url: photo };
    else if (this.isIssuedFileId(photo)) stored = this.files.get(photo);
    else if (this.validate) throw bad('wrong file identifier/HTTP URL specified');
    const formatted = this.formatText(p.caption, p.parse_mode, p.caption_entities, 'caption');
    const markup = this.checkReplyMarkup(p.reply_markup);
    this.assertNotBlocked(state);
    const n = this.nextFileId++;
    const message: Message = {
      message_id: state.nextMessageId++,
      from: this.botUser,
      chat: state.chat,
      date: nowSeconds(),
      photo: [{ file_id: `fake-photo-${n}`, file_unique_id: `fake-unique-${n}`, width: 800, height: 600, file_size: size }],
      ...(formatted.source !== '' ? { caption: formatted.plainText } : {}),
      ...(formatted.entities.length > 0 ? { caption_entities: formatted.entities } : {}),
      ...(markup ? { reply_markup: markup } : {}),
    };
    this.storeBotMessage(state, message, 'photo', formatted);
    if (this.keepFiles && stored) this.files.set(`fake-photo-${n}`, stored);
    return structuredClone(message);
  }

  private editMessageText(p: Payload): Message | true {
    if (p.inline_message_id !== undefined) return true; // inline messages are not tracked
    const state = this.resolveChat(p);
    const stored = this.findMessage(state, p, 'message to edit not found');
    if (!stored.fromBot) throw bad("message can't be edited");
    if (stored.kind !== 'text') throw bad('there is no text in the message to edit');
    const formatted = this.formatText(p.text, p.parse_mode, p.entities, 'text');
    const markup = this.checkReplyMarkup(p.reply_markup);
    if (
      formatted.plainText === stored.plainText &&
      canonical(formatted.entities) === canonical(stored.entities) &&
      canonical(markup ?? null) === canonical(stored.message.reply_markup ?? null)
    ) {
      throw bad(ERR_NOT_MODIFIED);
    }
    this.assertNotBlocked(state);
    // Like Telegram, an edit without reply_markup removes the inline keyboard.
    const { reply_markup: _old, entities: _oldEntities, ...rest } = stored.message;
    stored.message = {
      ...rest,
      text: formatted.plainText,
      edit_date: nowSeconds(),
      ...(formatted.entities.length > 0 ? { entities: formatted.entities } : {}),
      ...(markup ? { reply_markup: markup } : {}),
    };
    stored.source = formatted.source;
    stored.plainText = formatted.plainText;
    stored.entities = formatted.entities;
    if (formatted.parse_mode !== undefined) stored.parse_mode = formatted.parse_mode;
    else delete stored.parse_mode;
    stored.edited = true;
    return structuredClone(stored.message);
  }

  private editMessageReplyMarkup(p: Payload): Message | true {
    if (p.inline_message_id !== undefined) return true;
    const state = this.resolveChat(p);
    const stored = this.findMessage(state, p, 'message to edit not found');
    if (!stored.fromBot) throw bad("message can't be edited");
    const markup = this.checkReplyMarkup(p.reply_markup);
    if (canonical(markup ?? null) === canonical(stored.message.reply_markup ?? null)) throw bad(ERR_NOT_MODIFIED);
    this.assertNotBlocked(state);
    const { reply_markup: _old, ...rest } = stored.message;
    stored.message = { ...rest, edit_date: nowSeconds(), ...(markup ? { reply_markup: markup } : {}) };
    stored.edited = true;
    return structuredClone(stored.message);
  }
}

function commandsKey(scope: unknown, languageCode: unknown): string {
  const normalizedScope = isRecord(scope) ? scope : { type: 'default' };
  return `${canonical(normalizedScope)}|${typeof languageCode === 'string' ? languageCode : ''}`;
}

function commandsKeyOf(p: Payload): string {
  return commandsKey(p.scope, p.language_code);
}

/** Starts a fake Bot API on 127.0.0.1 with a random port. */
export function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  return FakeBotApi.listen(options);
}
