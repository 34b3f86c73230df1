// The playground in a real browser, as a newcomer would use it: `npm start`
// without BOT_TOKEN, open the printed address, talk to the bot. Drives Debian's
// Chromium with playwright-core; skipped when /usr/bin/chromium is absent
// (.ci/run installs it). Screenshots are kept in $PLAYGROUND_SCREENSHOTS, or
// in a temp folder whose path the test prints.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBot, type BotProcess } from '../helpers/bot-process.ts';
import { eventually } from '../helpers/eventually.ts';
import { makeTempDir, removeDir, writeTree } from '../helpers/temp.ts';

const CHROMIUM = '/usr/bin/chromium';
const LESSONS = new URL('../../lessons', import.meta.url).pathname;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const INTRO_EN = `---
title: Start here
index: 1
---
**Welcome!** This lesson is _short_: read about [secure calls](umbrella://lesson/calls) next.

> Keep \`Signal\` up to date.
`;
const INTRO_ES = `---
title: Empieza aquí
index: 1
---
**¡Bienvenida!** Esta lección es _corta_: lee sobre [llamadas seguras](umbrella://lesson/calls) después.

> Mantén \`Signal\` actualizado.
`;

/** The bot's messages (text only), oldest first. */
const botTexts = (page: Page) => page.locator('.msg.in:not(.refused) .text').allInnerTexts();

