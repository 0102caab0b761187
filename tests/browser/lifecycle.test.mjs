// The server as an operator runs it: a bad setting is refused with one clear
// line; SIGTERM stops it cleanly; a restart on the same data directory shows
// the same catalogue and does not seed it again.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

import { ROOT, SERVER_BIN, freshDataDir, startServer } from './harness.mjs';

const titles = async (base) => {
  const html = await (await fetch(`${base}/fr`)).text();
  return [...html.matchAll(/class="listing-card-title"[^>]*>([^<]+)</g)].map((m) => m[1]);
};

test('a bad setting stops the start with one clear line', () => {
  const run = spawnSync(SERVER_BIN, ['serve'], {
    cwd: ROOT,
    env: { ...process.env, TRADEMA_LISTEN: 'nonsense', TRADEMA_DATA_DIR: freshDataDir() },
    encoding: 'utf8',
  });
  assert.equal(run.status, 2);
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0], /TRADEMA_LISTEN/);
  assert.match(lines[0], /nonsense/);
});

test('SIGTERM stops cleanly and a restart keeps the data without seeding twice', async () => {
  const dataDir = freshDataDir();
  const first = await startServer({ dataDir });
  const before = await titles(first.base);
  assert.ok(before.length >= 6, 'the demo catalogue is shown');
  assert.match(first.log(), /seeded the demo catalogue/);
  const stopped = await first.stop('SIGTERM');
  assert.equal(stopped.code, 0, first.log());
  assert.match(first.log(), /stopped cleanly/);

  const second = await startServer({ dataDir });
  try {
    assert.deepEqual(await titles(second.base), before, 'same data after a restart');
    assert.match(second.log(), /not seeded again/);
  } finally {
    await second.stop();
  }
});
