// Content trees (../shared/CONTENT-FORMATS.md, section 3) through the one
// loader: the fixtures in test/fixtures/ in both variants and three languages.
import assert from 'node:assert/strict';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { checklistMessage, checklistPages } from '../../src/bot/keyboards/checklist.ts';
import { lessonMessage } from '../../src/bot/keyboards/lesson.ts';
import { treeView } from '../../src/bot/keyboards/tree.ts';
import type { Catalog, LessonButton, TreeNode } from '../../src/content/catalog.ts';
import { loadLibrary, type LoadedLibrary } from '../../src/content/library.ts';
import { parseMarkdownV2 } from '../helpers/tdlib.ts';
import { plantedProblems } from '../helpers/fixtures.ts';
import { tempDir } from '../helpers/temp.ts';

const TREE = new URL('../fixtures/tree', import.meta.url).pathname;
const LEGACY = new URL('../fixtures/tree-legacy', import.meta.url).pathname;
const t = (key: string, vars?: Record<string, string | number>) => `${key}${vars ? JSON.stringify(vars) : ''}`;

function target(button: LessonButton): string {
  if (button.kind === 'url') return `url ${button.url}`;
  if (button.kind === 'node') return `node ${button.node}`;
  return `lesson ${button.slug}${button.segment ? `#${button.segment}` : ''}`;
}

function walk(node: TreeNode, visit: (node: TreeNode) => void): void {
  visit(node);
  node.children.forEach((child) => walk(child, visit));
}

/** Every message, menu page and checklist page the bot can send for a catalog, in every language. */
function everyOutgoing(catalog: Catalog, langs: string[]): Array<{ where: string; text: string; markdown: boolean; caption: boolean; buttons: Array<{ text: string; callback_data?: string; url?: string }> }> {
  const out: ReturnType<typeof everyOutgoing> = [];
  for (const lesson of catalog.lessons.values()) {
    for (const version of lesson.versions.values()) {
      version.messages.forEach((message, index) => {
        const built = lessonMessage(catalog, lesson, version, index, t);
        out.push({ where: `${lesson.slug} [${version.lang}] ${index}`, text: built.text, markdown: true, caption: Boolean(message.photo), buttons: built.reply_markup!.inline_keyboard.flat() });
      });
    }
  }
  for (const entry of catalog.allChecklists()) {
    for (const [lang, checklist] of entry.versions) {
      checklistPages(checklist).forEach((_, page) => {
        const ticked = new Set(checklist.items.map((_, i) => i).filter((i) => i % 2 === 0));
        const built = checklistMessage(catalog, entry, checklist, ticked, page, t);
        out.push({ where: `checklist ${entry.id} [${lang}] page ${page}`, text: built.text, markdown: true, caption: false, buttons: built.reply_markup!.inline_keyboard.flat() });
      });
    }
  }
  for (const lang of langs) {
    walk(catalog.root, (node) => {
      for (let page = 0; page < 3; page++) {
        const view = treeView(catalog, node, lang, page, t, { lessons: new Set() });
        out.push({ where: `menu ${node.id || 'root'} [${lang}] page ${page}`, text: view.text, markdown: false, caption: false, buttons: view.reply_markup.inline_keyboard.flat() });
      }
    });
  }
  return out;
}

