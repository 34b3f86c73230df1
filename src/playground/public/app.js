// Parasol playground page: a private chat with the bot through the local
// simulated Telegram. Plain JavaScript, no dependencies, no build step.
// Every text from the bot or the user is put in the page as text nodes
// (never as HTML), formatted from the Bot API entities the simulation reports.
'use strict';

const $ = (id) => document.getElementById(id);
const els = {
  messages: $('messages'),
  empty: $('empty'),
  input: $('input'),
  form: $('input-form'),
  suggestions: $('suggestions'),
  menuButton: $('menu-button'),
  startButton: $('start-button'),
  userSelect: $('user-select'),
  addUser: $('add-user'),
  languageSelect: $('language-select'),
  botName: $('bot-name'),
  botStatus: $('bot-status'),
  reduced: $('reduced-strip'),
  offline: $('offline-strip'),
  toast: $('toast'),
  alert: $('alert'),
  alertText: $('alert-text'),
  alertOk: $('alert-ok'),
  toBottom: $('to-bottom'),
  strip: $('playground-strip'),
  stripClose: $('strip-close'),
};

const USER_KEY = 'parasol-playground-user';
const STRIP_KEY = 'parasol-playground-strip-hidden';
const PENDING_MS = 15000;
/** Languages without a translation, to see what such users get. */
const EXTRA_LANGUAGES = [{ code: 'de', name: 'Deutsch (no translation)' }];

const state = {
  info: null,
  users: [],
  userId: null,
  chat: null,
  version: null,
  poll: null,
  /** notices (button answers) already shown, per user */
  seenNotice: new Map(),
  /** spoilers the reader revealed: "itemKey:entityIndex" */
  revealed: new Set(),
  expanded: new Set(),
  /** callback buttons tapped: "messageId:data" → time */
  pressed: new Map(),
  nodes: new Map(),
  suggestionIndex: -1,
  menuOpen: false,
};

// ───────────────────────────── API ─────────────────────────────

