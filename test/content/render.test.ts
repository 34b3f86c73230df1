// Regressions for the failures of telegramify-markdown measured on real
// lessons (/work/shared/FACTS.md), each asserted on what Telegram's own parser
// (TDLib) makes of the pipeline's output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileLessonText } from '../../src/content/compile.ts';
import { prepareMarkdown } from '../../src/content/markdown.ts';
import { renderBlock } from '../../src/content/render.ts';
import { type ParsedText, parseMarkdownV2 } from '../helpers/tdlib.ts';

type Entity = ParsedText['entities'][number];

interface Shown {
  /** every message's text, joined by blank lines */
  text: string;
  /** entities with offsets into `text` */
  entities: Entity[];
  markdown: string;
}

/** A lesson body through the whole pipeline, as Telegram shows it. */
function show(body: string): Shown {
  const compiled = compileLessonText(body, 'T');
  if (!compiled.ok) assert.fail(`does not compile: ${compiled.reason}`);
  let text = '';
  const entities: Entity[] = [];
  const markdown: string[] = [];
  for (const chunk of compiled.lesson.chunks) {
    const result = parseMarkdownV2(chunk.text);
    if (!result.ok) assert.fail(`Telegram refuses ${JSON.stringify(chunk.text)}: ${result.error}`);
    if (text) text += '\n\n';
    for (const entity of result.entities) entities.push({ ...entity, offset: entity.offset + text.length });
    text += result.text;
    markdown.push(chunk.text);
  }
  return { text, entities, markdown: markdown.join('\n\n') };
}

/** The text an entity covers. */
const covered = (shown: Shown, entity: Entity) => shown.text.slice(entity.offset, entity.offset + entity.length);
const ofType = (shown: Shown, type: string) => shown.entities.filter((entity) => entity.type._ === type);
const links = (shown: Shown) => ofType(shown, 'textEntityTypeTextUrl').map((entity) => ({ text: covered(shown, entity), url: entity.type.url }));

describe('text Telegram shows as written', () => {
  it('keeps the backslashes of a Windows path (telegramify drops them)', () => {
    const shown = show('Open C:\\Windows\\System32 and \\\\server\\share.');
    assert.match(shown.text, /Open C:\\Windows\\System32 and \\server\\share\./);
  });

  it('shows a link to a non-URL target as its text, not doubly escaped (`[a.b](c)`)', () => {
    const shown = show('See [a.b](c) and [x_y (z)!](d/e.md).');
    assert.ok(shown.text.includes('See a.b and x_y (z)!.'), shown.text);
    assert.doesNotMatch(shown.text, /\\/);
    assert.deepEqual(links(shown), []);
  });

  it('keeps every special character of plain text', () => {
    const specials = '_ * [ ] ( ) ~ ` > # + - = | { } . ! \\';
    const escaped = specials.replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (c) => '\\' + c);
    assert.ok(show(`Specials: ${escaped} end`).text.includes(`Specials: ${specials} end`));
  });

  it('shows emoji, flags, RTL and CJK text unchanged', () => {
    const line = '👩‍💻 🏳️‍🌈 🇺🇦 👍🏽 الأمان الرقمي امنیت دیجیتال 數位安全';
    assert.ok(show(line).text.includes(line));
  });

  it('turns astral numeric character references into their character', () => {
    // The parser alone turns &#x1F600; into U+F600.
    const shown = show('Smile &#x1F600; &#128512; and &eacute; &#233;, code `&#x1F600;` stays.');
    assert.ok(shown.text.includes('Smile 😀 😀 and é é, code &#x1F600; stays.'), shown.text);
  });
});

