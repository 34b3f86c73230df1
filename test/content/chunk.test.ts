// Every lesson of the stress corpus and every real seed, compiled into
// messages and checked against Telegram's own parser (TDLib): each message is
// accepted, fits, is measured exactly, is not empty, and together the messages
// show exactly what the unsplit lesson shows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Chunk, chunkBlocks } from '../../src/content/chunk.ts';
import { compileLessonText } from '../../src/content/compile.ts';
import { prepareMarkdown } from '../../src/content/markdown.ts';
import type { MdNode } from '../../src/content/mdast.ts';
import { parseLessonFile } from '../../src/content/metadata.ts';
import { renderBlock } from '../../src/content/render.ts';
import { MESSAGE_LIMIT } from '../../src/content/telegram-text.ts';
import { buildStressCorpus, type CorpusLesson, NO_SENTENCE_END, seedLessons, stressCorpus } from '../helpers/stress-corpus.ts';
import { type ParsedText, parseMarkdownV2 } from '../helpers/tdlib.ts';

const FALLBACK_TITLE = 'Stress lesson';
const squeeze = (value: string) => value.replace(/\s+/g, '');

function parsed(text: string, where: string): ParsedText {
  const result = parseMarkdownV2(text);
  if (!result.ok) assert.fail(`${where}: Telegram refuses the text (${result.error}):\n${text.slice(0, 600)}`);
  return result;
}

/** The blocks compileLessonText sends, in order, before any splitting. */
function unsplitBlocks(lesson: CorpusLesson, title: string): MdNode[] {
  const { body, bodyLineOffset } = parseLessonFile(lesson.source);
  const blocks = photosAsText(prepareMarkdown(body, bodyLineOffset).blocks);
  // The lesson opens with its title unless its first heading already is it.
  const normalise = (value: string) => value.toLowerCase().replace(/\s+/g, ' ').trim();
  const first = blocks[0];
  const firstHeading = first?.type === 'heading' ? normalise(parsed(renderBlock(first), 'first heading').text) : '';
  if (firstHeading !== normalise(title)) return [{ type: 'heading', depth: 1, children: [{ type: 'text', value: title }] }, ...blocks];
  return blocks;
}

/** An image alone in its paragraph is sent as a photo captioned with its alt text. */
function photosAsText(blocks: MdNode[]): MdNode[] {
  return blocks.flatMap((block) => (block.type !== 'photo' ? [block] : block.alt ? [{ type: 'paragraph', children: [{ type: 'text', value: block.alt }] }] : []));
}

/** What Telegram shows for the whole lesson sent as one message per block. */
function unsplitText(blocks: MdNode[], name: string): string {
  return blocks.map((block, index) => parsed(renderBlock(block), `${name}, unsplit block ${index}`).text).join('\n\n');
}

/**
 * Chunk texts follow each other in the unsplit text (white space aside), and
 * every boundary between two chunks falls at white space of the unsplit text.
 */
function assertSplitsAtWhitespace(chunkTexts: string[], whole: string, name: string): void {
  // Squeezed text, and for each of its characters whether white space follows it.
  let squeezed = '';
  const spaceAfter: boolean[] = [];
  for (let i = 0; i < whole.length; i++) {
    if (/\s/.test(whole[i]!)) {
      if (spaceAfter.length) spaceAfter[spaceAfter.length - 1] = true;
      continue;
    }
    squeezed += whole[i];
    spaceAfter.push(false);
  }
  let position = 0;
  chunkTexts.forEach((text, index) => {
    const piece = squeeze(text);
    assert.ok(squeezed.startsWith(piece, position), `${name}: chunk ${index} does not continue the lesson where chunk ${index - 1} ended`);
    position += piece.length;
    if (index < chunkTexts.length - 1) {
      const tail = text.trimEnd().slice(-30);
      assert.ok(spaceAfter[position - 1], `${name}: chunk ${index} ends inside a word: …${JSON.stringify(tail)}`);
    }
  });
  assert.equal(position, squeezed.length, `${name}: the chunks stop before the end of the lesson`);
}

// Lessons whose text holds "words" longer than a message: they must be cut
// inside a word.
const UNBREAKABLE = new Set(['code-9000-one-line', 'zalgo-and-blob', 'long-bare-url']);

