// The search index: tokenizer, ranking, languages, query safety, chunks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Catalog, type Checklist, type LessonVersion } from '../../src/content/catalog.ts';
import { loadLibrary } from '../../src/content/library.ts';
import { escapeMarkdownV2, markdownV2PlainText } from '../../src/content/telegram-text.ts';
import { ftsQuery, normaliseForSearch, queryTerms, SearchIndex, searchIndexFor, snippet } from '../../src/storage/search-index.ts';
import { tempDir, writeTree } from '../helpers/temp.ts';

function version(slug: string, lang: string, title: string, texts: string[], extra: Partial<LessonVersion> = {}): LessonVersion {
  return {
    slug,
    lang,
    title,
    order: 0,
    aliases: [],
    path: `${slug}/${lang}.md`,
    messages: texts.map((text) => ({ text: escapeMarkdownV2(text), buttons: [] })),
    ...extra,
  };
}

function index(versions: LessonVersion[]): SearchIndex {
  return new SearchIndex(new Catalog(versions, 'en'));
}

const slugs = (idx: SearchIndex, query: string, lang = 'en') => idx.search(query, { lang, limit: 50 }).hits.map((h) => `${h.lesson.slug}/${h.version.lang}`);

describe('search normalisation', () => {
  it('removes accents, harakat and tatweel, unifies Arabic and Persian letters, pairs Chinese characters', () => {
    assert.equal(normaliseForSearch('Téléphone ÉCRAN'), 'telephone ecran');
    // Arabic with harakat and tatweel, and the same word without.
    assert.equal(normaliseForSearch('كَلِمَةُ'), normaliseForSearch('كلمة'));
    assert.equal(normaliseForSearch('المـــرور'), normaliseForSearch('المرور'));
    // Arabic yeh/kaf and Persian yeh/keheh are one letter to the index.
    assert.equal(normaliseForSearch('امنيتي كليد'), normaliseForSearch('امنیتی کلید'));
    // ZWNJ separates like a space; Persian digits are digits.
    assert.equal(normaliseForSearch('می‌خواهم').trim(), normaliseForSearch('می خواهم').trim());
    assert.equal(normaliseForSearch('۲۰۲۶'), '2026');
    // Full-width Latin letters are letters.
    assert.equal(normaliseForSearch('ＷｈａｔｓＡｐｐ'), 'whatsapp');
    // Chinese: overlapping pairs, the last character alone.
    assert.deepEqual(normaliseForSearch('用手機密碼').trim().split(/\s+/), ['用手', '手機', '機密', '密碼', '碼']);
  });

  it('builds FTS queries from quoted words only, whatever the user typed', () => {
    assert.equal(ftsQuery(queryTerms('phone taken')), '"phone" AND "taken"*');
    assert.equal(ftsQuery(queryTerms('手機 被扣押 手')), '"手機" AND "被扣 扣押" AND "手"*');
    assert.equal(ftsQuery(queryTerms('"*(:^-')), '');
    assert.equal(ftsQuery(queryTerms('NEAR(a b) OR title:x')), '"near" AND "a" AND "b" AND "or" AND "title" AND "x"');
    for (const typed of ['a"b', 'x*y', 'col:val', '^start', '-not', '(a OR b)', '{title body}: x', 'a + b']) {
      for (const term of queryTerms(typed)) for (const word of term.words) assert.match(word, /^[\p{L}\p{N}]+$/u, typed);
    }
  });
});

