// What the Dockerfile must keep true (no Docker engine runs the tests; see the
// README for how its steps were checked).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const ROOT = new URL('../..', import.meta.url).pathname;
const dockerfile = readFileSync(`${ROOT}Dockerfile`, 'utf8');
/** Instructions with their continuation lines joined, comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    return { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
  });
const named = (keyword: string) => instructions.filter((i) => i.keyword === keyword);
const finalFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
const finalStage = instructions.slice(finalFrom);

describe('Dockerfile', () => {
  it('builds in one stage and runs in another, both on a fully pinned Node LTS image', () => {
    const froms = named('FROM');
    assert.equal(froms.length, 2);
    for (const from of froms) assert.match(from.args, /^node:(2[2468])\.\d+\.\d+-(bookworm|trixie)-slim\b/, from.args);
    assert.equal(froms[0]!.args.split(/\s+/)[0], froms[1]!.args.split(/\s+/)[0], 'one base image');
    assert.match(froms[0]!.args, /\sAS build$/i);
    assert.ok(finalStage.some((i) => i.keyword === 'COPY' && i.args.startsWith('--from=build ')));
  });

  it('installs with dev dependencies in the build stage and prunes them', () => {
    const buildStage = instructions.slice(0, finalFrom);
    const runs = buildStage.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    assert.ok(runs.some((r) => /\bnpm ci\b/.test(r) && !/--omit=dev|--production/.test(r)));
    assert.ok(runs.some((r) => /python3/.test(r) && /\bmake\b/.test(r) && /g\+\+/.test(r)), 'a toolchain for better-sqlite3');
    assert.ok(runs.some((r) => /npm prune --omit=dev/.test(r)));
    assert.ok(!finalStage.some((i) => i.keyword === 'RUN' && /npm (ci|install)/.test(i.args)), 'nothing installed in the run stage');
  });

  it('runs as a non-root user with its data in a /data volume and a health check', () => {
    const user = finalStage.filter((i) => i.keyword === 'USER').at(-1);
    assert.ok(user && !/^(root|0)(:|$)/.test(user.args), 'the last USER is not root');
    assert.ok(finalStage.some((i) => i.keyword === 'VOLUME' && i.args.includes('/data')));
    const env = finalStage.filter((i) => i.keyword === 'ENV').map((i) => i.args).join(' ');
    assert.match(env, /DATABASE_PATH=\/data\//);
    assert.match(env, /LESSONS_DIR=\S+/);
    const health = named('HEALTHCHECK');
    assert.equal(health.length, 1);
    assert.match(health[0]!.args, /\/healthz/);
    assert.doesNotMatch(health[0]!.args, /\bcurl\b|\bwget\b/, 'the slim image has neither');
    assert.match(named('CMD').at(-1)!.args, /"node",\s*"--import",\s*"tsx",\s*"src\/main\.ts"/, 'node as PID 1 gets the signals');
  });

  it('bakes in no secrets', () => {
    for (const i of instructions.filter((x) => x.keyword === 'ENV' || x.keyword === 'ARG')) {
      assert.doesNotMatch(i.args, /BOT_TOKEN|WEBHOOK_SECRET|SECRET|PASSWORD|\d+:[A-Za-z0-9_-]{30,}/i, `${i.keyword} ${i.args}`);
    }
    assert.ok(!instructions.some((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && /\.env\b|data\//.test(i.args)));
    const ignore = readFileSync(`${ROOT}.dockerignore`, 'utf8').split('\n');
    assert.equal(ignore.find((line) => line.trim() && !line.startsWith('#')), '*', '.dockerignore starts from nothing and lists what goes in');
    assert.ok(!ignore.some((line) => /^!(\.env|data)/.test(line)));
  });
});
