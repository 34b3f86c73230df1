// A deterministic corpus of hard Markdown lessons for the content pipeline.
// Everything is generated from a seeded PRNG (mulberry32), so the corpus is the
// same on every run and a failing lesson can be reproduced by name.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CorpusLesson {
  name: string;
  /** a lesson body (no metadata), as an author would write it */
  source: string;
}

/** Every character MarkdownV2 reserves, plus the backslash. */
export const MARKDOWN_V2_SPECIALS = '_*[]()~`>#+-=|{}.!';
export const ALL_SPECIALS = MARKDOWN_V2_SPECIALS + '\\';

/** mulberry32: a small, well-mixed 32-bit PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const WORDS = [
  'password', 'encryption', 'device', 'threat', 'model', 'backup', 'phishing', 'account', 'browser', 'update',
  'signal', 'network', 'secure', 'private', 'message', 'contact', 'travel', 'border', 'laptop', 'phone',
  'contraseña', 'cifrado', 'sécurité', 'chiffrement', 'пароль', 'шифрование', 'устройство', 'Sicherheit',
  'الأمان', 'التشفير', 'امنیت', 'رمزگذاری', '數位', '安全', '加密', '密碼', 'naïve', 'façade',
];
const EMOJI = ['🔒', '👩‍💻', '🏳️‍🌈', '🇺🇦', '🇯🇵', '👍🏽', '❤️', '1️⃣', '🧑🏿‍🤝‍🧑🏻', '🏴‍☠️', '🛡️'];
const WEB = ['https://example.org', 'https://securityinabox.org/en/', 'https://en.wikipedia.org/wiki/Signal_(software)', 'https://x.org/a_b?c=d&e=f'];
const INTERNAL = ['umbrella://lesson/social media', 'umbrella://communications/sending-a-message', '../../topic/sub', 'c', 'umbrella://tools/messaging/s_signal.md'];

/** Words joined by spaces and commas, never a sentence end (. ! ? ; : …). */
function words(g: Gen, count: number, extra: readonly string[] = []): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let word = g.chance(0.05) && extra.length ? g.pick(extra) : g.pick(WORDS);
    if (g.chance(0.08)) word += ',';
    out.push(word);
  }
  return out.join(' ');
}

/** Words up to about `chars` characters. */
function wordsOf(g: Gen, chars: number): string {
  let out = '';
  while (out.length < chars) out += (out ? ' ' : '') + g.pick(WORDS);
  return out;
}

function sentence(g: Gen): string {
  const parts: string[] = [];
  const n = g.int(4, 14);
  for (let i = 0; i < n; i++) {
    const r = g.next();
    const w = g.pick(WORDS);
    if (r < 0.06) parts.push(`**${w}**`);
    else if (r < 0.1) parts.push(`*${w}*`);
    else if (r < 0.12) parts.push(`~~${w}~~`);
    else if (r < 0.15) parts.push('`' + w + ' _*[]()~>#+-=|{}.!\\`');
    else if (r < 0.18) parts.push(`[${w}](${g.pick(WEB)})`);
    else if (r < 0.2) parts.push(`[${w}](${g.pick(INTERNAL)})`);
    else if (r < 0.22) parts.push(g.pick(EMOJI));
    else if (r < 0.24) parts.push(g.pick(['C:\\Windows\\System32', 'a_b_c', '2*3*4', '1+1=2', 'x > y', '{x}', 'a|b', '#tag', 'wow!', '(note)']));
    else parts.push(w);
  }
  return parts.join(' ') + g.pick(['.', '!', '?', '。', '؟', '…']);
}

function paragraph(g: Gen, sentences = g.int(1, 6)): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(g));
  return out.join(' ');
}

