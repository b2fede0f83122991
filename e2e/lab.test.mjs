// A learner's path through the course in JupyterLab, in a real browser: JupyterLab on 127.0.0.1 with a
// token, headless Chromium (Debian's, driven by playwright-core), and then what the page shows is checked.
//
//   1. A course notebook as committed, opened untrusted: its timelines still show, through Lab's sanitiser.
//   2. Run ▸ Run All Cells: the ✔ lines of the self-checks, the table of the fourteen steps, the timeline
//      pictures (shown, and their SVG read back: a lane per task, the two sleeps drawn to scale).
//   3. A scratch notebook: %%live redraws one output in place while the cell runs; Tab after
//      "Asyncio." opens the completer with asyncrt's names; the Stop button ends `while (true) {}`.
//
// Screenshots go to target/e2e/. Run with e2e/run.sh (needs the kernel installed: ./install.sh).
// Environment: JUPYTER (the jupyter command), CHROMIUM (default /usr/bin/chromium), ASYNCRT_KERNEL_NAME
// (default java-asyncrt), E2E_NOTEBOOK (default 06-flow-of-control.ipynb).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  TIMELINES, startJupyter, openBrowser, openNotebook, waitForKernelIdle, codeCellsJSON, runCellText, clickMenu, shoot, SHOTS, KERNEL, STARTUP,
} from './jupyter.mjs';

const NOTEBOOK = process.env.E2E_NOTEBOOK || '06-flow-of-control.ipynb';
const RUN_ALL = 240_000;

let jupyter;
let browser;

before(async () => {
  jupyter = await startJupyter('lab');
  browser = await openBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (jupyter) await jupyter.stop();
});


test(`${NOTEBOOK} as committed, untrusted: its timelines still show`, { timeout: STARTUP + 60_000 }, async () => {
  const page = await browser.newPage();
  try {
    await openNotebook(page, jupyter, `lab/tree/${NOTEBOOK}?reset`, NOTEBOOK);
    const trusted = await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.model.cells.get(0).trusted);
    assert.equal(trusted, false, 'a notebook this browser never ran is untrusted');
    const images = page.locator(TIMELINES);
    await page.waitForFunction((sel) => {
      const imgs = [...document.querySelectorAll(sel)];
      return imgs.length === 2 && imgs.every((img) => img.complete);
    }, TIMELINES, { timeout: 60_000, polling: 250 });
    const pictures = await images.evaluateAll((imgs) => imgs.map((img) => ({ w: img.naturalWidth, h: img.naturalHeight })));
    assert.ok(pictures.length === 2 && pictures.every((p) => p.w >= 900 && p.h >= 100),
      `both stored timelines are shown, through Lab's sanitiser: ${JSON.stringify(pictures)}`);
    await shoot(images.first(), 'lab-untrusted-timeline.png');
    await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown());
  } catch (e) {
    await page.screenshot({ path: path.join(SHOTS, `lab-failed-${Date.now()}.png`) }).catch(() => {});
    throw e;
  } finally {
    await page.close();
  }
});

