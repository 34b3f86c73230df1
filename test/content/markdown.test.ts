// The Markdown stage: repairs that move no line, the links and images a lesson
// holds (with the author's line numbers), and links listed per message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileLessonText } from '../../src/content/compile.ts';
import { htmlToText, prepareMarkdown, repairLooseMarkdown } from '../../src/content/markdown.ts';
import { seedLessons, stressCorpus } from '../helpers/stress-corpus.ts';
import { parseMarkdownV2 } from '../helpers/tdlib.ts';

function compile(source: string) {
  const compiled = compileLessonText(source, 'Fallback');
  if (!compiled.ok) assert.fail(`does not compile: line ${compiled.line}: ${compiled.reason}`);
  return compiled.lesson;
}

/** The 1-based line of the first occurrence of `needle` in `source`. */
function lineOf(source: string, needle: string): number {
  const index = source.indexOf(needle);
  assert.ok(index >= 0, `${needle} not in the source`);
  return source.slice(0, index).split('\n').length;
}

describe('repairLooseMarkdown', () => {
  it('moves no line in any corpus lesson', () => {
    for (const { name, source } of stressCorpus()) {
      assert.equal(repairLooseMarkdown(source).split('\n').length, source.split('\n').length, name);
    }
  });

  it('repairs prose and leaves code as written', () => {
    const source = [
      'See [a] (https://x.org) and [b](umbrella://lesson/social media) &#x1F600;.',
      '',
      '```',
      'f[0](a, b); [c] (https://y.org) &#x1F600;',
      '```',
      '',
      'Inline `g[1](c d)` code.',
    ].join('\n');
    const repaired = repairLooseMarkdown(source);
    assert.ok(repaired.startsWith('See [a](https://x.org) and [b](<umbrella://lesson/social media>) 😀.'), repaired);
    assert.ok(repaired.includes('\nf[0](a, b); [c] (https://y.org) &#x1F600;\n'), repaired);
    assert.ok(repaired.includes('`g[1](c d)`'), repaired);
  });

  it('normalises line endings without adding lines', () => {
    assert.equal(repairLooseMarkdown('a\r\nb\rc'), 'a\nb\nc');
  });
});

describe('htmlToText', () => {
  it('drops tags, scripts and comments, decodes entities, keeps cells apart', () => {
    assert.equal(htmlToText('<b>x</b> &amp; <i>y</i>'), 'x & y');
    assert.equal(htmlToText('<script>alert(1)</script>z'), 'z');
    assert.equal(htmlToText('a<br>b<br/>c'), 'a\nb\nc');
    assert.equal(htmlToText('&#x1F600;&#233;&bogus;'), '😀é&bogus;');
    assert.doesNotMatch(htmlToText('<table><tr><td>one</td><td>two</td></tr></table>'), /onetwo/);
  });
});