function list(g: Gen, depth: number, maxDepth: number, ordered: boolean): string {
  const indent = '   '.repeat(depth);
  const lines: string[] = [];
  const items = g.int(2, 4);
  for (let i = 0; i < items; i++) {
    const marker = ordered ? `${i + 1}.` : g.pick(['-', '*', '+']);
    // Keep one marker per list level so a list does not break in two.
    const bullet = ordered ? marker : ['-', '*', '+'][depth % 3]!;
    lines.push(`${indent}${bullet} ${sentence(g)}`);
    if (depth + 1 < maxDepth && i === 0) lines.push(list(g, depth + 1, maxDepth, g.chance(0.5)));
  }
  return lines.join('\n');
}

function table(g: Gen, rows: number): string {
  const lines = ['| Tool | Notes \\| pipes | Link |', '|---|:---:|--:|'];
  for (let i = 0; i < rows; i++) {
    lines.push(`| **${g.pick(WORDS)}** ${i} | *${g.pick(WORDS)}* a \\| b ${g.pick(EMOJI)} | [${g.pick(WORDS)}](${g.pick(WEB)}) |`);
  }
  return lines.join('\n');
}

function codeBlock(g: Gen, lines: number): string {
  const body: string[] = [];
  for (let i = 0; i < lines; i++) body.push(`x_${i} = "${g.pick(WORDS)} _*[]()~\`>#+-=|{}.!\\\\" # C:\\Windows`);
  return '```python\n' + body.join('\n') + '\n```';
}

function quote(g: Gen): string {
  return [`> ${paragraph(g, 2)}`, '>', `> - ${sentence(g)}`, `> - ${sentence(g)}`, '>', `> > ${sentence(g)}`].join('\n');
}

/** A random mixture of every block kind, about `target` characters long. */
function mixedLesson(g: Gen, target: number): string {
  const blocks: string[] = [];
  let length = 0;
  let section = 0;
  while (length < target) {
    const r = g.next();
    let block: string;
    if (r < 0.08) block = `${'#'.repeat(g.int(1, 3))} Section ${++section}: *${g.pick(WORDS)}* [${g.pick(WORDS)}](${g.pick(WEB)})`;
    else if (r < 0.45) block = paragraph(g);
    else if (r < 0.55) block = list(g, 0, g.int(1, 4), g.chance(0.4));
    else if (r < 0.62) block = table(g, g.int(1, 6));
    else if (r < 0.7) block = codeBlock(g, g.int(1, 12));
    else if (r < 0.77) block = quote(g);
    else if (r < 0.8) block = g.pick(['---', '***', '___']);
    else if (r < 0.84) block = `![${g.pick(['', 'diagram', 'a *b*'])}](${g.pick(['pic.png', 'https://x.org/i.png', 'img/x y.png'])})`;
    else if (r < 0.88) block = g.pick(['<div>raw <b>html</b> &amp; text</div>', 'a<br>b', '<!-- hidden comment -->', '<script>alert("x")</script>']);
    else if (r < 0.94) block = `- [ ] ${sentence(g)}\n- [x] ${sentence(g)}`;
    else block = `${g.pick(EMOJI)} ${words(g, g.int(5, 30), EMOJI)} ${g.pick(EMOJI)}`;
    blocks.push(block);
    length += block.length + 2;
  }
  return blocks.join('\n\n');
}

function deepLists(): string {
  const lines: string[] = ['# Deep lists', ''];
  // unordered, 6 levels, two-space indentation
  for (let level = 0; level < 6; level++) lines.push(`${'  '.repeat(level)}- unordered level ${level + 1} with *emphasis* and \`code\``);
  lines.push('');
  // ordered, 6 levels: each level indented by the width of its parent's marker
  let indent = '';
  for (let level = 0; level < 6; level++) {
    // An ordered list interrupts a paragraph only when it starts at 1.
    lines.push(`${indent}1. ordered level ${level + 1}, item 1 [link](https://example.org/${level})`);
    lines.push(`${indent}2. ordered level ${level + 1}, item 2`);
    indent += '   ';
  }
  lines.push('');
  // mixed, 6 levels, going back up
  const markers = ['-', '1.', '*', '1)', '+', '1.'];
  indent = '';
  for (let level = 0; level < 6; level++) {
    lines.push(`${indent}${markers[level]} mixed level ${level + 1}`);
    indent += ' '.repeat(markers[level]!.length + 1);
  }
  lines.push('- back at the top', '', '10. starts at ten', '11. eleven', '', '1. 2019 was a year', '   2019 was written again inside the item', '', '- a paragraph item', '', '  2019 was the second paragraph of the item', '', '  1986. was a year too');
  return lines.join('\n');
}