test(`${NOTEBOOK}: Run All in JupyterLab renders the checks, the table and the timeline`, { timeout: STARTUP + RUN_ALL + 60_000 }, async () => {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  try {
    await openNotebook(page, jupyter, `lab/tree/${NOTEBOOK}?reset`, NOTEBOOK);
    await waitForKernelIdle(page);
    const kernelName = await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.name);
    assert.equal(kernelName, KERNEL, 'the notebook opened with the course kernel');

    // Clear the committed outputs, so that everything checked below was made in this browser.
    await clickMenu(page, 'Edit', 'editmenu:clear-all');
    await page.waitForFunction(() => document.querySelectorAll('.jp-Notebook .jp-OutputArea-output').length === 0,
      null, { timeout: 30_000 });

    // Run ▸ Run All Cells, as a learner would; then every code cell has a number and the kernel is idle.
    await clickMenu(page, 'Run', 'runmenu:run-all');
    await page.waitForFunction(() => {
      const panel = window.jupyterapp.shell.currentWidget;
      const cells = panel.content.widgets.filter((c) => c.model.type === 'code');
      return cells.every((c) => Number.isInteger(c.model.executionCount))
        && panel.sessionContext.session.kernel.status === 'idle';
    }, null, { timeout: RUN_ALL, polling: 500 });

    const cells = await codeCellsJSON(page);
    const errors = cells.flatMap((c) => c.outputs.filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`));
    assert.deepEqual(errors, [], 'no cell failed');

    // The self-checks, as rendered.
    const text = await page.evaluate(() => [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')]
      .map((o) => o.textContent).join('\n'));
    assert.doesNotMatch(text, /claim failed/);
    const ticks = (text.match(/✔ /g) || []).length;
    assert.ok(ticks >= 8, `the notebook's checks rendered as ✔ lines (saw ${ticks})`);
    assert.match(text, /Task 1: Starting\s+Task 2: Starting/);
    assert.match(text, /Total time: 2\.\d\d seconds/);

    // The fourteen steps as an HTML table.
    assert.equal(await page.locator('.jp-RenderedHTMLCommon table tr').count(), 15, 'a header row and fourteen steps');

    // The timelines: shown (as drawn by this run's kernel), and their SVG read back: a lane per task, the two
    // sleeps drawn to scale.
    const images = page.locator(TIMELINES);
    assert.equal(await images.count(), 2, 'the two timelines are shown');
    await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].every((img) => img.complete && img.naturalWidth >= 900),
      TIMELINES, { timeout: 30_000 });
    const svgSource = cells.flatMap((c) => c.outputs).map((o) => o.data && o.data['image/svg+xml']).find(Boolean);
    const picture = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(Array.isArray(source) ? source.join('') : source, 'image/svg+xml');
      return {
        lanes: [...doc.querySelectorAll('g.lane')].map((g) => g.getAttribute('data-name')),
        waits: [...doc.querySelectorAll('rect.wait')].map((r) => ({
          ms: Number(r.getAttribute('data-end-ms')) - Number(r.getAttribute('data-start-ms')),
          width: Number(r.getAttribute('width')),
          label: r.textContent,
        })),
      };
    }, svgSource);
    assert.ok(picture.lanes.filter((n) => n.startsWith('Task-')).length >= 3, `main and the two tasks have lanes: ${picture.lanes}`);
    const sleeps = picture.waits.filter((w) => w.label.startsWith('sleep')).sort((a, b) => a.ms - b.ms);
    assert.equal(sleeps.length, 2, `two sleeps drawn: ${JSON.stringify(picture.waits)}`);
    assert.ok(Math.abs(sleeps[0].ms - 1000) < 150 && Math.abs(sleeps[1].ms - 2000) < 250, JSON.stringify(sleeps));
    assert.ok(sleeps[1].width > 1.6 * sleeps[0].width, 'the 2 s wait is drawn about twice as long as the 1 s wait');
    await shoot(images.last(), 'lab-timeline.png');
    await page.screenshot({ path: path.join(SHOTS, `lab-${NOTEBOOK.replace('.ipynb', '')}.png`) });

    assert.deepEqual(pageErrors, [], 'no JavaScript errors on the page');
    await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown());
  } catch (e) {
    await page.screenshot({ path: path.join(SHOTS, `lab-failed-${Date.now()}.png`) }).catch(() => {});
    throw e;
  } finally {
    await page.close();
  }
});

const SCRATCH_CELLS = [
  // 0: %%live, three tasks that end one after another
  `%%live 0.1
Asyncio.run(async(() -> {
    List<Task<Object>> sleepers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
        double seconds = 1.5 * i;
        sleepers.add(createTask(async(() -> { await(sleep(seconds)); return null; }), "sleeper-" + i));
    }
    for (Task<Object> t : sleepers) await(t);
    return null;
}));`,
  // 1: completion
  '',
  // 2: the Stop button
  'long spins = 0;\nwhile (true) { spins++; }',
];

function writeScratch(dir) {
  const nb = {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: KERNEL, display_name: 'Java (asyncrt)', language: 'java' } },
    cells: SCRATCH_CELLS.map((source, i) => ({ cell_type: 'code', id: `s${i}`, metadata: {}, source, outputs: [], execution_count: null })),
  };
  fs.writeFileSync(path.join(dir, 'scratch.ipynb'), JSON.stringify(nb, null, 1));
}

async function runCell(page, index) {
  // Select the cell by its prompt (command mode), then Shift+Enter.
  await page.locator('.jp-Notebook .jp-Cell').nth(index).locator('.jp-InputPrompt').click();
  await page.keyboard.press('Shift+Enter');
}