describe('a content tree (<lang>/…, .category.yml, s_*.md, c_*.yml)', () => {
  let library: LoadedLibrary;
  before(async () => {
    library = await loadLibrary(TREE, { workers: 0 });
  });

  it('builds categories, topics, levels, tools, glossary and pathways in the order of .category.yml', () => {
    const { catalog } = library;
    const titles = (node: TreeNode, lang: string) => node.children.map((child) => catalog.nodeTitle(child, lang).title);
    assert.deepEqual(titles(catalog.root, 'en'), ['Communications', 'Information', 'Tools', 'Glossary', 'Pathways'], 'forms/ is ignored');
    const communications = catalog.node('communications')!;
    assert.deepEqual(titles(communications, 'en'), ['Mobile phones', 'Email']);
    assert.deepEqual(titles(catalog.node('communications/mobile-phones')!, 'en'), ['Beginner', 'Advanced']);
    assert.deepEqual(
      catalog.node('tools/messaging')!.children.map((c) => `${c.kind} ${c.id}`),
      ['lesson tools/messaging/signal', 'lesson tools/messaging/jitsi'],
      'each tool guide is a lesson of its own',
    );
    assert.equal(catalog.node('pathways/travel')!.kind, 'checklist');
    assert.equal(catalog.nodeTitle(catalog.node('pathways/travel')!, 'en').title, 'Travelling safely');
    // Titles and descriptions in the learner's language, right-to-left and Chinese included.
    for (const lang of ['fa', 'zh-Hant']) {
      const title = catalog.nodeTitle(communications, lang).title;
      assert.notEqual(title, 'Communications', lang);
      assert.match(title, lang === 'fa' ? /\p{Script=Arabic}/u : /\p{Script=Han}/u);
    }
    assert.ok(catalog.nodeTitle(communications, 'en').description, 'descriptions come from .category.yml');
  });

  it('reads a level as one lesson: its segments in index order, each starting at its first message', async () => {
    const { catalog } = library;
    const level = catalog.bySlug('communications/mobile-phones/beginner')!;
    const version = level.versions.get('en')!;
    assert.deepEqual(version.segments!.map((s) => s.name), ['basics', 'calls', 'settings']);
    for (const segment of version.segments!) {
      const first = parseMarkdownV2(version.messages[segment.start]!.text);
      assert.ok(first.ok);
      assert.ok(first.text.startsWith(segment.title), `${segment.name} starts with its title: ${first.text.slice(0, 60)}`);
    }
    assert.equal(version.title, 'Mobile phones · Beginner');
    // The reading order follows the tree.
    assert.deepEqual(
      catalog.list('en').slice(0, 4).map((v) => v.slug),
      ['communications/mobile-phones/beginner', 'communications/mobile-phones/advanced', 'communications/email/beginner', 'information/passwords/beginner'],
    );
  });

  it('turns every link form into a button that opens the right place', () => {
    const { catalog } = library;
    const buttons = new Map<string, string>();
    for (const slug of ['communications/mobile-phones/beginner', 'communications/email/beginner']) {
      for (const message of catalog.bySlug(slug)!.versions.get('en')!.messages) for (const b of message.buttons) buttons.set(`${slug.split('/')[1]}: ${b.label}`, target(b));
    }
    const expected: Record<string, string> = {
      // umbrella://lesson/<name>: a title, lower case; a title in another language; a name with spaces
      'mobile-phones: strong passwords': 'lesson information/passwords/beginner#strong-passwords',
      'mobile-phones: رمزهای عبور قوی': 'lesson information/passwords/beginner#strong-passwords',
      'email: social media': 'node information/social-media',
      // relative paths: a topic folder, a segment elsewhere, a sibling segment, a sibling level
      'mobile-phones: email lessons': 'node communications/email',
      'mobile-phones: password manager': 'lesson information/passwords/beginner#password-managers',
      'mobile-phones: advanced level': 'lesson communications/mobile-phones/advanced',
      // umbrella:// paths: topic, level, segment, tool
      'mobile-phones: all email lessons': 'node communications/email',
      'email: password lessons': 'lesson information/passwords/beginner',
      'mobile-phones: secure calls': 'lesson communications/mobile-phones/beginner#calls',
      'email: Signal guide': 'lesson tools/messaging/signal',
      // the web, including a loose `[text] (url)`
      'mobile-phones: Surveillance Self-Defense': 'url https://ssd.eff.org/',
      'mobile-phones: Security Planner': 'url https://example.org/',
      'email: this example': 'url http://example.com/',
    };
    for (const [label, where] of Object.entries(expected)) assert.equal(buttons.get(label), where, label);
    const labels = [...buttons.keys()];
    for (const broken of ['gone', 'no topic', 'no segment']) assert.ok(!labels.some((l) => l.endsWith(`: ${broken}`)), `${broken} is no button`);
  });

  it('reports exactly the links and images that lead nowhere, with file and line', async () => {
    const planted = await plantedProblems(TREE);
    const reported = library.problems.map((p) => `${p.path.slice(TREE.length + 1)}:${p.line}`).sort();
    assert.deepEqual(reported, planted);
    assert.ok(library.problems.every((p) => p.severity === 'warning'));
  });

  it('sends images beside a segment as photos, and a missing one as readable text', () => {
    const { catalog } = library;
    for (const lang of ['en', 'fa', 'zh-Hant']) {
      const version = catalog.bySlug('communications/mobile-phones/beginner')!.versions.get(lang)!;
      const photos = version.messages.filter((m) => m.photo);
      assert.equal(photos.length, 1, lang);
      assert.equal(photos[0]!.photo!.path, join(TREE, lang, 'communications/mobile-phones/beginner/phone.png'));
      assert.ok(version.messages.every((m) => !/!\[|phone\.png/.test(m.text)), `${lang}: no image markup in any text`);
    }
    const en = catalog.bySlug('communications/mobile-phones/beginner')!.versions.get('en')!;
    const caption = parseMarkdownV2(en.messages.find((m) => m.photo)!.text);
    assert.ok(caption.ok && caption.text.includes('A phone showing an encrypted call'), 'the alt text is the caption');
    const jitsi = catalog.bySlug('tools/messaging/jitsi')!.versions.get('en')!;
    assert.ok(jitsi.messages.every((m) => !m.photo));
    assert.ok(jitsi.messages.some((m) => parseMarkdownV2(m.text).ok && (parseMarkdownV2(m.text) as { text: string }).text.includes('diagram')));
  });

  it('splits a segment of over 90,000 characters into valid messages and loses nothing', async () => {
    const source = await readFile(join(TREE, 'en/communications/mobile-phones/advanced/s_long.md'), 'utf8');
    assert.ok(source.length > 90_000);
    const version = library.catalog.bySlug('communications/mobile-phones/advanced')!.versions.get('en')!;
    assert.ok(version.messages.length >= 22, `${version.messages.length} messages`);
    const texts = version.messages.map((m, i) => {
      const parsed = parseMarkdownV2(m.text);
      assert.ok(parsed.ok, `message ${i}: ${!parsed.ok && parsed.error}`);
      assert.ok(parsed.text.length <= 4096);
      return parsed.text;
    });
    assert.equal(texts.filter((text) => text.includes('quokkaphone')).length, 1, 'the rare word is in exactly one message');
  });

  it('keeps checklists: checks and labels in order, links inside items working', () => {
    const { catalog } = library;
    const entry = catalog.checklistById('communications/mobile-phones/beginner')!;
    assert.equal(entry.lessonSlug, 'communications/mobile-phones/beginner');
    const checklist = entry.versions.get('en')!;
    assert.deepEqual(checklist.items.map((i) => i.kind), ['check', 'check', 'label', 'check', 'check']);
    assert.equal(checklist.items[2]!.plain, 'For calls and messages');
    const message = checklistMessage(catalog, entry, checklist, new Set([0]), 0, t);
    const parsed = parseMarkdownV2(message.text);
    assert.ok(parsed.ok);
    assert.ok(parsed.entities.some((e) => e.type._ === 'textEntityTypeTextUrl' && e.type.url === 'https://signal.org/'), 'a web link in an item is a link in the text');
    const buttons = message.reply_markup!.inline_keyboard.flat();
    const ticks = buttons.filter((b) => 'callback_data' in b && b.callback_data.startsWith('k:'));
    assert.equal(ticks.length, 4, 'one tick button per check, none for the label');
    assert.ok(ticks[0]!.text.startsWith('✅') && ticks[1]!.text.startsWith('⬜'));
    assert.ok(buttons.some((b) => b.text.includes('passwords') && 'callback_data' in b && b.callback_data.startsWith('o:')), 'an internal link in an item is a button');
    const pathway = catalog.checklistById('pathways/travel')!;
    assert.equal(pathway.lessonSlug, undefined);
    assert.deepEqual([...pathway.versions.keys()].sort(), ['en', 'fa', 'zh-Hant']);
  });

  it('produces only messages Telegram accepts, and callback data of at most 64 bytes, in every language', () => {
    const outgoing = everyOutgoing(library.catalog, ['en', 'fa', 'zh-Hant', 'ar']);
    assert.ok(outgoing.length > 100);
    for (const message of outgoing) {
      if (message.markdown && !(message.caption && !message.text)) {
        const parsed = parseMarkdownV2(message.text);
        assert.ok(parsed.ok, `${message.where}: ${!parsed.ok && parsed.error}`);
        assert.ok(parsed.text.length <= (message.caption ? 1024 : 4096), message.where);
      } else if (!message.markdown) {
        assert.ok(message.text.trim() && message.text.length <= 4096, message.where);
      }
      for (const button of message.buttons) {
        if (button.callback_data !== undefined) assert.ok(Buffer.byteLength(button.callback_data) <= 64, `${message.where}: ${button.callback_data}`);
        if (button.url !== undefined) assert.match(button.url, /^(https?|tg):/, message.where);
        assert.ok(button.text.trim(), `${message.where}: a button without text`);
        assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(button.text), `${message.where}: a cut emoji in ${button.text}`);
      }
    }
  });

  it('keeps callback keys stable across loads and unaffected by other content', async () => {
    const copy = await tempDir();
    await cp(TREE, copy, { recursive: true });
    await writeFile(join(copy, 'en/communications/email/beginner/s_aaa.md'), '---\nindex: 0\ntitle: New first segment\n---\nNew text.\n');
    const again = await loadLibrary(copy, { workers: 0 });
    const keys = (catalog: Catalog) => {
      const all: string[] = [];
      walk(catalog.root, (node) => all.push(`${node.id}=${node.key}`));
      for (const lesson of catalog.lessons.values()) all.push(`${lesson.slug}=${lesson.key}`);
      for (const entry of catalog.allChecklists()) all.push(`${entry.id}=${entry.key}`);
      return all.sort();
    };
    assert.deepEqual(keys(again.catalog), keys(library.catalog));
    // Keys are derived from the tree path: deep paths still give short keys.
    assert.ok(keys(library.catalog).every((entry) => entry.split('=')[1]!.length === 10));
  });
});