function codeSpecials(): string {
  return [
    '# Code with every special character',
    '',
    'Inline: `_*[]()~>#+-=|{}.!\\` and ``a`b`` and `` `x` `` and `\\\\server\\share` and `C:\\Windows\\System32`.',
    '',
    '```js',
    `const specials = "_*[]()~\`>#+-=|{}.!\\\\";`,
    'if (a > b && c != d) { x = y || z; } // C:\\Windows\\System32',
    'const re = /\\\\(\\d+\\)/g; // \\ at the end \\',
    '```',
    '',
    '~~~',
    'a fence made of tildes containing a backtick fence:',
    '```',
    'inner',
    '```',
    '~~~',
    '',
    '```',
    '#!bash',
    'echo "shebang line"',
    '```',
    '',
    '    indented code block with _*[]()~`>#+-=|{}.!\\',
    '    second line',
    '',
    '```',
    '',
    '```',
    '',
    'text after an empty code block',
  ].join('\n');
}

function tables(): string {
  return [
    '# Tables',
    '',
    '| Column *one* | Column `two` | Three \\| with pipe |',
    '|:---|:---:|---:|',
    '| **bold** cell | `code \\| pipe` | [a link](https://example.org/t_(1)) |',
    '| ~~gone~~ | [inner](umbrella://lesson/tor) | 1.5 + 2 = 3.5! |',
    '| | empty first | |',
    '| only one cell |',
    '| C:\\Windows | a_b_c | 🇺🇦 флаг |',
    '',
    'Text between tables.',
    '',
    'a | b',
    '--|--',
    '1 | 2',
  ].join('\n');
}

function emojiRtlCjk(): string {
  return [
    '# 🔒 Emoji, RTL, 繁體中文',
    '',
    'Emoji: 👩‍💻 🏳️‍🌈 🇺🇦🇯🇵 👍🏽 ❤️ 1️⃣ 🧑🏿‍🤝‍🧑🏻 🏴‍☠️ *🛡️ bold shield* [🔗 link](https://example.org/emoji).',
    '',
    'العربية: الأمان الرقمي مهم جدًا. استخدم **كلمة مرور قوية** و[سيجنال](https://signal.org) للتواصل.',
    '',
    'فارسی: امنیت دیجیتال برای همه است. از _رمزگذاری_ استفاده کنید؛ [بیشتر](umbrella://lesson/social media).',
    '',
    '繁體中文：數位安全對每個人都很重要。請使用**強密碼**，並啟用兩步驟驗證。',
    '',
    '- 第一項 🔐',
    '- البند الثاني',
    '- مورد سوم',
    '',
    'Mixed direction: abc العربية 123 فارسی 數位 👩‍💻.',
  ].join('\n');
}

function specialsEverywhere(): string {
  return [
    '# Specials _*[]()~`>#+-=|{}.!',
    '',
    'Escaped: \\_ \\* \\[ \\] \\( \\) \\~ \\` \\> \\# \\+ \\- \\= \\| \\{ \\} \\. \\! \\\\ end.',
    '',
    'Loose: a_b_c 2*3*4 x > y #tag 1+1=2 a|b {x} wow! (paren) [bracket] ~tilde~ a-b a=b end.',
    '',
    'Backslashes: \\\\server\\share, a\\b, \\n, trailing backslash\\',
    'next line.',
    '',
    'Link text: [a_b *c* (d) {e} #f +g -h =i |j .k !l ~m >n \\\\o \\]p](https://example.org/path?q=a&r=_x_).',
    '',
    'Parentheses in URL: [wiki](https://en.wikipedia.org/wiki/Signal_(software)) and [angle](<https://x.org/a)b>) and [escaped](https://x.org/a\\)b) and [back](https://x.org/a\\\\b) and [under](https://x.org/__init__.py) and [pct](https://x.org/%E2%9C%93%) .',
    '',
    'Specials in link label only: [_*[]()~`>#+-=|{}.!](https://example.org/specials).',
    '',
    'Specials in a URL query: [q](https://example.org/?a=*b*&c=[d]&e=`f`&g=~h~&i=|j|&k={l}&m=!n&o=#p).',
  ].join('\n');
}