function checkLesson(lesson: CorpusLesson): void {
  const compiled = compileLessonText(lesson.source, FALLBACK_TITLE);
  if (!compiled.ok) assert.fail(`${lesson.name}: does not compile: line ${compiled.line}: ${compiled.reason}`);
  const { chunks, meta } = compiled.lesson;
  assert.ok(chunks.length > 0, `${lesson.name}: no messages`);

  const texts = chunks.map((chunk, index) => {
    const where = `${lesson.name}, chunk ${index}/${chunks.length}`;
    const result = parsed(chunk.text, where);
    assert.ok(result.text.length <= MESSAGE_LIMIT, `${where}: ${result.text.length} UTF-16 units after parsing`);
    assert.ok([...result.text].length <= MESSAGE_LIMIT, `${where}: more than ${MESSAGE_LIMIT} code points`);
    assert.equal(chunk.length, result.text.length, `${where}: chunk.length is not the length Telegram parses`);
    // A photo may have no caption; any other message has text.
    assert.ok(chunk.photo || result.text.trim().length > 0, `${where}: nothing to read: ${JSON.stringify(chunk.text)}`);
    // Every web link Telegram makes is listed for the chunk.
    const hrefs = new Set(chunk.links.map((link) => link.href));
    assert.equal(hrefs.size, chunk.links.length, `${where}: a target listed twice in chunk.links`);
    for (const entity of result.entities) {
      if (entity.type._ === 'textEntityTypeTextUrl') assert.ok(hrefs.has(entity.type.url!), `${where}: link to ${entity.type.url} missing from chunk.links`);
    }
    return result.text;
  });

  // Nothing lost, nothing duplicated.
  const blocks = unsplitBlocks(lesson, meta.title);
  const whole = unsplitText(blocks, lesson.name);
  const sent = squeeze(texts.join(''));
  const expected = squeeze(whole);
  if (sent !== expected) {
    let at = 0;
    while (sent[at] === expected[at]) at++;
    assert.fail(`${lesson.name}: the messages differ from the lesson at ${at}:\n sent     …${sent.slice(at - 40, at + 60)}\n expected …${expected.slice(at - 40, at + 60)}`);
  }

  // A short heading is never a message on its own when text follows it.
  const headings = new Set(
    blocks.filter((block) => block.type === 'heading').map(renderBlock).filter((text) => parsed(text, 'heading').text.length < MESSAGE_LIMIT / 4),
  );
  chunks.slice(0, -1).forEach((chunk, index) => {
    assert.ok(!headings.has(chunk.text), `${lesson.name}: chunk ${index} is only a heading: ${JSON.stringify(chunk.text)}`);
  });

  if (!UNBREAKABLE.has(lesson.name)) assertSplitsAtWhitespace(texts, whole, lesson.name);
}

describe('stress corpus compiled into Telegram messages', () => {
  for (const lesson of stressCorpus()) {
    it(`${lesson.name} (${lesson.source.length} characters)`, () => checkLesson(lesson));
  }
});

describe('real seed lessons compiled into Telegram messages', () => {
  const seeds = seedLessons();
  it('finds the four seeds', () => assert.equal(seeds.length, 4));
  for (const lesson of seeds) {
    it(lesson.name, () => {
      checkLesson(lesson);
      // Comment metadata (`[Title]: # (…)`) never shows up in a message.
      const compiled = compileLessonText(lesson.source, FALLBACK_TITLE);
      assert.ok(compiled.ok);
      for (const chunk of compiled.lesson.chunks) {
        const text = parsed(chunk.text, lesson.name).text;
        assert.doesNotMatch(text, /\[(Title|Difficulty|Order|Name)\]|^---$|^index:/m, `${lesson.name}: metadata in a message`);
      }
    });
  }
});

describe('the corpus is what it claims to be', () => {
  const byName = new Map(stressCorpus().map((lesson) => [lesson.name, lesson.source]));
  it('is deterministic and as large as announced', () => {
    assert.deepEqual(buildStressCorpus(), stressCorpus());
    assert.ok(byName.get('huge-100k')!.length >= 100_000);
  });
  it('has a paragraph of 10,000 characters without a sentence end', () => {
    const paragraph = byName.get('no-full-stop-paragraph')!;
    assert.ok(paragraph.length >= 10_000);
    assert.doesNotMatch(paragraph, NO_SENTENCE_END);
    assert.doesNotMatch(paragraph, /\n/);
  });
  it('has runs longer than a message', () => {
    assert.ok(/\*\*[^*]{5000,}\*\*/.test(byName.get('bold-5000')!));
    assert.ok(/\[[^\]]{5000,}\]\(/.test(byName.get('link-text-5000')!));
    assert.ok(byName.get('code-9000-one-line')!.split('\n').some((line) => line.length >= 9000));
  });
});

describe('splitting at small limits', () => {
  // The same invariants with messages of 40 and 500 characters: every kind of
  // block (lists, quotes, tables, code, headings, links) has to be split.
  for (const limit of [40, 500]) {
    it(`keeps every piece valid, within ${limit} characters, and loses nothing`, () => {
      for (const lesson of stressCorpus()) {
        if (lesson.name === 'huge-100k' && limit === 40) continue; // the same blocks as mixed-a/b, ten times over
        const blocks = photosAsText(prepareMarkdown(lesson.source).blocks);
        let chunks: Chunk[];
        try {
          chunks = chunkBlocks(blocks, limit);
        } catch (error) {
          assert.fail(`${lesson.name}: ${(error as Error).message}`);
        }
        let sent = '';
        chunks.forEach((chunk, index) => {
          const where = `${lesson.name} at ${limit}, chunk ${index}`;
          const result = parsed(chunk.text, where);
          assert.ok(result.text.length <= limit, `${where}: ${result.text.length} > ${limit}: ${JSON.stringify(chunk.text)}`);
          assert.equal(chunk.length, result.text.length, `${where}: chunk.length is not the length Telegram parses`);
          assert.ok(result.text.trim(), `${where}: nothing to read: ${JSON.stringify(chunk.text)}`);
          sent += result.text;
        });
        assert.equal(squeeze(sent), squeeze(unsplitText(blocks, lesson.name)), `${lesson.name} at ${limit}: text lost or duplicated`);
      }
    });
  }
});