describe('the older variant (contents_<lang>/, .metadata.md, .checks.md)', () => {
  let library: LoadedLibrary;
  before(async () => {
    library = await loadLibrary(LEGACY, { workers: 0 });
  });

  it('loads with no problem, titles and order from .metadata.md, segments ordered by [Order]', () => {
    const { catalog, problems } = library;
    assert.deepEqual(problems, []);
    assert.deepEqual(catalog.root.children.map((c) => catalog.nodeTitle(c, 'en').title), ['Communications', 'Tools']);
    const level = catalog.bySlug('communications/calls/beginner')!;
    assert.deepEqual([...level.versions.keys()].sort(), ['ar', 'en', 'zh-Hant']);
    assert.deepEqual(level.versions.get('en')!.segments!.map((s) => s.name), ['intro', 'apps']);
    assert.match(catalog.nodeTitle(catalog.node('communications')!, 'ar').title, /\p{Script=Arabic}/u);
    const apps = level.versions.get('en')!;
    const toIntro = apps.messages.flatMap((m) => m.buttons).find((b) => b.kind === 'lesson');
    assert.equal(toIntro && target(toIntro), 'lesson communications/calls/beginner#intro', 'a relative link to a sibling file opens that segment');
  });

  it('reads .checks.md pairs: NoCheck true is a label', () => {
    const entry = library.catalog.checklistById('communications/calls/beginner')!;
    for (const checklist of entry.versions.values()) {
      assert.deepEqual(checklist.items.map((i) => i.kind), ['check', 'label', 'check', 'check']);
    }
  });

  it('produces only messages Telegram accepts', () => {
    for (const message of everyOutgoing(library.catalog, ['en', 'ar', 'zh-Hant'])) {
      if (!message.markdown) continue;
      const parsed = parseMarkdownV2(message.text);
      assert.ok(parsed.ok, `${message.where}: ${!parsed.ok && parsed.error}`);
    }
  });
});