function nestedEmphasis(): string {
  return [
    '# Nested *emphasis*',
    '',
    '*_a_ b* and ***x*** and **bold _it_** and ~~del **b**~~ and _a **b** c_ and **a *b* c**.',
    '',
    '*a* **b** ~~c~~ adjacent, __strong underscores__, intra*word*emphasis, snake_case_word.',
    '',
    '***bold italic** then italic* and **~~bold strike~~** and ~~*strike italic*~~.',
    '',
    '**bold with [link](https://example.org) inside** and [link with **bold** inside](https://example.org/b).',
    '',
    '**unclosed bold and *unclosed italic',
    '',
    '** spaced ** and * spaced * and ~~ spaced ~~.',
  ].join('\n');
}

function headings(): string {
  return [
    '# Title with *emphasis* and [link](https://example.org)',
    '',
    '## Heading with `code` and **bold**',
    '',
    '### [Umbrella](umbrella://lesson/x) heading',
    '',
    '#### Heading with specials _*[]()~>+-=|{}.!',
    '',
    'Setext heading',
    '==============',
    '',
    'Setext two',
    '----------',
    '',
    '###### Six',
    '',
    '#',
    '',
    '# 🇺🇦 Emoji heading ![img](h.png)',
    '',
    'Closing text.',
  ].join('\n');
}

function rawHtml(): string {
  return [
    '# Raw HTML',
    '',
    '<div>block html with <b>bold</b></div>',
    '',
    'line one<br>line two<br/>line three',
    '',
    'inline <b>x</b> and <i>y</i> and <span style="color:red">span</span> and &amp; &lt; &gt; &copy; &#169; &#x1F600; &bogus;',
    '',
    '<!-- comment -->',
    '',
    'text <!-- inline comment --> after',
    '',
    '<script>alert("x")</script>',
    '',
    '<details><summary>Summary</summary>',
    '',
    'Hidden *text*',
    '',
    '</details>',
    '',
    '<p>para with *emph* inside</p>',
    '',
    '<img src="x.png" alt="pic">',
    '',
    '<table><tr><td>cell 1</td><td>cell 2</td></tr></table>',
    '',
    'End.',
  ].join('\n');
}

function blockquotes(): string {
  return [
    '# Quotes',
    '',
    '> A simple quote with **bold** and [link](https://example.org).',
    '',
    '> Outer quote',
    '> > nested quote',
    '> > > three deep',
    '',
    '> - list in a quote',
    '> - second item',
    '>   1. nested ordered',
    '',
    '> ```',
    '> code in a quote _*[]()~`>#',
    '> ```',
    '',
    '> # Heading in a quote',
    '>',
    '> Paragraph after.',
    '',
    '> - dash list',
    '> * star list right after',
    '',
    '- list item',
    '  > quote inside a list item',
    '',
    '- list item with code',
    '',
    '  ```',
    '  code in item',
    '  ```',
    '',
    '- x',
    '  - a',
    '  * b',
  ].join('\n');
}

function thematicBreaks(): string {
  return ['# Breaks', '', 'Before.', '', '---', '', 'Middle.', '', '***', '', '___', '', '- - -', '', 'After.'].join('\n');
}