async function api(path, body, signal) {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(data.error || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

// ───────────────────────────── start ─────────────────────────────

async function init() {
  for (;;) {
    try {
      state.info = await api('/api/info');
      break;
    } catch {
      els.offline.hidden = false;
      await sleep(1000);
    }
  }
  els.offline.hidden = true;
  const { bot, validation, users } = state.info;
  els.botName.textContent = bot.first_name;
  document.title = `${bot.first_name} — playground`;
  els.botStatus.textContent = `bot · @${bot.username} · local playground`;
  els.reduced.hidden = validation !== 'reduced';
  els.strip.hidden = localStorage.getItem(STRIP_KEY) === '1';
  fillLanguages();
  state.users = users;
  if (!state.users.length) state.users.push(await api('/api/users', { language_code: browserLanguage() }));
  const saved = Number(localStorage.getItem(USER_KEY));
  selectUser(state.users.some((u) => u.id === saved) ? saved : state.users[0].id);
  bindEvents();
}

function browserLanguage() {
  const codes = state.info.languages.map((l) => l.code);
  for (const wanted of navigator.languages || [navigator.language]) {
    const lower = String(wanted).toLowerCase();
    const exact = codes.find((c) => c.toLowerCase() === lower);
    if (exact) return exact;
    if (lower.startsWith('zh')) {
      const zh = codes.find((c) => c.toLowerCase().startsWith('zh'));
      if (zh) return zh;
    }
    const base = codes.find((c) => c.toLowerCase().split('-')[0] === lower.split('-')[0]);
    if (base) return base;
  }
  return 'en';
}

function fillLanguages() {
  els.languageSelect.replaceChildren();
  for (const { code, name } of [...state.info.languages, ...EXTRA_LANGUAGES]) {
    const option = document.createElement('option');
    option.value = code;
    option.textContent = `${name} (${code})`;
    els.languageSelect.append(option);
  }
}

function fillUsers() {
  els.userSelect.replaceChildren();
  for (const user of state.users) {
    const option = document.createElement('option');
    option.value = String(user.id);
    option.textContent = `${user.first_name} · ${user.id}`;
    els.userSelect.append(option);
  }
  els.userSelect.value = String(state.userId);
}

function selectUser(id) {
  state.userId = id;
  localStorage.setItem(USER_KEY, String(id));
  fillUsers();
  const user = state.users.find((u) => u.id === id);
  if (user) setLanguageSelect(user.language_code);
  state.chat = null;
  state.version = null;
  state.nodes.clear();
  els.messages.replaceChildren();
  closeSuggestions();
  startPolling();
}

function setLanguageSelect(code) {
  if (![...els.languageSelect.options].some((o) => o.value === code)) {
    const option = document.createElement('option');
    option.value = code;
    option.textContent = code;
    els.languageSelect.append(option);
  }
  els.languageSelect.value = code;
}

// ───────────────────────────── polling ─────────────────────────────

function startPolling() {
  if (state.poll) state.poll.abort();
  const controller = new AbortController();
  state.poll = controller;
  void pollLoop(state.userId, controller.signal);
}

async function pollLoop(userId, signal) {
  let failures = 0;
  while (!signal.aborted) {
    let chat;
    try {
      const after = state.version === null ? '' : `&after=${state.version}`;
      chat = await api(`/api/chat?user=${userId}${after}`, undefined, signal);
    } catch (error) {
      if (signal.aborted) return;
      if (error && error.status === 404) {
        // The playground restarted and forgot its users: start again.
        location.reload();
        return;
      }
      failures++;
      if (failures > 1) els.offline.hidden = false;
      await sleep(Math.min(5000, 500 * failures));
      continue;
    }
    if (signal.aborted) return;
    failures = 0;
    els.offline.hidden = true;
    try {
      applyChat(chat);
    } catch (error) {
      console.error(error);
      state.version = chat.version;
      await sleep(1000);
    }
  }
}

function applyChat(chat) {
  const first = state.chat === null;
  state.chat = chat;
  state.version = chat.version;
  const index = state.users.findIndex((u) => u.id === chat.user.id);
  if (index >= 0) state.users[index] = chat.user;
  if (document.activeElement !== els.languageSelect) setLanguageSelect(chat.user.language_code);

  // Answers to button taps: new ones only.
  const seen = state.seenNotice.get(chat.user.id);
  const latest = chat.notices.length ? chat.notices[chat.notices.length - 1].seq : 0;
  if (seen !== undefined) {
    for (const notice of chat.notices) if (notice.seq > seen) showNotice(notice);
  }
  state.seenNotice.set(chat.user.id, Math.max(seen ?? 0, latest));

  // Taps the bot answered stop spinning.
  const pendingNow = new Set(chat.pending.map((p) => `${p.message_id}:${p.data}`));
  for (const key of [...state.pressed.keys()]) if (!pendingNow.has(key)) state.pressed.delete(key);

  renderMessages(first);
  if (!els.suggestions.hidden) updateSuggestions();
}

// ───────────────────────────── rendering the chat ─────────────────────────────

function renderMessages(forceBottom) {
  const list = els.messages;
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 120;
  const items = state.chat.items;
  els.empty.hidden = items.length > 0;
  els.startButton.hidden = items.length > 0;

  const wanted = [];
  let lastDay = '';
  for (const item of items) {
    const day = dayLabel(item.date);
    if (day !== lastDay) {
      wanted.push({ key: `day:${day}`, signature: day, build: () => dayNode(day) });
      lastDay = day;
    }
    const signature = JSON.stringify(item) + pendingSignature(item);
    wanted.push({ key: item.key, signature, build: () => itemNode(item) });
  }

  const keep = new Set(wanted.map((w) => w.key));
  for (const [key, entry] of state.nodes) {
    if (!keep.has(key)) {
      entry.node.remove();
      state.nodes.delete(key);
    }
  }
  let cursor = list.firstChild;
  for (const want of wanted) {
    let entry = state.nodes.get(want.key);
    if (!entry || entry.signature !== want.signature) {
      if (entry) {
        if (entry.node === cursor) cursor = cursor.nextSibling;
        entry.node.remove();
      }
      entry = { node: want.build(), signature: want.signature };
      state.nodes.set(want.key, entry);
    }
    if (entry.node !== cursor) list.insertBefore(entry.node, cursor);
    else cursor = cursor.nextSibling;
  }
  if (forceBottom || nearBottom) scrollToBottom();
  updateToBottom();
}

function pendingSignature(item) {
  if (item.kind !== 'bot' || !item.keyboard) return '';
  const now = Date.now();
  return item.keyboard
    .flat()
    .filter((b) => b.callback_data !== undefined && isPending(item.id, b.callback_data, now))
    .map((b) => b.callback_data)
    .join('|');
}

function isPending(messageId, data, now = Date.now()) {
  const at = state.pressed.get(`${messageId}:${data}`);
  return at !== undefined && now - at < PENDING_MS;
}

function scrollToBottom() {
  els.messages.scrollTop = els.messages.scrollHeight;
}

function updateToBottom() {
  const list = els.messages;
  els.toBottom.hidden = list.scrollHeight - list.scrollTop - list.clientHeight < 200;
}

function dayLabel(seconds) {
  const date = new Date(seconds * 1000);
  const today = new Date();
  if (date.toDateString() === today.toDateString()) return 'Today';
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: date.getFullYear() === today.getFullYear() ? undefined : 'numeric' });
}

