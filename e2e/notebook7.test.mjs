// The course in Notebook 7, in a real browser: a course notebook opened, Run ▸ Run All Cells, and then the
// ✔ lines of its self-checks and its timeline pictures are checked on the page. (JupyterLab's test checks
// more; Notebook 7 is built from the same parts, so this one checks that they come together there too.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  TIMELINES, startJupyter, openBrowser, openNotebook, waitForKernelIdle, codeCellsJSON, clickMenu, shoot, KERNEL, STARTUP,
} from './jupyter.mjs';

const NOTEBOOK = process.env.E2E_NOTEBOOK || '06-flow-of-control.ipynb';

let jupyter;
let browser;

before(async () => {
  jupyter = await startJupyter('notebook');
  browser = await openBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (jupyter) await jupyter.stop();
});

test(`${NOTEBOOK}: Run All in Notebook 7 renders the checks and the timelines`, { timeout: STARTUP + 300_000 }, async () => {
  const page = await browser.newPage();
  try {
    await openNotebook(page, jupyter, `notebooks/${NOTEBOOK}`, NOTEBOOK);
    await waitForKernelIdle(page);
    assert.equal(await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.name), KERNEL);

    await clickMenu(page, 'Edit', 'editmenu:clear-all');
    await page.waitForFunction(() => document.querySelectorAll('.jp-Notebook .jp-OutputArea-output').length === 0,
      null, { timeout: 30_000 });
    await clickMenu(page, 'Run', 'runmenu:run-all');
    await page.waitForFunction(() => {
      const panel = window.jupyterapp.shell.currentWidget;
      return panel.content.widgets.filter((c) => c.model.type === 'code').every((c) => Number.isInteger(c.model.executionCount))
        && panel.sessionContext.session.kernel.status === 'idle';
    }, null, { timeout: 240_000, polling: 500 });

    const errors = (await codeCellsJSON(page)).flatMap((c) => c.outputs.filter((o) => o.output_type === 'error'));
    assert.deepEqual(errors, [], 'no cell failed');
    const text = await page.evaluate(() => [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')]
      .map((o) => o.textContent).join('\n'));
    assert.doesNotMatch(text, /claim failed/);
    const ticks = (text.match(/✔ /g) || []).length;
    assert.ok(ticks >= 8, `the notebook's checks rendered as ✔ lines (saw ${ticks})`);
    await page.waitForFunction((sel) => {
      const imgs = [...document.querySelectorAll(sel)];
      return imgs.length === 2 && imgs.every((img) => img.complete && img.naturalWidth >= 900);
    }, TIMELINES, { timeout: 30_000, polling: 250 });
    await shoot(page.locator(TIMELINES).last(), 'notebook7-timeline.png');
    await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown());
  } catch (e) {
    await page.screenshot({ path: `${process.cwd()}/../target/e2e/notebook7-failed.png` }).catch(() => {});
    throw e;
  } finally {
    await page.close();
  }
});