test('scratch notebook: %%live redraws in place, Tab completes, Stop ends a busy loop', { timeout: STARTUP + 180_000 }, async () => {
  writeScratch(jupyter.workDir);
  const page = await browser.newPage();
  try {
    await openNotebook(page, jupyter, 'lab/tree/scratch.ipynb?reset', 'scratch.ipynb');
    await waitForKernelIdle(page);

    // %%live: one output, whose table changes while the cell runs.
    await runCell(page, 0);
    const live = page.locator('.jp-Notebook .jp-Cell').nth(0).locator('.jp-OutputArea-output');
    await page.waitForFunction(() => /sleeper-1[\s\S]*waiting/.test(window.jupyterapp.shell.currentWidget.content.widgets[0]
      .node.querySelector('.jp-OutputArea').textContent), null, { timeout: 60_000, polling: 100 });
    const early = await runCellText(page, 0);
    await page.screenshot({ path: path.join(SHOTS, 'lab-live-early.png') });
    // Later, while the cell still runs: the first sleeper is done, in the same, single output.
    await page.waitForFunction(() => {
      const panel = window.jupyterapp.shell.currentWidget;
      const text = panel.content.widgets[0].node.querySelector('.jp-OutputArea').textContent;
      return /sleeper-1\s*\S*\s*done/.test(text) && /sleeper-3[\s\S]*waiting/.test(text);
    }, null, { timeout: 30_000, polling: 100 });
    const later = await runCellText(page, 0);
    assert.equal(await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets[0].model.executionCount), null,
      'the cell was still running when the table changed');
    assert.notEqual(later, early, 'the table changed');
    assert.equal(await live.count(), 1, 'redrawn in place: still one output');
    await page.screenshot({ path: path.join(SHOTS, 'lab-live-later.png') });
    await page.waitForFunction(() => Number.isInteger(window.jupyterapp.shell.currentWidget.content.widgets[0].model.executionCount),
      null, { timeout: 60_000, polling: 250 });
    assert.equal(await live.count(), 1, 'one output when the cell has ended');

    // Tab completion: a popup listing asyncrt's module functions.
    const editor = page.locator('.jp-Notebook .jp-Cell').nth(1).locator('.cm-content');
    await editor.click();
    await page.keyboard.type('Asyncio.');
    await page.keyboard.press('Tab');
    const completer = page.locator('.jp-Completer');
    await completer.waitFor({ state: 'visible', timeout: 30_000 });
    // Each item shows the match (and, once JShell answers, its kind, before and after it: read the match alone).
    const items = await completer.locator('.jp-Completer-match').allTextContents();
    assert.ok(items.some((t) => /^gather\b/.test(t)) && items.some((t) => /^sleep\b/.test(t)),
      `the completer offers gather and sleep: ${items.slice(0, 30)}`);
    await page.screenshot({ path: path.join(SHOTS, 'lab-completion.png') });
    await page.keyboard.press('Escape');

    // The Stop button (the toolbar's interrupt) ends `while (true) {}`.
    await waitForKernelIdle(page);   // the completion's request is answered
    await runCell(page, 2);
    await page.waitForFunction(() => {
      const panel = window.jupyterapp.shell.currentWidget;
      return panel.content.widgets[2].node.querySelector('.jp-InputPrompt').textContent.includes('*')
        && panel.sessionContext.session.kernel.status === 'busy';
    }, null, { timeout: 30_000, polling: 100 });
    await page.locator('.jp-NotebookPanel-toolbar [data-jp-item-name="interrupt"] button').click();
    await page.waitForFunction(() => {
      const panel = window.jupyterapp.shell.currentWidget;
      return Number.isInteger(panel.content.widgets[2].model.executionCount)
        && panel.sessionContext.session.kernel.status === 'idle';
    }, null, { timeout: 30_000, polling: 100 });
    const stopped = (await codeCellsJSON(page))[2].outputs.filter((o) => o.output_type === 'error');
    assert.equal(stopped.length, 1, 'the busy cell ended with an error');
    assert.match(`${stopped[0].ename}: ${stopped[0].evalue}`, /interrupt/i);
    await page.screenshot({ path: path.join(SHOTS, 'lab-stopped.png') });
    await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown());
  } catch (e) {
    await page.screenshot({ path: path.join(SHOTS, `lab-failed-${Date.now()}.png`) }).catch(() => {});
    throw e;
  } finally {
    await page.close();
  }
});