function timeLabel(seconds) {
  return new Date(seconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function dayNode(label) {
  const node = el('div', 'day', label);
  return node;
}

function itemNode(item) {
  switch (item.kind) {
    case 'user':
      return userMessage(item);
    case 'bot':
      return botMessage(item);
    case 'refused':
      return refusedMessage(item);
    case 'service':
      return serviceMessage(item);
    default:
      return el('div', 'service', `(${item.kind})`);
  }
}

function userMessage(item) {
  const wrap = el('div', 'msg out');
  wrap.dataset.key = item.key;
  const bubble = el('div', 'bubble');
  const text = el('div', 'text');
  text.dir = 'auto';
  text.append(renderEntities(item.text, item.entities, item.key, false));
  bubble.append(text);
  addMeta(bubble, text, item.date, false, true);
  wrap.append(bubble);
  return wrap;
}

function botMessage(item) {
  const wrap = el('div', 'msg in');
  wrap.dataset.key = item.key;
  wrap.dataset.messageId = String(item.id);
  const bubble = el('div', 'bubble');
  if (item.photo) bubble.append(photoNode(item.photo));
  let text = null;
  if (item.text) {
    text = el('div', 'text');
    text.dir = 'auto';
    text.append(renderEntities(item.text, item.entities, item.key, true));
    bubble.append(text);
  } else if (item.photo) {
    bubble.classList.add('only-photo');
  }
  addMeta(bubble, text, item.date, item.edited, false);
  wrap.append(bubble);
  if (item.keyboard) {
    wrap.classList.add('has-keyboard');
    wrap.append(keyboardNode(item));
  }
  return wrap;
}

function refusedMessage(item) {
  const wrap = el('div', 'msg in refused');
  wrap.dataset.key = item.key;
  const bubble = el('div', 'bubble');
  const title = item.method === 'sendMessage' || item.method === 'sendPhoto'
    ? 'Telegram refused this message'
    : `Telegram refused ${item.method}${item.message_id !== undefined ? ` (message ${item.message_id})` : ''}`;
  bubble.append(el('div', 'refused-title', `⚠ ${title}`));
  bubble.append(el('div', 'refused-error', item.error));
  if (item.text !== undefined) {
    const details = document.createElement('details');
    details.append(el('summary', '', `What the bot sent${item.parse_mode ? ` (${item.parse_mode})` : ''}`));
    const pre = el('pre', '', item.text);
    pre.dir = 'auto';
    details.append(pre);
    bubble.append(details);
  }
  addMeta(bubble, null, item.date, false, false);
  wrap.append(bubble);
  return wrap;
}

function serviceMessage(item) {
  const name = languageName(item.language_code);
  return el('div', 'service', `Telegram app language: ${name}. The bot follows it unless this user chose a language with /language.`);
}

function languageName(code) {
  const known = [...state.info.languages, ...EXTRA_LANGUAGES].find((l) => l.code === code);
  return known ? `${known.name} (${code})` : code;
}

function addMeta(bubble, text, date, edited, outgoing) {
  const meta = el('span', 'meta');
  if (edited) meta.append(el('span', 'edited', 'edited '));
  meta.append(timeLabel(date));
  if (outgoing) meta.append(el('span', 'checks', '✓✓'));
  bubble.append(meta);
  // Room at the end of the last line for the time, as Telegram leaves it:
  // an invisible copy of it.
  const spacer = meta.cloneNode(true);
  spacer.className = 'meta-spacer';
  spacer.setAttribute('aria-hidden', 'true');
  (text || bubble).append(spacer);
}

function photoNode(photo) {
  if (!photo.src) {
    const box = el('div', 'photo placeholder', `🖼 Photo ${photo.width}×${photo.height}`);
    return box;
  }
  const box = el('div', 'photo');
  const img = document.createElement('img');
  img.alt = 'Photo';
  img.loading = 'lazy';
  img.width = photo.width;
  img.height = photo.height;
  img.src = safeUrl(photo.src, true) || '';
  img.addEventListener('load', () => updateToBottom());
  box.append(img);
  return box;
}

function keyboardNode(item) {
  const box = el('div', 'keyboard');
  for (const row of item.keyboard) {
    const rowNode = el('div', 'kb-row');
    for (const button of row) rowNode.append(buttonNode(item, button));
    box.append(rowNode);
  }
  return box;
}

function buttonNode(item, button) {
  if (button.url !== undefined) {
    const href = safeUrl(button.url, false);
    const link = el('a', 'kb url', button.text);
    if (href) {
      link.href = href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
    }
    link.title = button.url;
    link.dir = 'auto';
    link.append(el('span', 'corner', '↗'));
    return link;
  }
  const node = el('button', 'kb', button.text);
  node.type = 'button';
  node.dir = 'auto';
  if (button.callback_data !== undefined) {
    node.dataset.callback = button.callback_data;
    if (isPending(item.id, button.callback_data)) node.classList.add('pending');
    node.addEventListener('click', () => press(item.id, button.callback_data, node));
  } else {
    node.classList.add('disabled');
    node.title = `${button.other} buttons do not work in the playground`;
    node.addEventListener('click', () => showToast(`${button.other} buttons do not work in the playground`));
  }
  return node;
}

// ───────────────────────────── entities → DOM ─────────────────────────────

const BLOCKS = new Set(['pre', 'blockquote', 'expandable_blockquote']);
/** Entity types that own their text: nothing is detected inside them. */
const OPAQUE = new Set(['pre', 'code', 'text_link', 'url', 'email', 'phone_number', 'mention', 'bot_command', 'hashtag', 'cashtag', 'text_mention', 'custom_emoji']);
/** For entities on the same range, the outer one first. */
const RANK = {
  blockquote: 0, expandable_blockquote: 0, pre: 1, text_link: 2, url: 2, email: 2, phone_number: 2, mention: 2, text_mention: 2,
  bot_command: 2, hashtag: 2, cashtag: 2, spoiler: 3, bold: 4, italic: 5, underline: 6, strikethrough: 7, code: 8, custom_emoji: 9,
};

/**
 * Builds the formatted text from the plain text and its entities (offsets
 * and lengths in UTF-16 code units, as JavaScript strings count). Overlapping
 * entities are split so that they nest.
 */
function renderEntities(text, entities, itemKey, fromBot) {
  const valid = (entities || [])
    .map((e, index) => ({ ...e, index }))
    .filter((e) => Number.isInteger(e.offset) && Number.isInteger(e.length) && e.length > 0 && e.offset >= 0 && e.offset + e.length <= text.length);
  const all = [...valid, ...detectEntities(text, valid)];
  const pieces = all.map((e) => ({ entity: e, start: e.offset, end: e.offset + e.length }));
  const order = (a, b) => a.start - b.start || b.end - a.end || (RANK[a.entity.type] ?? 10) - (RANK[b.entity.type] ?? 10);
  pieces.sort(order);

  const root = { start: 0, end: text.length, children: [] };
  const stack = [root];
  while (pieces.length) {
    const piece = pieces.shift();
    while (stack.length > 1 && stack[stack.length - 1].end <= piece.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (piece.end > parent.end) {
      // Crosses the end of its parent: the rest becomes a piece of its own.
      const rest = { entity: piece.entity, start: parent.end, end: piece.end };
      piece.end = parent.end;
      let at = pieces.findIndex((p) => order(rest, p) < 0);
      if (at < 0) at = pieces.length;
      pieces.splice(at, 0, rest);
    }
    const node = { ...piece, children: [] };
    parent.children.push(node);
    stack.push(node);
  }

  const context = { text, itemKey, fromBot };
  const fragment = document.createDocumentFragment();
  appendRange(fragment, root, context);
  return fragment;
}

function appendRange(parent, node, context) {
  let end = node.end;
  // Telegram counts the line break after a quote or a code block inside it;
  // the block already ends the line.
  if (node.entity && BLOCKS.has(node.entity.type) && context.text[end - 1] === '\n') end -= 1;
  let at = node.start;
  for (const child of node.children) {
    const childStart = Math.min(child.start, end);
    if (childStart > at) parent.append(context.text.slice(at, childStart));
    if (child.start < end) {
      const clipped = { ...child, end: Math.min(child.end, end) };
      const element = entityElement(child.entity, context);
      appendRange(element, clipped, context);
      parent.append(element);
    }
    at = Math.max(at, Math.min(child.end, end));
  }
  if (end > at) parent.append(context.text.slice(at, end));
}

function entityElement(entity, context) {
  const value = context.text.slice(entity.offset, entity.offset + entity.length);
  switch (entity.type) {
    case 'bold':
      return document.createElement('strong');
    case 'italic':
      return document.createElement('em');
    case 'underline':
      return document.createElement('u');
    case 'strikethrough':
      return document.createElement('s');
    case 'spoiler': {
      const key = `${context.itemKey}:${entity.index ?? entity.offset}`;
      const span = el('span', state.revealed.has(key) ? 'spoiler revealed' : 'spoiler');
      span.title = 'Spoiler: tap to reveal';
      span.addEventListener('click', (event) => {
        if (span.classList.contains('revealed')) return;
        event.preventDefault();
        event.stopPropagation();
        state.revealed.add(key);
        for (const part of span.closest('.text').querySelectorAll('.spoiler')) part.classList.add('revealed');
      });
      return span;
    }
    case 'code': {
      const code = el('code', 'inline');
      code.title = 'Tap to copy';
      code.addEventListener('click', () => copy(value));
      return code;
    }
    case 'pre': {
      const pre = document.createElement('pre');
      if (entity.language) pre.append(el('span', 'lang', entity.language));
      pre.title = 'Tap to copy';
      pre.addEventListener('click', () => copy(value.replace(/\n$/, '')));
      return pre;
    }
    case 'blockquote':
      return document.createElement('blockquote');
    case 'expandable_blockquote': {
      const key = `${context.itemKey}:q${entity.offset}`;
      const quote = el('blockquote', state.expanded.has(key) ? 'expandable' : 'expandable collapsed');
      quote.addEventListener('click', () => {
        quote.classList.toggle('collapsed');
        if (quote.classList.contains('collapsed')) state.expanded.delete(key);
        else state.expanded.add(key);
      });
      return quote;
    }
    case 'text_link':
      return link(entity.url, entity.url);
    case 'url':
      return link(/^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`, value);
    case 'email':
      return link(`mailto:${value}`, value);
    case 'phone_number':
      return link(`tel:${value.replace(/[^\d+]/g, '')}`, value);
    case 'mention':
      return link(`https://t.me/${value.slice(1)}`, value);
    case 'bot_command': {
      const command = el('a', 'command');
      command.href = '#';
      command.title = context.fromBot ? `Send ${value}` : value;
      command.addEventListener('click', (event) => {
        event.preventDefault();
        if (context.fromBot) void send(value.replace(/@\w+$/, ''));
      });
      return command;
    }
    case 'hashtag':
    case 'cashtag':
    case 'text_mention':
      return el('span', 'link');
    default:
      return document.createElement('span');
  }
}

function link(url, title) {
  const href = safeUrl(url, false);
  const node = document.createElement(href ? 'a' : 'span');
  if (href) {
    node.href = href;
    node.target = '_blank';
    node.rel = 'noopener noreferrer';
  } else {
    node.className = 'link';
  }
  node.title = title;
  return node;
}

/** Only web, mail, phone and Telegram links; images only from the web or this server. */
function safeUrl(raw, image) {
  try {
    const url = new URL(raw, location.origin);
    const allowed = image ? ['http:', 'https:'] : ['http:', 'https:', 'mailto:', 'tel:', 'tg:'];
    return allowed.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** What Telegram apps make clickable in plain text: links, /commands, @names, e-mail addresses. */
function detectEntities(text, entities) {
  const taken = new Uint8Array(text.length);
  for (const e of entities) if (OPAQUE.has(e.type)) taken.fill(1, e.offset, e.offset + e.length);
  const found = [];
  const patterns = [
    ['url', /\bhttps?:\/\/[^\s<>"'«»]+[^\s<>"'«».,;:!?)\]}]/giu],
    ['email', /\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/gu],
    ['bot_command', /(^|[\s(])(\/[a-z0-9_]{1,32}(@\w+)?)(?![\w/])/giu],
    ['mention', /(^|[\s(])(@[a-z0-9_]{5,32})\b/giu],
  ];
  for (const [type, pattern] of patterns) {
    for (const match of text.matchAll(pattern)) {
      const value = match[2] !== undefined && type !== 'url' && type !== 'email' ? match[2] : match[0];
      const offset = match.index + match[0].length - value.length;
      const end = offset + value.length;
      if (taken.subarray(offset, end).some((x) => x)) continue;
      taken.fill(1, offset, end);
      found.push({ type, offset, length: value.length, index: `d${offset}` });
    }
  }
  return found;
}

// ───────────────────────────── acting ─────────────────────────────

async function send(text) {
  const value = text.trim();
  if (!value) return;
  closeSuggestions();
  try {
    await api('/api/send', { user: state.userId, text: value });
    scrollToBottom();
  } catch (error) {
    showToast(error.message);
  }
}

async function press(messageId, data, node) {
  state.pressed.set(`${messageId}:${data}`, Date.now());
  node.classList.add('pending');
  setTimeout(() => {
    if (!isPending(messageId, data)) node.classList.remove('pending');
  }, PENDING_MS + 50);
  try {
    await api('/api/press', { user: state.userId, message_id: messageId, data });
  } catch (error) {
    state.pressed.delete(`${messageId}:${data}`);
    node.classList.remove('pending');
    showToast(error.status === 409 ? 'This button is no longer there.' : error.message);
  }
}

async function copy(value) {
  try {
    await navigator.clipboard.writeText(value);
    showToast('Copied to clipboard.');
  } catch {
    showToast('Could not copy.');
  }
}

let toastTimer = 0;
function showToast(text) {
  els.toast.textContent = text;
  els.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (els.toast.hidden = true), 3000);
}

function showNotice(notice) {
  if (!notice.show_alert) return showToast(notice.text);
  els.alertText.textContent = notice.text;
  if (typeof els.alert.showModal === 'function') {
    if (!els.alert.open) els.alert.showModal();
  } else {
    showToast(notice.text);
  }
}

// ───────────────────────────── composer and commands ─────────────────────────────

function commands() {
  return (state.chat && state.chat.commands) || [];
}

function updateSuggestions() {
  const value = els.input.value;
  let list = [];
  if (state.menuOpen) list = commands();
  else if (/^\/\w*$/.test(value)) list = commands().filter((c) => `/${c.command}`.startsWith(value.toLowerCase()));
  if (!list.length) return closeSuggestions(false);
  els.suggestions.replaceChildren();
  state.suggestionIndex = Math.min(state.suggestionIndex, list.length - 1);
  list.forEach((command, index) => {
    const item = el('button', index === state.suggestionIndex ? 'suggestion active' : 'suggestion');
    item.type = 'button';
    item.setAttribute('role', 'option');
    item.dataset.command = command.command;
    item.append(el('span', 'command', `/${command.command}`), el('span', 'description', command.description));
    item.addEventListener('mousedown', (event) => event.preventDefault());
    item.addEventListener('click', () => {
      els.input.value = '';
      autosize();
      void send(`/${command.command}`);
    });
    els.suggestions.append(item);
  });
  els.suggestions.hidden = false;
}

function closeSuggestions(resetMenu = true) {
  els.suggestions.hidden = true;
  state.suggestionIndex = -1;
  if (resetMenu) state.menuOpen = false;
}

function autosize() {
  els.input.style.height = 'auto';
  els.input.style.height = `${Math.min(els.input.scrollHeight, 160)}px`;
}

function bindEvents() {
  els.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = els.input.value;
    els.input.value = '';
    autosize();
    void send(value);
  });
  els.input.addEventListener('input', () => {
    autosize();
    state.menuOpen = false;
    state.suggestionIndex = -1;
    updateSuggestions();
  });
  els.input.addEventListener('keydown', (event) => {
    const open = !els.suggestions.hidden;
    const count = els.suggestions.children.length;
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      state.suggestionIndex = (state.suggestionIndex + (event.key === 'ArrowDown' ? 1 : count - 1) + (state.suggestionIndex < 0 && event.key === 'ArrowUp' ? 1 : 0)) % count;
      updateSuggestions();
      return;
    }
    if (open && event.key === 'Tab' && count) {
      event.preventDefault();
      const chosen = els.suggestions.children[Math.max(0, state.suggestionIndex)];
      els.input.value = `/${chosen.dataset.command} `;
      closeSuggestions();
      return;
    }
    if (open && event.key === 'Escape') return closeSuggestions();
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (open && state.suggestionIndex >= 0) {
        els.suggestions.children[state.suggestionIndex].click();
        return;
      }
      els.form.requestSubmit();
    }
  });
  els.input.addEventListener('blur', () => setTimeout(() => closeSuggestions(), 150));
  els.menuButton.addEventListener('click', () => {
    state.menuOpen = !state.menuOpen;
    if (state.menuOpen) updateSuggestions();
    else closeSuggestions();
  });
  els.startButton.addEventListener('click', () => void send('/start'));
  els.userSelect.addEventListener('change', () => selectUser(Number(els.userSelect.value)));
  els.addUser.addEventListener('click', async () => {
    try {
      const user = await api('/api/users', { language_code: els.languageSelect.value });
      state.users.push(user);
      selectUser(user.id);
      showToast(`You are now ${user.first_name}, a new user (id ${user.id}).`);
    } catch (error) {
      showToast(error.message);
    }
  });
  els.languageSelect.addEventListener('change', async () => {
    try {
      const user = await api(`/api/users/${state.userId}`, { language_code: els.languageSelect.value });
      const index = state.users.findIndex((u) => u.id === user.id);
      if (index >= 0) state.users[index] = user;
    } catch (error) {
      showToast(error.message);
    }
  });
  els.messages.addEventListener('scroll', updateToBottom, { passive: true });
  els.toBottom.addEventListener('click', scrollToBottom);
  els.alertOk.addEventListener('click', () => els.alert.close());
  els.stripClose.addEventListener('click', () => {
    els.strip.hidden = true;
    localStorage.setItem(STRIP_KEY, '1');
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && document.activeElement === document.body) {
      event.preventDefault();
      els.input.focus();
      els.input.value = '/';
      updateSuggestions();
    }
  });
  window.addEventListener('resize', updateToBottom);
}

// ───────────────────────────── helpers ─────────────────────────────

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

void init();