test('the playground in a browser: a lesson, its buttons, an internal link, Spanish', { timeout: 120_000 }, async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip(`${CHROMIUM} is not installed (apt-get install chromium; .ci/run does it)`);
    return;
  }
  const dir = await makeTempDir('parasol-playground-');
  const shots = process.env.PLAYGROUND_SCREENSHOTS ?? (await mkdtemp(join(tmpdir(), 'parasol-screenshots-')));
  await mkdir(shots, { recursive: true });
  let bot: BotProcess | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  try {
    await cp(LESSONS, join(dir, 'lessons'), { recursive: true });
    await writeTree(join(dir, 'lessons'), { 'intro/en.md': INTRO_EN, 'intro/es.md': INTRO_ES });

    // As a newcomer runs it: no BOT_TOKEN at all.
    bot = startBot({ PLAYGROUND_PORT: '0', DATABASE_PATH: join(dir, 'data', 'parasol.sqlite'), LESSONS_DIR: join(dir, 'lessons'), LOG_LEVEL: 'warn' });
    const running = bot;
    await eventually(() => /open http:\/\/127\.0\.0\.1:\d+ /.test(running.output()), 30_000, 'the playground banner');
    const output = bot.output();
    const url = /open (http:\/\/127\.0\.0\.1:\d+) /.exec(output)![1]!;
    assert.match(output, /no BOT_TOKEN set, so this runs against a local simulated Telegram/);
    assert.match(output, /To run for real: BOT_TOKEN=… npm start/);

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'en-US' });
    // Nothing may be fetched from anywhere but the playground.
    const foreign: string[] = [];
    await context.route('**/*', (route) => {
      const requested = route.request().url();
      if (requested.startsWith(url)) return route.continue();
      foreign.push(requested);
      return route.abort();
    });
    page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });

    await page.goto(url);
    await page.locator('#start-button').waitFor({ state: 'visible' });
    await page.locator('#bot-name', { hasText: 'Parasol' }).waitFor();

    // Commands are suggested as one types.
    await page.locator('#input').fill('/les');
    await page.locator('.suggestion', { hasText: '/lesson' }).first().waitFor();
    await page.locator('#input').fill('/lesson calls');
    await page.locator('#input').press('Enter');

    // The lesson, formatted from its entities, with its link buttons under it.
    await page.locator('.msg.in .text strong', { hasText: 'Making secure calls on your computer' }).waitFor();
    await page.locator('.msg.out .text', { hasText: '/lesson calls' }).waitFor();
    const first = page.locator('.msg.in', { hasText: 'Making secure calls on your computer' }).first();
    const urlButtons = first.locator('a.kb.url');
    assert.ok((await urlButtons.count()) >= 2, 'URL buttons under the lesson');
    assert.equal(await urlButtons.first().getAttribute('target'), '_blank');
    assert.match((await urlButtons.first().getAttribute('href')) ?? '', /^https?:\/\//);
    await first.locator('button.kb', { hasText: 'Done' }).waitFor();
    await first.evaluate((node) => node.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(shots, 'lesson-calls-en.png') });

    // An internal link: a callback button that opens another lesson.
    await page.locator('#input').fill('/lesson intro');
    await page.locator('#input').press('Enter');
    const intro = page.locator('.msg.in', { hasText: 'This lesson is short' });
    await intro.waitFor();
    await intro.locator('.text em', { hasText: 'short' }).waitFor();
    await intro.locator('.text blockquote', { hasText: 'Keep Signal up to date.' }).waitFor();
    await intro.locator('.text code', { hasText: 'Signal' }).waitFor();
    await intro.locator('button.kb', { hasText: 'secure calls' }).click();
    await page.waitForFunction(
      () => [...document.querySelectorAll('.msg.in .text')].filter((n) => n.textContent?.includes('Making secure calls on your computer')).length === 2,
      undefined,
      { timeout: 10_000 },
    );

    // Spanish: the language of the user's Telegram app.
    await page.selectOption('#language-select', 'es');
    await page.locator('.service', { hasText: 'Español' }).waitFor();
    await page.locator('#input').fill('/lesson calls');
    await page.locator('#input').press('Enter');
    await page.locator('.msg.in .text strong', { hasText: 'Llamadas seguras' }).waitFor();
    const spanishKey = await page.locator('.msg.in', { hasText: 'Llamadas seguras' }).last().getAttribute('data-key');
    const spanish = page.locator(`.msg[data-key="${spanishKey}"]`);
    assert.ok((await spanish.locator('a.kb.url').count()) >= 2, 'URL buttons under the Spanish lesson');
    const done = spanish.locator('button.kb', { hasText: 'Listo' });
    await done.waitFor();

    // Tapping "Done": the button goes (the message is edited in place) and the bot answers.
    const before = (await botTexts(page)).length;
    await done.click();
    await done.waitFor({ state: 'detached' });
    await page.waitForFunction((n) => document.querySelectorAll('.msg.in:not(.refused) .text').length > n, before, { timeout: 10_000 });
    assert.ok((await spanish.locator('a.kb.url').count()) >= 2, 'the link buttons stay');
    await page.screenshot({ path: join(shots, 'lesson-calls-es.png') });

    // Right-to-left text reads right to left.
    await page.selectOption('#language-select', 'ar');
    await page.locator('#input').fill('/help');
    await page.locator('#input').press('Enter');
    await page.waitForFunction(() => {
      const texts = [...document.querySelectorAll('.msg.in .text')];
      const last = texts[texts.length - 1];
      return last !== undefined && /[\u0600-\u06FF]/.test(last.textContent ?? '') && last.matches(':dir(rtl)');
    }, undefined, { timeout: 10_000 });

    // Phone width: still a readable chat.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#messages').evaluate((node) => node.scrollTo(0, node.scrollHeight));
    await page.screenshot({ path: join(shots, 'phone-390.png') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 390px`);

    for (const name of ['lesson-calls-en.png', 'lesson-calls-es.png', 'phone-390.png']) {
      const { size } = await stat(join(shots, name));
      assert.ok(size > 20_000, `${name} is only ${size} bytes`);
    }
    t.diagnostic(`screenshots: ${shots}`);
    assert.deepEqual(problems, []);
    assert.deepEqual(foreign, [], 'requests to elsewhere');
  } catch (error) {
    if (bot) t.diagnostic(bot.output().slice(-4000));
    await page?.screenshot({ path: join(shots, 'failure.png') }).catch(() => undefined);
    t.diagnostic(`failure screenshot: ${join(shots, 'failure.png')}`);
    throw error;
  } finally {
    await browser?.close();
    await bot?.stop();
    await removeDir(dir);
  }
});
