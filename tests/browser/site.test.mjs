// The site `./tradema build` assembles is the one cargo-leptos would: the
// names and places `[[workspace.metadata.leptos]]` in Cargo.toml gives
// (`pkg/<name>.js`, `pkg/<name>.wasm`, `pkg/<name>.css`, `public/` at the
// root), the page asks for exactly those files, the server serves them with
// the right types, and the page hydrates from them. After a release build the
// names carry the hashes listed in hash.txt beside the server binary.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

import { ROOT, SERVER_BIN, SITE_ROOT, openPage, serverAndBrowser, waitForHydration } from './harness.mjs';

/** One `key = "value"` of the `[[workspace.metadata.leptos]]` table. */
function leptosMetadata(key) {
  const manifest = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
  const table = manifest.split('[[workspace.metadata.leptos]]')[1];
  const match = table.match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm'));
  assert.ok(match, `Cargo.toml's leptos metadata has ${key}`);
  return match[1];
}

/** The names cargo-leptos gives the three assets, with hashes after a release build. */
function expectedAssets() {
  const name = leptosMetadata('name');
  const hashFile = join(dirname(SERVER_BIN), 'hash.txt');
  const hashes = existsSync(hashFile)
    ? Object.fromEntries(readFileSync(hashFile, 'utf8').trim().split('\n').map((l) => l.split(':').map((p) => p.trim())))
    : {};
  const file = (kind) => (hashes[kind] ? `${name}.${hashes[kind]}.${kind}` : `${name}.${kind}`);
  return { js: file('js'), wasm: file('wasm'), css: file('css') };
}

const ctx = serverAndBrowser();

test('the site has the layout and names of a cargo-leptos build', () => {
  const pkg = join(SITE_ROOT, leptosMetadata('site-pkg-dir'));
  const assets = expectedAssets();
  const built = readdirSync(pkg).filter((f) => !f.endsWith('.gz') && !f.endsWith('.br')).sort();
  assert.deepEqual(built, Object.values(assets).sort(), 'exactly the script, the wasm and the stylesheet');
  const style = readFileSync(join(ROOT, leptosMetadata('style-file')));
  assert.ok(readFileSync(join(pkg, assets.css)).equals(style), 'the stylesheet is app/style/main.css');
  const publicDir = join(ROOT, leptosMetadata('assets-dir'));
  for (const file of readdirSync(publicDir)) {
    assert.ok(readFileSync(join(SITE_ROOT, file)).equals(readFileSync(join(publicDir, file))), `${file} is copied`);
  }
  const wasm = readFileSync(join(pkg, assets.wasm));
  assert.deepEqual([...wasm.subarray(0, 4)], [0, 0x61, 0x73, 0x6d], 'the wasm is a wasm module');
  assert.match(readFileSync(join(pkg, assets.js), 'utf8'), /export default __wbg_init|export \{[^}]*__wbg_init as default/);
});

test('the page asks for those files, the server serves them and the page hydrates', async () => {
  const assets = expectedAssets();
  const html = await (await fetch(`${ctx.server.base}/fr`)).text();
  const types = { js: /javascript/, wasm: /application\/wasm/, css: /text\/css/ };
  for (const [kind, file] of Object.entries(assets)) {
    assert.ok(html.includes(`/pkg/${file}`), `the page links /pkg/${file}`);
    const response = await fetch(`${ctx.server.base}/pkg/${file}`);
    assert.equal(response.status, 200, file);
    assert.match(response.headers.get('content-type'), types[kind], file);
    const cache = response.headers.get('cache-control');
    if (file.split('.').length > 2) assert.match(cache, /immutable/, `${file}: hashed names are cached for good`);
    else assert.match(cache, /no-cache/, `${file}: unhashed names are revalidated`);
  }
  const { page, problems } = await openPage(ctx.browser);
  await page.goto(`${ctx.server.base}/fr`);
  await waitForHydration(page);
  assert.deepEqual(problems, []);
});