function imagesAndReferences(): string {
  return [
    '# Images and references',
    '',
    '![alt](pic.png)',
    '',
    '![](x.png)',
    '',
    'Inline ![an *inline* image](https://example.org/i.png "title") in text and ![](empty.png) too.',
    '',
    '[![badge](badge.png)](https://example.org/badge)',
    '',
    'Reference links: [a][1], [b][], [c], [undefined ref][nope], ![ref image][img].',
    '',
    '[1]: https://example.org/one',
    '[b]: https://example.org/b "Title B"',
    '[c]: <https://example.org/c_(x)>',
    '[img]: img.png',
  ].join('\n');
}

function nonWebLinks(): string {
  return [
    '# Links of every kind',
    '',
    'Relative: [a.b](c), [r](../../topic/sub), [anchor](#section).',
    '',
    'Umbrella: [x](umbrella://lesson/social media), [y](umbrella://tools/messaging/s_signal.md).',
    '',
    'Contact: [m](mailto:a@b.org), [write to a@b.org](mailto:a@b.org?subject=hi), [t](tel:+123), [sms](sms:+123).',
    '',
    'Other: [ftp](ftp://x.org/file), [js](javascript:alert(1)), [tg](tg://resolve?domain=x), [bad](https://).',
    '',
    'Autolinks: <https://x.org>, <mailto:a@b.org>, <a@b.org>.',
    '',
    'Bare: https://x.org/path_with_underscores and www.example.org and a@b.org.',
    '',
    '[](https://example.org/empty-label) and [   ](https://example.org/blank-label).',
  ].join('\n');
}

function looseMarkdown(): string {
  return [
    '# Loose markdown',
    '',
    'See [text] (https://x.org) and [other text]  (umbrella://lesson/tor) and [rel] (../x).',
    '',
    '*\titem one',
    '*\titem two',
    '-\t\tdash item',
    '',
    'Not a link: [just brackets] (and a parenthesis).',
  ].join('\n');
}

function brokenLines(g: Gen): string {
  const out: string[] = ['# Broken lines', ''];
  for (let p = 0; p < 3; p++) {
    const text = paragraph(g, 5);
    // Break lines mid-word every 37 characters or so.
    let broken = '';
    for (let i = 0; i < text.length; i += 37) broken += text.slice(i, i + 37) + '\n';
    out.push(broken.trimEnd(), '');
  }
  out.push('secur', 'ity is a word broken', 'in two.');
  return out.join('\n');
}

function windowsPath(): string {
  return ['# Paths', '', 'Open C:\\Windows\\System32 and then C:\\Users\\me\\AppData.', '', '- C:\\Program Files (x86)\\Tor', '', '> D:\\backup\\'].join('\n');
}

function giantListItem(g: Gen): string {
  const parts: string[] = [`- ${paragraph(g, 8)}`];
  for (let i = 0; i < 40; i++) parts.push(`  ${paragraph(g, 6)}`);
  parts.push('  - nested item one', '  - nested item two', '', '  ```', '  code inside the giant item', '  ```');
  return ['# One giant item', '', parts.join('\n\n')].join('\n');
}

function boldRun(g: Gen): string {
  return `# Bold run\n\n**${wordsOf(g, 5000)}**`;
}

function longLinkText(g: Gen): string {
  return `# Link text\n\n[${wordsOf(g, 5000)}](https://example.org/long)`;
}

function hugeCodeLine(g: Gen): string {
  let line = '';
  while (line.length < 9000) line += `${g.pick(WORDS)}_*[]()~\`>#+-=|{}.!\\ `;
  return `# Huge code\n\n\`\`\`\n${line}\n\`\`\`\n\nAfter the code.`;
}

function footnotes(): string {
  return [
    '# Footnotes',
    '',
    'Text with a note[^1] and another[^note].',
    '',
    '[^1]: Footnote *one*.',
    '[^note]: Second with [link](https://example.org/fn).',
  ].join('\n');
}

function taskLists(): string {
  return ['# Tasks', '', '- [ ] x', '- [x] done', '  - [ ] nested open', '- [ ] ', '', '1. [x] ordered done'].join('\n');
}