describe('the search index', () => {
  it('opens a long lesson at the message holding a word found only in its middle', async () => {
    const dir = await tempDir();
    const part = (n: number) =>
      `## Part ${n}\n\n` + Array.from({ length: 12 }, (_, i) => `Paragraph ${n}.${i}: ${'keep your devices updated and your accounts protected '.repeat(6)}`).join('\n\n');
    const middle = 'If your phone was confiscated at a checkpoint, change your passwords from another device.';
    const text = `---\ntitle: Long lesson\n---\n${part(1)}\n\n${part(2)}\n\n${middle}\n\n${part(3)}\n\n${part(4)}\n`;
    await writeTree(dir, { 'long/en.md': text, 'other/en.md': '---\ntitle: Other\n---\nNothing about phones here.\n' });
    const { catalog } = await loadLibrary(dir, { workers: 0 });
    const long = catalog.bySlug('long')!.versions.get('en')!;
    const expected = long.messages.findIndex((m) => markdownV2PlainText(m.text).includes('confiscated'));
    assert.ok(long.messages.length >= 4, `the lesson is long (${long.messages.length} messages)`);
    assert.ok(expected > 0 && expected < long.messages.length - 1, `the word is in a middle message (${expected})`);

    const { hits } = searchIndexFor(catalog).search('confiscated', { lang: 'en' });
    assert.equal(hits.length, 1);
    assert.equal(hits[0]!.lesson.slug, 'long');
    assert.equal(hits[0]!.index, expected);
    assert.match(hits[0]!.snippet, /phone was confiscated/);
    // Typing: a prefix of the last word is enough.
    assert.equal(searchIndexFor(catalog).search('phone confisc', { lang: 'en' }).hits[0]?.index, expected);
  });

  it('finds Chinese words of two characters, in order, and not scattered characters', () => {
    const idx = index([
      version('seized', 'zh-Hant', '裝置被扣押', ['如果您的手機被沒收，請立即從另一台裝置變更密碼。']),
      version('machines', 'zh-Hant', '其他', ['機器與手工的差別。']),
      version('seized', 'en', 'Seized devices', ['If your phone was seized, change your passwords.']),
    ]);
    assert.deepEqual(slugs(idx, '手機', 'zh-Hant'), ['seized/zh-Hant']);
    assert.deepEqual(slugs(idx, '沒收', 'zh-Hant'), ['seized/zh-Hant']);
    assert.deepEqual(slugs(idx, '手機 密碼', 'zh-Hant'), ['seized/zh-Hant']);
    assert.deepEqual(slugs(idx, '另一台裝置', 'zh-Hant'), ['seized/zh-Hant'], 'a longer word');
    assert.deepEqual(slugs(idx, '台裝置另', 'zh-Hant'), [], 'not the same characters in another order');
    // One character: wherever it is in a run, last included (碼 ends "密碼。").
    assert.deepEqual(slugs(idx, '碼', 'zh-Hant'), ['seized/zh-Hant']);
    assert.deepEqual(slugs(idx, '機', 'zh-Hant').sort(), ['machines/zh-Hant', 'seized/zh-Hant']);
    // "機手" is no word of either lesson, though both characters occur.
    assert.deepEqual(slugs(idx, '機手', 'zh-Hant'), []);
    assert.match(idx.search('沒收', { lang: 'zh-Hant' }).hits[0]!.snippet, /手機被沒收/);
  });

  it('matches Arabic and Persian whatever the diacritics and letter forms', () => {
    const idx = index([
      version('passwords', 'ar', 'كَلِمَاتُ المُرُورِ', ['اخْتَرْ كَلِمَةَ مُرُورٍ طَوِيلَةً لِكُلِّ حِسَابٍ.']),
      version('keys', 'fa', 'کلید امنیتی', ['یک کلید امنیتی سخت‌افزاری برای حساب‌های مهم تهیه کنید.']),
    ]);
    assert.deepEqual(slugs(idx, 'كلمة مرور', 'ar'), ['passwords/ar']);
    assert.deepEqual(slugs(idx, 'حساب', 'ar'), ['passwords/ar', 'keys/fa']);
    // Persian text, typed with an Arabic keyboard (ي, ك).
    assert.deepEqual(slugs(idx, 'كليد امنيتي', 'fa'), ['keys/fa']);
    // ZWNJ or a space, the same words.
    assert.deepEqual(slugs(idx, 'سخت افزاری', 'fa'), ['keys/fa']);
    assert.deepEqual(slugs(idx, 'سخت‌افزاری', 'fa'), ['keys/fa']);
    // The snippet shows the text as written, harakat included.
    assert.match(idx.search('طويلة', { lang: 'ar' }).hits[0]!.snippet, /طَوِيلَةً/);
  });

  it('puts lessons in the learner’s language first, and a title above a passing mention', () => {
    const idx = index([
      version('plan', 'en', 'Make a security plan', ['Write down what you protect and from whom.']),
      version('plan', 'es', 'Haga un plan de seguridad', ['Escriba qué protege y de quién.']),
      version('travel', 'en', 'Travel', ['Before you travel, read your plan again.', 'Cross the border with a clean phone.']),
      version('travel', 'es', 'Viajes', ['Antes de viajar, relea su plan.']),
    ]);
    assert.deepEqual(slugs(idx, 'plan', 'es'), ['plan/es', 'travel/es']);
    assert.deepEqual(slugs(idx, 'plan', 'en'), ['plan/en', 'travel/en']);
    // Only Spanish has the word: the Spanish lessons come, whatever the learner's language.
    assert.deepEqual(slugs(idx, 'relea', 'en'), ['travel/es']);
    // One result per lesson: the best of its messages.
    const travel = idx.search('border', { lang: 'en' }).hits;
    assert.equal(travel.length, 1);
    assert.equal(travel[0]!.index, 1);
  });

  it('finds checklist items and opens the lesson at its last message', () => {
    const checklist: Checklist = {
      id: 'accounts/beginner',
      path: 'accounts/beginner/c_checklist.yml',
      title: 'Checklist',
      items: [
        { kind: 'label', text: 'Accounts', plain: 'Accounts', buttons: [] },
        { kind: 'check', text: 'Turn on two\\-factor authentication', plain: 'Turn on two-factor authentication', buttons: [] },
      ],
    };
    const idx = index([version('accounts', 'en', 'Accounts', ['Passwords first.', 'Then recovery codes.'], { checklist })]);
    const [hit] = idx.search('authentication', { lang: 'en' }).hits;
    assert.equal(hit?.field, 'checklist');
    assert.equal(hit?.index, 1);
  });

  it('answers any input without an error: FTS syntax, emoji, empty, very long', () => {
    const idx = index([
      version('phone', 'en', 'Phone', ['Lock your phone with a long PIN.']),
      version('pins', 'en', 'PINs', ['A PIN for the SIM card of a phone.']),
      version('other', 'en', 'Other', ['Nothing.']),
    ]);
    for (const query of ['"*(:^-', '"', '*', 'NEAR(', 'phone OR', 'AND', '-phone', 'title:phone', '^phone', 'phone"', '(phone)', '🙂🔒', '', '   ', 'x'.repeat(4000), 'phone '.repeat(700), '\u0000', '\uD800']) {
      const result = idx.search(query, { lang: 'en' });
      assert.ok(Array.isArray(result.hits), query.slice(0, 20));
    }
    assert.deepEqual(slugs(idx, '"*(:^-'), []);
    // Neither NOT, nor a phrase, nor a column filter: words.
    assert.deepEqual(slugs(idx, '-phone'), ['phone/en', 'pins/en']);
    assert.deepEqual(slugs(idx, '"phone"'), ['phone/en', 'pins/en']);
    assert.deepEqual(slugs(idx, 'title:phone').sort(), ['phone/en', 'pins/en']);
    assert.deepEqual(slugs(idx, 'phone NOT pin'), ['phone/en', 'pins/en']);
  });

  it('falls back to any of the words when no lesson has them all', () => {
    const idx = index([version('whatsapp', 'en', 'WhatsApp', ['WhatsApp encrypts messages end to end, but keeps metadata.']), version('other', 'en', 'Other', ['Nothing.'])]);
    assert.deepEqual(slugs(idx, 'is whatsapp safe'), ['whatsapp/en']);
  });

  it('cuts snippets around the match, on word boundaries', () => {
    const text = `${'Lorem ipsum dolor sit amet. '.repeat(10)}Your passport is a document. ${'More words follow here. '.repeat(10)}`;
    const cut = snippet(text, queryTerms('passport'));
    assert.ok(cut.length <= 95, cut);
    assert.match(cut, /^….*passport.*…$/);
    assert.equal(snippet('Short text.', queryTerms('x')), 'Short text.');
  });

  it('is rebuilt for a new catalog, and the old one is closed', () => {
    const first = new Catalog([version('a', 'en', 'Alpha', ['alpha'])], 'en');
    const second = new Catalog([version('b', 'en', 'Beta', ['beta'])], 'en');
    const one = searchIndexFor(first);
    assert.equal(searchIndexFor(first), one, 'built once per catalog');
    const two = searchIndexFor(second);
    assert.notEqual(two, one);
    assert.equal(one.db.open, false);
    assert.deepEqual(slugs(two, 'beta'), ['b/en']);
    assert.ok(two.stats.ms >= 0 && two.stats.rows === 1);
  });
});
