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

  it('uses long polling and serves /healthz on 127.0.0.1:8081 by default', () => {
    const config = loadConfig({ BOT_TOKEN: '123:abc' });
    assert.equal(config.webhookUrl, undefined);
    assert.equal(config.webhookSecret, undefined);
    assert.equal(config.httpHost, '127.0.0.1');
    assert.equal(config.httpPort, 8081);
    assert.equal(loadConfig({ BOT_TOKEN: '123:abc', HTTP_PORT: '0', HTTP_HOST: '0.0.0.0' }).httpPort, 0);
    assert.throws(() => loadConfig({ BOT_TOKEN: '123:abc', HTTP_PORT: '70000' }), /HTTP_PORT must be a port number/);
  });

  it('accepts WEBHOOK_URL over https only, except on this machine', () => {
    const token = '123:abc';
    assert.equal(loadConfig({ BOT_TOKEN: token, WEBHOOK_URL: 'https://bot.example.org/hook' }).webhookUrl, 'https://bot.example.org/hook');
    assert.equal(loadConfig({ BOT_TOKEN: token, WEBHOOK_URL: 'http://127.0.0.1:9000/hook' }).webhookUrl, 'http://127.0.0.1:9000/hook');
    assert.equal(loadConfig({ BOT_TOKEN: token, WEBHOOK_URL: 'http://localhost/hook' }).webhookUrl, 'http://localhost/hook');
    for (const bad of ['http://bot.example.org/hook', 'ftp://bot.example.org', 'bot.example.org/hook', 'http://127.0.0.1.example.org/']) {
      assert.throws(() => loadConfig({ BOT_TOKEN: token, WEBHOOK_URL: bad }), /WEBHOOK_URL must/, bad);
    }
    assert.throws(() => loadConfig({ WEBHOOK_URL: 'https://bot.example.org/hook' }, { requireToken: false }), /WEBHOOK_URL needs BOT_TOKEN/);
  });

  it('takes WEBHOOK_SECRET as Telegram allows it, or derives a stable one from the token', () => {
    const env = { BOT_TOKEN: '123:abc', WEBHOOK_URL: 'https://bot.example.org/hook' };
    assert.equal(loadConfig({ ...env, WEBHOOK_SECRET: 'my_Secret-1' }).webhookSecret, 'my_Secret-1');
    for (const bad of ['has space', 'semi;colon', 'x'.repeat(257)]) {
      try {
        loadConfig({ ...env, WEBHOOK_SECRET: bad });
        assert.fail('should throw');
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /WEBHOOK_SECRET must be 1 to 256 characters/);
        assert.ok(!error.message.includes(bad), 'the secret itself is never printed');
      }
    }
    const derived = loadConfig(env).webhookSecret!;
    assert.match(derived, /^[A-Za-z0-9_-]{1,256}$/);
    assert.equal(loadConfig(env).webhookSecret, derived, 'the same after a restart');
    assert.notEqual(loadConfig({ ...env, BOT_TOKEN: '123:abd' }).webhookSecret, derived, 'a new token, a new secret');
    assert.ok(!derived.includes('abc'));
  });
});