function noFullStopParagraph(g: Gen): string {
  let text = '';
  while (text.length < 10000) text += (text ? ' ' : '') + words(g, 1);
  return text;
}

let cached: CorpusLesson[] | undefined;

/** The corpus, built once per process (it is deterministic). */
export function stressCorpus(): CorpusLesson[] {
  cached ??= buildStressCorpus();
  return cached;
}

/** Builds the corpus anew: the same lessons on every call. */
export function buildStressCorpus(): CorpusLesson[] {
  const g = new Gen(0x5eed);
  return [
    { name: 'huge-100k', source: `# Huge lesson\n\n${mixedLesson(new Gen(1), 100_000)}` },
    { name: 'mixed-a', source: mixedLesson(new Gen(2), 12_000) },
    { name: 'mixed-b', source: mixedLesson(new Gen(3), 12_000) },
    { name: 'no-full-stop-paragraph', source: noFullStopParagraph(new Gen(4)) },
    { name: 'deep-lists', source: deepLists() },
    { name: 'code-specials', source: codeSpecials() },
    { name: 'tables', source: tables() },
    { name: 'emoji-rtl-cjk', source: emojiRtlCjk() },
    { name: 'specials-everywhere', source: specialsEverywhere() },
    { name: 'nested-emphasis', source: nestedEmphasis() },
    { name: 'headings', source: headings() },
    { name: 'raw-html', source: rawHtml() },
    { name: 'blockquotes', source: blockquotes() },
    { name: 'thematic-breaks', source: thematicBreaks() },
    { name: 'images-and-references', source: imagesAndReferences() },
    { name: 'non-web-links', source: nonWebLinks() },
    { name: 'loose-markdown', source: looseMarkdown() },
    { name: 'broken-lines', source: brokenLines(g) },
    { name: 'windows-path', source: windowsPath() },
    { name: 'giant-list-item', source: giantListItem(g) },
    { name: 'bold-5000', source: boldRun(g) },
    { name: 'link-text-5000', source: longLinkText(g) },
    { name: 'code-9000-one-line', source: hugeCodeLine(g) },
    { name: 'footnotes', source: footnotes() },
    { name: 'task-lists', source: taskLists() },
    { name: 'long-list', source: `# Long list\n\n${Array.from({ length: 400 }, (_, i) => `${i + 1}. ${sentence(g)}`).join('\n')}` },
    { name: 'long-quote', source: `# Long quote\n\n${Array.from({ length: 60 }, () => `> ${paragraph(g, 3)}`).join('\n>\n')}` },
    { name: 'long-table', source: `# Long table\n\n${table(g, 150)}` },
    { name: 'long-heading', source: `# ${wordsOf(g, 5000)}\n\nBody.` },
    // One grapheme of 5,001 UTF-16 units, and a 6,000-character word between spaces.
    { name: 'zalgo-and-blob', source: `Text a${'\u0301'.repeat(5000)} end.\n\nBlob ${'QUJD'.repeat(1500)} end, and a link ${'x'.repeat(10)} [${'y'.repeat(5000)}](https://example.org/blob).` },
    { name: 'long-bare-url', source: `See https://example.org/${'a_b'.repeat(2000)} now.` },
  ];
}

/** A sentence end: `no-full-stop-paragraph` holds none. */
export const NO_SENTENCE_END = /[.!?;:。！？؟…]/u;

/**
 * The four real lessons given with the project: /work/shared/seeds/*.txt, or,
 * where that folder does not exist (CI), the same files shipped in lessons/calls.
 */
export function seedLessons(): CorpusLesson[] {
  const shared = '/work/shared/seeds';
  if (existsSync(shared)) {
    return readdirSync(shared)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => ({ name: `seed ${name}`, source: readFileSync(join(shared, name), 'utf8') }));
  }
  const shipped = fileURLToPath(new URL('../../lessons/calls', import.meta.url));
  return readdirSync(shipped)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ name: `seed lessons/calls/${name}`, source: readFileSync(join(shipped, name), 'utf8') }));
}