describe('emphasis', () => {
  for (const [source, shownText, type] of [
    ['*_a_ b*', 'a b', 'textEntityTypeItalic'],
    ['***x***', 'x', 'textEntityTypeItalic'],
    ['**bold _it_**', 'bold it', 'textEntityTypeBold'],
    ['~~del **b**~~', 'del b', 'textEntityTypeStrikethrough'],
    ['_a **b** c_', 'a b c', 'textEntityTypeItalic'],
    ['**a *b* c**', 'a b c', 'textEntityTypeBold'],
  ] as const) {
    it(`nested emphasis ${source} parses and shows "${shownText}"`, () => {
      const shown = show(`Before ${source} after.`);
      assert.ok(shown.text.includes(`Before ${shownText} after.`), shown.text);
      assert.ok(
        ofType(shown, type).some((entity) => covered(shown, entity).includes(shownText.split(' ')[0]!)),
        `no ${type} in ${JSON.stringify(shown.entities)}`,
      );
    });
  }

  it('adjacent italics stay two italics, not an underline ("_a__b_")', () => {
    const shown = show('x *a*_b_ and *c*[*d*](umbrella://lesson/e) end');
    assert.deepEqual(ofType(shown, 'textEntityTypeUnderline'), []);
    const italics = ofType(shown, 'textEntityTypeItalic').map((entity) => covered(shown, entity));
    assert.deepEqual(italics, ['a', 'b', 'c', 'd']);
    assert.equal(shown.text.replace(/\r/g, ''), 'T\n\nx ab and cd end');
  });

  it('headings with emphasis and links stay readable and keep their link', () => {
    const shown = show('# Title with *emphasis* and [link](https://example.org/x)\n\nBody.');
    assert.ok(shown.text.startsWith('Title with emphasis and link\n\nBody.'), shown.text);
    assert.deepEqual(links(shown), [{ text: 'link', url: 'https://example.org/x' }]);
  });
});

describe('raw HTML', () => {
  it('shows the text of HTML without its tags', () => {
    const shown = show(
      [
        '<div>block html with <b>bold</b></div>',
        '',
        'line one<br>line two',
        '',
        'inline <b>x</b> and <span class="c">y</span> &amp; z',
        '',
        '<!-- comment -->',
        '',
        'visible <!-- inline comment --> too',
        '',
        '<script>alert("hidden")</script>',
        '',
        '<table><tr><td>cell 1</td><td>cell 2</td></tr></table>',
      ].join('\n'),
    );
    assert.doesNotMatch(shown.text, /<\/?[a-z!][^>]*>/i);
    for (const part of ['block html with bold', 'line one\nline two', 'inline x and y & z', 'visible', 'too', 'cell 1', 'cell 2']) {
      assert.ok(shown.text.includes(part), `${JSON.stringify(part)} missing from ${JSON.stringify(shown.text)}`);
    }
    assert.ok(!shown.text.includes('cell 1cell 2'), 'table cells run together');
    assert.doesNotMatch(shown.text, /comment|alert|hidden|&amp;/);
  });
});

describe('tables', () => {
  it('shows every cell, escaped pipes, emphasis and links', () => {
    const shown = show(
      [
        '| Tool | Notes \\| more | Link |',
        '|---|:---:|--:|',
        '| **Signal** | a \\| b | [site](https://signal.org/) |',
        '| *Tor* | 1.5 + 2 = 3.5! | [lesson](umbrella://lesson/tor) |',
        '| C:\\Windows | `x \\| y` | |',
      ].join('\n'),
    );
    for (const cell of ['Tool', 'Notes | more', 'Link', 'Signal', 'a | b', 'site', 'Tor', '1.5 + 2 = 3.5!', 'lesson', 'C:\\Windows', 'x | y']) {
      assert.ok(shown.text.includes(cell), `cell ${JSON.stringify(cell)} missing from ${JSON.stringify(shown.text)}`);
    }
    assert.doesNotMatch(shown.text, /\|\s*-{3}|:-{3}:|-{3}:/);
    assert.deepEqual(links(shown), [{ text: 'site', url: 'https://signal.org/' }]);
    assert.ok(ofType(shown, 'textEntityTypeBold').some((e) => covered(shown, e).includes('Signal')));
    assert.ok(ofType(shown, 'textEntityTypeItalic').some((e) => covered(shown, e) === 'Tor'));
  });
});

