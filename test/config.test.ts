import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('has working defaults with a token', () => {
    const config = loadConfig({ BOT_TOKEN: '123:abc-DEF_ghi' });
    assert.equal(config.apiRoot, 'https://api.telegram.org');
    assert.equal(config.databasePath, 'data/parasol.sqlite');
    assert.equal(config.lessonsDir, 'lessons');
    assert.equal(config.defaultLanguage, 'en');
    assert.deepEqual(config.adminIds, []);
    assert.equal(config.logLevel, 'info');
  });

  it('reports every mistake at once, each with what to do', () => {
    try {
      loadConfig({ BOT_TOKEN: 'not a token', TELEGRAM_API_ROOT: 'ftp://x', LESSONS_DIR: '/nonexistent', DEFAULT_LANGUAGE: 'xx', ADMIN_IDS: '12,abc', LOG_LEVEL: 'loud' });
      assert.fail('should throw');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      const text = error.problems.join('\n');
      for (const name of ['BOT_TOKEN', 'TELEGRAM_API_ROOT', 'LESSONS_DIR', 'DEFAULT_LANGUAGE', 'ADMIN_IDS', 'LOG_LEVEL']) assert.match(text, new RegExp(name));
      assert.equal(error.problems.length, 6);
      assert.ok(!text.includes('not a token'), 'the token itself is never printed');
    }
  });

  it('asks for a token when one is required', () => {
    assert.throws(() => loadConfig({}), /BOT_TOKEN is not set.*BotFather/s);
    assert.equal(loadConfig({}, { requireToken: false }).botToken, undefined);
  });
});
