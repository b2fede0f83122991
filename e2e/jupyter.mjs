// What the browser tests share: a Jupyter server (JupyterLab or Notebook 7) on 127.0.0.1 with a token, over
// copies of the course notebooks, in fresh Jupyter directories (no trust database, no saved workspace, no
// settings of the user's), and Debian's Chromium with a fresh profile.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..');
export const SHOTS = path.join(ROOT, 'target', 'e2e');
export const KERNEL = process.env.ASYNCRT_KERNEL_NAME || 'java-asyncrt';
export const STARTUP = 180_000;   // a kernel's first start on a busy 2-core machine
// A timeline as the kernel shows it: HTML with an <img> of its PNG (the SVG and the PNG ride along).
export const TIMELINES = '.jp-OutputArea-output[data-mime-type="text/html"] img[src^="data:image/png"]';
const JUPYTER = process.env.JUPYTER || 'jupyter';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

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

/** Starts `jupyter lab` or `jupyter notebook` (Notebook 7) and waits until it answers. */
export async function startJupyter(app) {
  fs.mkdirSync(SHOTS, { recursive: true });
  // Work on copies: running cells in the browser saves outputs into the notebooks.
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'course-e2e-'));
  for (const name of fs.readdirSync(path.join(ROOT, 'notebooks'))) {
    if (name.endsWith('.ipynb') || name.endsWith('.jsh')) fs.copyFileSync(path.join(ROOT, 'notebooks', name), path.join(workDir, name));
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'course-e2e-jupyter-'));
  // Kernelspecs are still found where this user's Jupyter finds them: its data directory joins JUPYTER_PATH.
  const userData = execFileSync(JUPYTER, ['--data-dir'], { encoding: 'utf8' }).trim();
  const settings = path.join(home, 'lab-settings', '@jupyterlab', 'apputils-extension');
  fs.mkdirSync(settings, { recursive: true });
  // No news or update checks: the machine reaches no such server, and their toasts would cover the page.
  fs.writeFileSync(path.join(settings, 'notification.jupyterlab-settings'),
    JSON.stringify({ fetchNews: 'false', checkForUpdates: false }));
  const env = {
    ...process.env,
    JUPYTER_PATH: [process.env.JUPYTER_PATH, userData].filter(Boolean).join(path.delimiter),
    JUPYTER_CONFIG_DIR: path.join(home, 'config'),
    JUPYTER_DATA_DIR: path.join(home, 'data'),
    JUPYTER_RUNTIME_DIR: path.join(home, 'runtime'),
    JUPYTERLAB_SETTINGS_DIR: path.join(home, 'lab-settings'),
    JUPYTERLAB_WORKSPACES_DIR: path.join(home, 'workspaces'),
    ASYNCRT_KERNEL_LOG_LEVEL: 'warn',
  };
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(JUPYTER, [app, '--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0',
    `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${workDir}`,
    // window.jupyterapp: the tests read the notebook's model and the kernel's status from it.
    `--${app === 'lab' ? 'LabApp' : 'JupyterNotebookApp'}.expose_app_in_browser=True`,
    ...(process.getuid && process.getuid() === 0 ? ['--allow-root'] : [])], {   // CI runs as root
    cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout.on('data', (d) => { log += d; });
  server.stderr.on('data', (d) => { log += d; });

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`jupyter ${app} exited (${server.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${base}/api/status?token=${token}`)).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`jupyter ${app} did not answer at ${base}:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    workDir,
    url: (route) => `${base}/${route}${route.includes('?') ? '&' : '?'}token=${token}`,
    log: () => log,
    async stop() {
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await new Promise((r) => { server.once('exit', r); setTimeout(r, 15_000); });
      }
      fs.writeFileSync(path.join(SHOTS, `jupyter-${app}.log`), log);
      fs.rmSync(workDir, { recursive: true, force: true });
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with a fresh profile that is removed on close. */
export async function openBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'course-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = context.close.bind(context);
  context.close = async () => { await close(); fs.rmSync(profile, { recursive: true, force: true }); };
  return context;
}

// The page helpers below reach the notebook through the application object (window.jupyterapp, which
// expose_app_in_browser provides): in JupyterLab and in Notebook 7, shell.currentWidget is the notebook panel.

/** Opens a notebook at route (Lab: lab/tree/NAME?reset, so that no tabs come back from the last page; Notebook 7:
 * notebooks/NAME) and waits until its panel has loaded it. */
export async function openNotebook(page, jupyter, route, name) {
  await page.goto(jupyter.url(route));
  await page.waitForFunction((n) => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    return panel && panel.context && panel.context.path === n && panel.context.isReady;
  }, name, { timeout: STARTUP, polling: 250 });
}

export async function waitForKernelIdle(page) {
  await page.waitForFunction(() => {
    const session = window.jupyterapp.shell.currentWidget.sessionContext.session;
    return session && session.kernel && session.kernel.status === 'idle';
  }, null, { timeout: STARTUP, polling: 250 });
}

export function codeCellsJSON(page) {
  return page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets
    .filter((c) => c.model.type === 'code').map((c) => c.model.toJSON()));
}

export async function runCellText(page, index) {
  return page.evaluate((i) => window.jupyterapp.shell.currentWidget.content.widgets[i].node
    .querySelector('.jp-OutputArea').textContent, index);
}

// Cells out of view are laid out lazily (content-visibility), so a picture moves as it comes into view:
// scroll until it stays inside the window, then take its screenshot.
export async function shoot(locator, file) {
  await locator.evaluate(async (el) => {
    for (let i = 0; i < 20; i++) {
      el.scrollIntoView({ block: 'center' });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const box = el.getBoundingClientRect();
      if (box.top >= 0 && box.bottom <= window.innerHeight) return;
    }
  });
  await locator.screenshot({ path: path.join(SHOTS, file) });
}

export async function clickMenu(page, menu, command) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: new RegExp(`^${menu}$`) }).click();
  await page.locator(`.lm-Menu-item[data-command="${command}"]`).first().click();
}