describe('thematic breaks', () => {
  it('never shows --- or *** as raw markup', () => {
    const shown = show('Before.\n\n---\n\nMiddle.\n\n***\n\n___\n\nAfter.');
    assert.doesNotMatch(shown.text, /---|\*\*\*|___/);
    assert.match(shown.text, /Before\.[\s\S]*Middle\.[\s\S]*After\./);
  });
});

describe('images', () => {
  it('never shows ![ or ]( and keeps the alt text', () => {
    const shown = show(
      '![A diagram](pic.png)\n\n![](x.png)\n\nInline ![an icon](https://example.org/i.png "t") here.\n\n[![badge](b.png)](https://example.org/b)\n\n![ref][img]\n\n[img]: img.png',
    );
    assert.doesNotMatch(shown.text, /!\[|\]\(/);
    for (const alt of ['A diagram', 'an icon', 'badge', 'ref']) assert.ok(shown.text.includes(alt), `${alt} missing`);
    assert.ok(!shown.text.includes('pic.png'));
  });
});

describe('links', () => {
  it('shows a mailto link as its address, with no broken http://mailto link', () => {
    const shown = show('Write to [our team](mailto:team@example.org?subject=Hi) or [t](tel:+123) or [a@b.org](mailto:a@b.org).');
    assert.ok(shown.text.includes('team@example.org'), shown.text);
    assert.ok(shown.text.includes('+123'), shown.text);
    assert.equal(shown.text.split('a@b.org').length - 1, 1, 'the address shown twice');
    assert.deepEqual(links(shown), []);
  });

  it('keeps ) and \\ in link targets', () => {
    const shown = show(
      [
        '[wiki](https://en.wikipedia.org/wiki/Signal_(software))',
        '[escaped](https://example.org/a\\)b)',
        '[angle](<https://example.org/c)d>)',
        '[tg](tg://resolve?domain=a\\\\b)',
        '[query](https://example.org/?q=a%5Cb&r=_x_)',
      ].join(' and '),
    );
    assert.deepEqual(links(shown), [
      { text: 'wiki', url: 'https://en.wikipedia.org/wiki/Signal_(software)' },
      { text: 'escaped', url: 'https://example.org/a)b' },
      { text: 'angle', url: 'https://example.org/c)d' },
      { text: 'tg', url: 'tg://resolve?domain=a\\b' },
      { text: 'query', url: 'https://example.org/?q=a%5Cb&r=_x_' },
    ]);
    assert.ok(shown.text.includes('wiki and escaped and angle and tg and query'), shown.text);
  });

  it('keeps special characters of link text', () => {
    const shown = show('[a_b *c* (d) {e} #f +g -h =i |j .k !l ~m >n \\\\o \\]p](https://example.org/s)');
    assert.deepEqual(links(shown), [{ text: 'a_b c (d) {e} #f +g -h =i |j .k !l ~m >n \\o ]p', url: 'https://example.org/s' }]);
  });

  it('repairs a loose link `[text] (https://x)` into a text link', () => {
    const shown = show('See [the site] (https://example.org/x) now.');
    assert.deepEqual(links(shown), [{ text: 'the site', url: 'https://example.org/x' }]);
    assert.ok(shown.text.includes('See the site now.'));
  });

  it('shows links to lessons, relative paths and other schemes as their text', () => {
    const shown = show('[x](umbrella://lesson/social media), [r](../../topic/sub), [f](ftp://x.org), [j](javascript:alert(1)), <https://x.org>.');
    assert.ok(shown.text.includes('x, r, f, j, https://x.org.'), shown.text);
    assert.deepEqual(links(shown), [{ text: 'https://x.org', url: 'https://x.org/' }]);
  });
});

describe('lists', () => {
  it('turns `*<tab>item` into bullets', () => {
    const shown = show('*\titem one\n*\titem two\n-\t\tdash item');
    assert.match(shown.text, /^• item one\n• item two$/m);
    assert.match(shown.text, /^• dash item$/m);
    assert.equal(ofType(shown, 'textEntityTypePre').length, 0, 'a tab made the item code');
  });

  it('does not mangle list item lines that begin with digits', () => {
    const shown = show(
      ['1. 2019 was a year', '2. 2020. was another', '', '- 2019 was a good year', '', '- an item', '', '  2019 was the second paragraph', '', '  2021 was a third'].join('\n'),
    );
    for (const line of ['1. 2019 was a year', '2. 2020. was another', '• 2019 was a good year', '• an item', '  2019 was the second paragraph', '  2021 was a third']) {
      assert.ok(shown.text.split('\n').includes(line), `${JSON.stringify(line)} missing from ${JSON.stringify(shown.text)}`);
    }
  });

  it('nests six levels of ordered and unordered lists', () => {
    const lines = [0, 1, 2, 3, 4, 5].map((level) => `${'   '.repeat(level)}${level % 2 ? '1.' : '-'} level ${level + 1}`);
    const shown = show(lines.join('\n'));
    for (let level = 1; level <= 6; level++) assert.match(shown.text, new RegExp(`^\\s*(•|1\\.) level ${level}$`, 'm'));
  });

  it('accepts two adjacent lists inside a quote or an item (no <!----> separator)', () => {
    const shown = show('> - dash\n> * star\n\n- item\n  - a\n  * b\n\n- x\n  - y\n\n  ```\n  code\n  ```');
    assert.doesNotMatch(shown.markdown, /<!--/);
    for (const part of ['dash', 'star', 'item', 'a', 'b', 'y', 'code']) assert.match(shown.text, new RegExp(`\\b${part}\\b`));
  });

  it('accepts a quote inside a list item', () => {
    const shown = show('- item\n  > quoted inside\n- next');
    assert.ok(shown.text.includes('quoted inside'));
  });

  it('shows task list boxes', () => {
    const shown = show('- [ ] open\n- [x] done');
    assert.match(shown.text, /• ☐ open\n• ☑ done/);
  });
});

describe('quotes and code', () => {
  it('shows quotes as Telegram quotes, without a leading space, nested ones flattened', () => {
    const shown = show('> first line\n> second line\n>\n> > nested\n\n> - a list\n> - in a quote');
    const quotes = ofType(shown, 'textEntityTypeBlockQuote').map((entity) => covered(shown, entity));
    assert.ok(quotes.some((quote) => quote.startsWith('first line second line') && quote.includes('nested')), JSON.stringify(quotes));
    assert.ok(quotes.some((quote) => quote.startsWith('• a list\n• in a quote')), JSON.stringify(quotes));
    assert.doesNotMatch(shown.text, /^ /m);
  });

  it('keeps code exactly, special characters and backslashes included', () => {
    const code = 'const s = "_*[]()~`>#+-=|{}.!\\\\"; // C:\\Windows\nf[0](a, b); see [x] (https://x.org) &#x1F600;';
    const shown = show('```js\n' + code + '\n```\n\nInline `a\\b` and ``x`y`` and `g[1](c d)`.');
    const pre = ofType(shown, 'textEntityTypePre').map((entity) => covered(shown, entity));
    assert.deepEqual(pre, [code + '\n']);
    const inline = ofType(shown, 'textEntityTypeCode').map((entity) => covered(shown, entity));
    assert.deepEqual(inline, ['a\\b', 'x`y', 'g[1](c d)']);
  });
});

describe('rendering one block', () => {
  it('renders what Telegram accepts for every block kind', () => {
    const source = '# H *e*\n\npara\n\n- a\n- b\n\n> q\n\n```\nc\n```\n\n| t | u |\n|---|---|\n| 1 | 2 |';
    for (const block of prepareMarkdown(source).blocks) {
      const result = parseMarkdownV2(renderBlock(block));
      assert.ok(result.ok, `${block.type}: ${JSON.stringify(renderBlock(block))}`);
    }
  });
});
