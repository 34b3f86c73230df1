// markdownV2PlainText is the pipeline's own idea of the text Telegram shows (it
// decides the 4096 limit): it must agree with TDLib's parser exactly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeMarkdownV2, markdownV2Length, markdownV2PlainText } from '../../src/content/telegram-text.ts';
import { parseMarkdownV2 } from '../helpers/tdlib.ts';

// Hand-written MarkdownV2, as a bot might send it.
const CASES: Array<[string, string]> = [
  ['pre with a language', '```js\nconst a = "b";\n```'],
  ['pre without a language', '```\nplain pre\nsecond line\n```'],
  ['pre with escapes', '```\n\\`\\\\ C:\\\\Windows _*[]()~>#+-=|{}.!\n```'],
  ['pre on one line', '```inline pre```'],
  ['pre with a language and text after it', '```js extra\ny\n```'],
  ['pre opened by a space', '``` \nx\n```'],
  ['pre with CRLF', '```py\r\nx = 1\r\n```'],
  ['pre in text', 'before ```\ncode\n``` after'],
  ['empty pre', '```python\n\n```'],
  ['two pres', '```\na\n```\n```\nb\n```'],
  ['inline code', 'run `ls -la` now'],
  ['inline code with escapes', '`a\\`b\\\\c` and `_*[]()~>#+-=|{}.!`'],
  ['text link', '[Signal](https://signal.org/)'],
  ['text link with an escaped ) in its URL', '[wiki](https://en.wikipedia.org/wiki/Signal_(software\\))'],
  ['text link with an escaped \\ in its URL', '[tg](tg://resolve?domain=a\\\\b)'],
  ['text link with formatting and escapes in its text', '[*bold* \\] \\[ \\.](https://x.org/)'],
  ['mention link', '[user](tg://user?id=123456789)'],
  ['custom emoji', '![👍](tg://emoji?id=5368324170671202286)'],
  ['quote', '>one\n>two\nafter'],
  ['quote with a space', '> spaced'],
  ['quote with formatting', '>*bold* in a quote\n>• item'],
  ['quote after text', 'text\n>quote'],
  ['quotes apart', '>a\n\n>b'],
  ['expandable quote', '**>expandable\n>more\n>last||'],
  ['spoiler', 'a ||hidden|| b'],
  ['underline', '__under__'],
  ['underline and italic', '___both_\r__ and _it_\r_it_'],
  ['strikethrough', '~gone~ and ~a *b* c~'],
  ['bold and italic', '*bold _italic bold_ bold* _it_'],
  ['nested all', '*b _i __u ~s ||sp|| s~ u__ i_ b*'],
  ['escapes', '\\_ \\* \\[ \\] \\( \\) \\~ \\` \\> \\# \\+ \\- \\= \\| \\{ \\} \\. \\! \\\\'],
  ['escaped letter', '\\a\\b'],
  ['emoji and RTL', '👩‍💻 🏳️‍🌈 🇺🇦 *الأمان* _امنیت_ 數位'],
  ['white space kept', '  lead\n\n\ntrail  \n'],
  ['carriage return', 'a\rb'],
];

describe('markdownV2PlainText agrees with TDLib', () => {
  for (const [name, markdown] of CASES) {
    it(name, () => {
      const result = parseMarkdownV2(markdown);
      if (!result.ok) assert.fail(`the case itself is refused by Telegram: ${result.error}`);
      assert.equal(markdownV2PlainText(markdown), result.text);
      assert.equal(markdownV2Length(markdown), result.text.length);
    });
  }
});

describe('escapeMarkdownV2', () => {
  it('makes any text show literally', () => {
    const texts = [
      '_*[]()~`>#+-=|{}.!\\',
      'C:\\Windows\\System32 costs $5 (or 4.99!) — a_b *c* [d](e) ~f~ `g` >h #i +j -k =l |m {n} \\',
      '>quote-like\n**>expandable-like||',
      '👩‍💻 الأمان 數位',
    ];
    for (const text of texts) {
      const result = parseMarkdownV2(escapeMarkdownV2(text));
      if (!result.ok) assert.fail(`${JSON.stringify(text)}: ${result.error}`);
      assert.equal(result.text, text);
      assert.deepEqual(result.entities, []);
      assert.equal(markdownV2PlainText(escapeMarkdownV2(text)), text);
    }
  });
});