describe('links and images of a lesson', () => {
  it('records links with their file line, after YAML front matter', () => {
    const source = [
      '---', // 1
      'index: 3', // 2
      'title: Links', // 3
      '---', // 4
      '# Links', // 5
      '', // 6
      'A [web link](https://example.org/a) here.', // 7
      '', // 8
      'Again [the same](https://example.org/a), [a lesson](umbrella://lesson/social media) and', // 9
      '[mail](mailto:a@b.org).', // 10
      '', // 11
      '- [ref link][r] in a list', // 12
      '', // 13
      '[r]: https://example.org/ref', // 14
    ].join('\n');
    const lesson = compile(source);
    assert.deepEqual(
      lesson.links.map(({ label, href, line }) => ({ label, href, line })),
      [
        { label: 'web link', href: 'https://example.org/a', line: 7 },
        { label: 'the same', href: 'https://example.org/a', line: 9 },
        { label: 'a lesson', href: 'umbrella://lesson/social media', line: 9 },
        { label: 'mail', href: 'mailto:a@b.org', line: 10 },
        { label: 'ref link', href: 'https://example.org/ref', line: 12 },
      ],
    );
  });

  it('records links with their file line, after comment metadata', () => {
    const source = ['[Title]: # (Links)', '[Order]: # (2)', '', '# Links', '', 'Text [x](https://example.org/x).', '', '![an image](img/pic.png)'].join('\n');
    const lesson = compile(source);
    assert.deepEqual(lesson.links.map((link) => link.line), [lineOf(source, '[x]')]);
    assert.deepEqual(lesson.images, [{ alt: 'an image', src: 'img/pic.png', line: lineOf(source, '![an image]') }]);
  });

  it('records lines of links in the real seeds', () => {
    for (const { name, source } of seedLessons()) {
      const lesson = compile(source);
      assert.ok(lesson.links.length > 0, name);
      const lines = source.split('\n');
      for (const link of lesson.links) {
        // The label and the target both stand on the line recorded (the seeds
        // put each link on one line).
        const line = lines[link.line - 1] ?? '';
        assert.ok(line.includes(link.label), `${name}: "${link.label}" is not on line ${link.line}: ${line}`);
        assert.ok(line.includes(link.href.replace(/\/$/, '')), `${name}: ${link.href} is not on line ${link.line}`);
      }
    }
  });

  it('lists each target once per message, in order of appearance, and every link Telegram makes', () => {
    const source = [
      '# One',
      '',
      '[a](https://example.org/a) [b](https://example.org/b) [a again](https://example.org/a) [c](https://example.org/a#frag)',
      '',
      '[lesson](umbrella://lesson/x) and [same lesson](umbrella://lesson/x) and [mail](mailto:a@b.org)',
    ].join('\n');
    const lesson = compile(source);
    assert.equal(lesson.chunks.length, 1);
    const chunk = lesson.chunks[0]!;
    assert.deepEqual(
      chunk.links.map((link) => link.href),
      ['https://example.org/a', 'https://example.org/b', 'https://example.org/a#frag', 'umbrella://lesson/x'],
    );
    assert.equal(chunk.links[0]!.label, 'a');
    const parsed = parseMarkdownV2(chunk.text);
    assert.ok(parsed.ok);
    const urls = parsed.entities.filter((e) => e.type._ === 'textEntityTypeTextUrl').map((e) => e.type.url);
    assert.deepEqual([...new Set(urls)], ['https://example.org/a', 'https://example.org/b', 'https://example.org/a#frag']);
    // Every occurrence stays in lesson.links for the checker.
    assert.equal(lesson.links.length, 7);
  });

  it('lists a link again in the next message that shows it', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `Sentence ${i} about passwords and devices.`).join(' ');
    const source = `# A\n\n[first](https://example.org/x) ${filler(120)}\n\n# B\n\n${filler(20)} [second](https://example.org/x)`;
    const lesson = compile(source);
    assert.ok(lesson.chunks.length >= 2);
    const withLink = lesson.chunks.filter((chunk) => chunk.links.some((link) => link.href === 'https://example.org/x'));
    assert.equal(withLink.length, 2);
    for (const chunk of withLink) assert.equal(chunk.links.filter((link) => link.href === 'https://example.org/x').length, 1);
  });

  it('records images, also as references, and shows none as markup', () => {
    const source = '# Images\n\n![A](a.png)\n\ntext ![](b.png) text\n\n![ref][img]\n\n[img]: c.png';
    const prepared = prepareMarkdown(source);
    assert.deepEqual(prepared.images, [
      { alt: 'A', src: 'a.png', line: 3 },
      { alt: '', src: 'b.png', line: 5 },
      { alt: 'ref', src: 'c.png', line: 7 },
    ]);
  });
});

describe('the tree handed to the renderer', () => {
  it('drops definitions and empty blocks, keeps nothing Telegram cannot show', () => {
    const prepared = prepareMarkdown('[x]: https://example.org\n\n<!-- only a comment -->\n\n```\n\n```\n\nText.');
    assert.deepEqual(
      prepared.blocks.map((block) => block.type),
      ['paragraph'],
    );
  });

  it('never nests a quote in a list item or in a quote', () => {
    const prepared = prepareMarkdown('> a\n> > b\n\n- item\n  > c');
    const visit = (node: { type: string; children?: unknown[] }, inside: boolean): void => {
      if (node.type === 'blockquote') assert.ok(!inside, 'a quote inside a quote or an item');
      const nested = inside || node.type === 'blockquote' || node.type === 'listItem';
      for (const child of (node.children ?? []) as Array<{ type: string; children?: unknown[] }>) visit(child, nested);
    };
    for (const block of prepared.blocks) visit(block, false);
  });
});
