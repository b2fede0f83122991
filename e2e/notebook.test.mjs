// A learner's path through the course in a real browser: the classic Jupyter Notebook server on
// 127.0.0.1 with a token, headless Chromium (Debian's, driven by playwright-core), a course notebook
// opened, Cell > Run All, and then the rendered page is checked: the ✔ lines of the self-checks, the
// HTML table of the fourteen steps, and the timeline picture (an inline SVG with a lane per task).
// Screenshots go to target/e2e/.
//
//   cd e2e && npm ci && node --test        (the kernel "java-asyncrt" must be installed: ./install.sh)
//
// Environment: JUPYTER (default /usr/bin/jupyter), CHROMIUM (default /usr/bin/chromium),
// ASYNCRT_KERNEL_NAME (default java-asyncrt), E2E_NOTEBOOK (default 06-flow-of-control.ipynb).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const JUPYTER = process.env.JUPYTER || '/usr/bin/jupyter';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const KERNEL = process.env.ASYNCRT_KERNEL_NAME || 'java-asyncrt';
const NOTEBOOK = process.env.E2E_NOTEBOOK || '06-flow-of-control.ipynb';
const SHOTS = path.join(ROOT, 'target', 'e2e');
// The loop-state magics of issue 5: while the kernel lacks one, its cell may show "unknown magic".
const LOOP_MAGICS = ['loop', 'tasks', 'where', 'cancel', 'timeline', 'trace', 'live', 'asyncio', 'autoawait'];

let server;
let serverLog = '';
let workDir;
let browser;       // a persistent context: Chromium with its own fresh profile
let profileDir;
let base;
let token;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, deadline) {
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`jupyter notebook exited (${server.exitCode}):\n${serverLog}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the notebook server did not answer at ${url}:\n${serverLog}`);
}

before(async () => {
  // Work on copies: running cells in the browser would save outputs into the committed notebooks.
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'course-e2e-'));
  for (const name of fs.readdirSync(path.join(ROOT, 'notebooks'))) {
    if (name.endsWith('.ipynb')) fs.copyFileSync(path.join(ROOT, 'notebooks', name), path.join(workDir, name));
  }
  const port = await freePort();
  token = randomBytes(24).toString('hex');
  base = `http://127.0.0.1:${port}`;
  server = spawn(JUPYTER, ['notebook', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0',
    `--NotebookApp.token=${token}`, `--notebook-dir=${workDir}`, '--NotebookApp.open_browser=False',
    ...(process.getuid && process.getuid() === 0 ? ['--allow-root'] : [])], {   // CI runs as root
    cwd: workDir,
    env: { ...process.env, JUPYTER_CONFIG_DIR: path.join(workDir, '.jupyter-config'), ASYNCRT_KERNEL_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  await waitForServer(`${base}/api/status?token=${token}`, Date.now() + 60_000);

  // A fresh profile each run (playwright passes it to Chromium as --user-data-dir).
  profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'course-e2e-chromium-'));
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => { server.once('exit', r); setTimeout(r, 10_000); });
  }
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
});

test(`${NOTEBOOK}: Run All in the classic Notebook renders the checks, the table and the timeline`, { timeout: 240_000 }, async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));

  await page.goto(`${base}/notebooks/${NOTEBOOK}?token=${token}`);
  // The notebook opens with its own kernel ("Java (asyncrt)") selected and started.
  await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel
    && Jupyter.notebook.kernel.is_connected(), null, { timeout: 120_000 });
  const kernelName = await page.evaluate(() => Jupyter.notebook.kernel.name);
  assert.equal(kernelName, KERNEL, 'the notebook opened with the course kernel');
  await page.locator('#kernel_indicator_icon.kernel_idle_icon').waitFor({ timeout: 120_000 });

  // Clear the committed outputs first, so that everything checked below was rendered in this browser.
  await page.evaluate(() => Jupyter.notebook.clear_all_output());
  assert.equal(await page.locator('.output_subarea').count(), 0, 'no outputs left before running');

  // Cell > Run All, as a learner would.
  await page.click('#celllink');
  await page.click('#run_all_cells');

  // Wait until every code cell has run (a number in its prompt) and the kernel is idle again.
  await page.waitForFunction(() => {
    const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code');
    const ran = cells.every((c) => Number.isInteger(c.input_prompt_number));
    return ran && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
  }, null, { timeout: 200_000, polling: 500 });

  await page.screenshot({ path: path.join(SHOTS, NOTEBOOK.replace('.ipynb', '.png')), fullPage: true });

  // Errors: none, except a loop-state magic the kernel does not have yet.
  const errors = await page.locator('.output_error').allInnerTexts();
  const unexpected = errors.filter((text) => !LOOP_MAGICS.some((m) => new RegExp(`unknown magic %%?${m}\\b`).test(text)));
  assert.deepEqual(unexpected, [], 'no cell failed');

  // The self-checks rendered as ✔ lines, and none failed.
  const text = (await page.locator('.output_subarea').allInnerTexts()).join('\n');
  assert.doesNotMatch(text, /claim failed/);
  const ticks = (text.match(/✔ /g) || []).length;
  assert.ok(ticks >= 8, `the notebook's checks rendered as ✔ lines (saw ${ticks})`);
  assert.match(text, /Task 1: Starting\s+Task 2: Starting/);
  assert.match(text, /Total time: 2\.\d\d seconds/);

  // The fourteen steps as an HTML table.
  assert.equal(await page.locator('.output_html table tr').count(), 15, 'a header row and fourteen steps');

  // The timeline picture: inline SVG, one lane per task, with the two sleeps drawn as waits.
  const svg = page.locator('.output_svg svg').first();
  await svg.scrollIntoViewIfNeeded();
  const lanes = await svg.locator('g.lane').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-name')));
  assert.ok(lanes.filter((n) => n.startsWith('Task-')).length >= 3, `main and the two tasks have lanes: ${lanes}`);
  const waits = await svg.locator('rect.wait').evaluateAll((rs) => rs.map((r) => ({
    ms: Number(r.getAttribute('data-end-ms')) - Number(r.getAttribute('data-start-ms')),
    width: r.getBBox().width,
    label: r.textContent,
  })));
  const sleeps = waits.filter((w) => w.label.startsWith('sleep')).sort((a, b) => a.ms - b.ms);
  assert.equal(sleeps.length, 2, `two sleeps drawn: ${JSON.stringify(waits)}`);
  assert.ok(Math.abs(sleeps[0].ms - 1000) < 150 && Math.abs(sleeps[1].ms - 2000) < 250, JSON.stringify(sleeps));
  assert.ok(sleeps[1].width > 1.6 * sleeps[0].width, 'the 2 s wait is drawn about twice as long as the 1 s wait');
  await svg.screenshot({ path: path.join(SHOTS, 'timeline.png') });

  assert.deepEqual(pageErrors, [], 'no JavaScript errors on the page');
  await page.close();
});
