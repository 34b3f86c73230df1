// /healthz's verdicts, against a real SQLite file and real HTTP servers.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createHealthCheck } from '../../src/server/health.ts';
import { startHttpServer } from '../../src/server/http.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { tempDir } from '../helpers/temp.ts';

/** A stand-in Bot API answering getMe; counts the calls. */
async function telegramStub(ok: boolean) {
  let calls = 0;
  const server = http.createServer((req, res) => {
    calls++;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { ok: true, result: { id: 1, is_bot: true } } : { ok: false, error_code: 401 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls: () => calls, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('/healthz', () => {
  it('is 200 when the database and Telegram answer, and asks Telegram at most once per cache period', async () => {
    const db = openDatabase(join(await tempDir(), 'p.sqlite'));
    const telegram = await telegramStub(true);
    const server = await startHttpServer({ host: '127.0.0.1', port: 0, health: createHealthCheck({ db, apiRoot: telegram.url, token: '1:x', mode: 'polling' }) });
    try {
      const responses = await Promise.all(Array.from({ length: 5 }, () => fetch(`http://127.0.0.1:${server.port}/healthz`)));
      for (const response of responses) assert.equal(response.status, 200);
      assert.equal(((await responses[0]!.json()) as { ok: boolean }).ok, true);
      assert.equal(telegram.calls(), 1);
      assert.equal((await fetch(`http://127.0.0.1:${server.port}/healthz`, { method: 'POST' })).status, 405);
      assert.equal((await fetch(`http://127.0.0.1:${server.port}/`, { method: 'POST' })).status, 404, 'no webhook in polling mode');
    } finally {
      await server.close();
      await telegram.close();
      db.close();
    }
  });

  it('is 503 when Telegram refuses or cannot be reached, or the database is gone', async () => {
    const db = openDatabase(join(await tempDir(), 'p.sqlite'));
    const refusing = await telegramStub(false);
    const refused = await createHealthCheck({ db, apiRoot: refusing.url, token: '1:x', mode: 'webhook' })();
    assert.deepEqual([refused.ok, refused.database, refused.telegram], [false, 'ok', 'error']);
    await refusing.close();

    const unreachable = await createHealthCheck({ db, apiRoot: refusing.url, token: '1:x', mode: 'polling', timeoutMs: 500 })();
    assert.equal(unreachable.telegram, 'error');

    const telegram = await telegramStub(true);
    const check = createHealthCheck({ db, apiRoot: telegram.url, token: '1:x', mode: 'polling' });
    const server = await startHttpServer({ host: '127.0.0.1', port: 0, health: check });
    try {
      assert.equal((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status, 200);
      db.close();
      const response = await fetch(`http://127.0.0.1:${server.port}/healthz`);
      assert.equal(response.status, 503);
      assert.equal(((await response.json()) as { database: string }).database, 'error');
    } finally {
      await server.close();
      await telegram.close();
    }
  });
});
