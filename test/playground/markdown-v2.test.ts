// The playground's built-in MarkdownV2 reader (used only when TDLib is not
// installed) against Telegram's own parser, on everything the pipeline produces.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileLessonText } from '../../src/content/compile.ts';
import { parseMarkdownV2Lite } from '../../src/playground/markdown-v2.ts';
import { seedLessons, stressCorpus } from '../helpers/stress-corpus.ts';
import { parseMarkdownV2 } from '../helpers/tdlib.ts';
import { tdlibEntitiesToBotApi } from '../../src/playground/fake-bot-api.ts';

const LESSONS = new URL('../../lessons', import.meta.url).pathname;


function sorted(entities: Array<Record<string, unknown>>): string[] {
  return entities.map((e) => JSON.stringify(e)).sort();
}

/** Asserts the lite reader reads `source` as TDLib does (text and entities). */
function assertSameAsTelegram(source: string, where: string): void {
  const telegram = parseMarkdownV2(source);
  const lite = parseMarkdownV2Lite(source);
  if (!telegram.ok) {
    assert.equal(lite.ok, false, `${where}: Telegram refuses it (${telegram.error}) but the lite reader accepts it`);
    return;
  }
  assert.ok(lite.ok, `${where}: Telegram accepts it but the lite reader says ${!lite.ok && lite.error}`);
  assert.equal(lite.text, telegram.text, `${where}: text`);
  const expected = tdlibEntitiesToBotApi(telegram.entities);
  assert.deepEqual(sorted(lite.entities as unknown as Array<Record<string, unknown>>), sorted(expected as unknown as Array<Record<string, unknown>>), `${where}: entities of ${JSON.stringify(source).slice(0, 300)}`);
}

describe('parseMarkdownV2Lite', () => {
  it('reads hand-written samples as Telegram does', () => {
    const samples = [
      '*bold* _italic_ __underline__ ~strike~ ||spoiler|| `code`',
      '*b _i_ b* and __u ___ui_ u__',
      '```js\nconst a = 1;\n```\nafter',
      '```\nplain pre\n```',
      '[a link](https://example.org/a\\)b) and `co\\`de`',
      '>quoted\n>two lines\nafter',
      'before\n\n>quote\n\nafter',
      '**>expandable\n>quote||\nafter',
      '![👍](tg://emoji?id=5368324170671202286)',
      'escaped \\_ \\* \\[ \\] \\( \\) \\~ \\` \\> \\# \\+ \\- \\= \\| \\{ \\} \\. \\! \\\\',
      'Arabic: *مرحبا* فارسی _سلام_ 😀 *emoji 👍🏽*',
      'a_b',
      '*unclosed',
      'a.b',
      'x || y',
    ];
    for (const [index, sample] of samples.entries()) assertSameAsTelegram(sample, `sample ${index}`);
  });

  it('reads every message of the shipped lessons and the stress corpus as Telegram does', () => {
    let count = 0;
    const check = (source: string, title: string, name: string) => {
      const compiled = compileLessonText(source, title);
      if (!compiled.ok) return;
      for (const [index, chunk] of compiled.lesson.chunks.entries()) {
        assertSameAsTelegram(chunk.text, `${name} #${index}`);
        count++;
      }
    };
    for (const slug of readdirSync(LESSONS)) {
      for (const file of readdirSync(join(LESSONS, slug)).filter((f) => f.endsWith('.md'))) {
        check(readFileSync(join(LESSONS, slug, file), 'utf8'), slug, `${slug}/${file}`);
      }
    }
    for (const lesson of [...seedLessons(), ...stressCorpus()]) check(lesson.source, 'Stress lesson', lesson.name);
    assert.ok(count > 50, `only ${count} messages checked`);
  });
});
