import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shorten } from '../../../src/bot/keyboards/lesson.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('shorten (button labels, titles and queries shown back)', () => {
  it('keeps short text, flattening white space', () => {
    assert.equal(shorten('  Signal \n for   Android '), 'Signal for Android');
  });

  it('cuts long text to the limit with an ellipsis, never inside an emoji', () => {
    for (const text of ['🔐'.repeat(70), `a${'🔐'.repeat(70)}`, '密碼'.repeat(50)]) {
      const short = shorten(text, 40);
      assert.ok([...short].length <= 40, `${[...short].length} characters`);
      assert.ok(short.endsWith('…'));
      assert.doesNotMatch(short, LONE_SURROGATE);
    }
  });
});
