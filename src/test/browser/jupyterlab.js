// Uses JupyterLab in headless Chromium the way a person does, with Playwright (playwright-core, no bundled
// browser). It acts only through the page — menus, the notebook toolbar, clicks and the keyboard — and reads what
// the page shows (the DOM, and the notebook model through window.jupyterapp, which the server exposes with
// --LabApp.expose_app_in_browser). It asserts nothing: src/test/python/test_browser.py does. What it saw is printed
// as one JSON object on stdout, also when a step failed (then `failed` names the step and `error` says why).
//
// On the first notebook: Run All; edit the parameters cell (`int DOWNLOADS = n;` becomes n / 2),
// re-run it and the first later cell that uses DOWNLOADS; a new `while (true) {}` cell stopped with the
// toolbar's interrupt button, then a cell printing DOWNLOADS; Kernel > Restart Kernel… and the parameters cell run
// again; `Str` + Tab in a new cell; Help > Show Contextual Help on `String`. Then Kernel > Shut Down Kernel, and
// on the second notebook Run All. A screenshot of each step goes to the screenshot folder.
//
// usage: node jupyterlab.js --lab http://127.0.0.1:PORT/ --token TOKEN --chromium /usr/bin/chromium \
//          --user-data-dir EMPTY_DIR --screenshots DIR --first 00-start-here.ipynb \
//          --second 02-cpu-bound-threads-vs-processes.ipynb [--timeout SECONDS]
//
// Every wait is bounded by --timeout (default 300 s); the browser is closed in all cases.
'use strict';

const path = require('path');
const { chromium } = require('playwright-core');

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const VIEWPORT = { width: 1280, height: 900 };
const MAX_SCREENSHOT_HEIGHT = 16000;   // Chromium's largest texture; a taller notebook is cut there

function parseArgs(argv) {
  const known = ['--lab', '--token', '--chromium', '--user-data-dir', '--screenshots', '--first', '--second',
    '--timeout'];
  const args = { '--timeout': '300' };
  for (let i = 0; i < argv.length; i += 2) {
    if (!known.includes(argv[i]) || i + 1 >= argv.length) {
      throw new Error(`bad argument '${argv[i]}'; usage: ${known.map((k) => `${k} VALUE`).join(' ')}`);
    }
    args[argv[i]] = argv[i + 1];
  }
  for (const name of known) {
    if (!args[name]) throw new Error(`missing ${name}`);
  }
  const seconds = Number(args['--timeout']);
  if (!(seconds > 0)) throw new Error(`--timeout must be a positive number of seconds, not '${args['--timeout']}'`);
  return {
    lab: args['--lab'].replace(/\/?$/, '/'), token: args['--token'], chromium: args['--chromium'],
    userDataDir: args['--user-data-dir'], screenshots: args['--screenshots'], first: args['--first'],
    second: args['--second'], timeoutMs: seconds * 1000,
  };
}

// ---- read in the page (these functions run in the browser) ----------------------------------------------------

// The notebook panel in front, its kernel, and whether that kernel is connected and idle.
function kernelState() {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  const session = panel && panel.sessionContext && panel.sessionContext.session;
  const kernel = session && session.kernel;
  return {
    path: panel && panel.context ? panel.context.path : null,
    name: kernel ? kernel.name : null,
    displayName: panel && panel.sessionContext ? panel.sessionContext.kernelDisplayName : null,
    status: kernel ? kernel.status : null,
    connection: kernel ? kernel.connectionStatus : null,
    dialogs: [...document.querySelectorAll('.jp-Dialog')].map((d) => d.textContent.slice(0, 300)),
  };
}

function kernelIdle() {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  return Boolean(kernel && kernel.status === 'idle' && kernel.connectionStatus === 'connected'
    && panel.content && panel.content.widgets.length > 0);
}

function kernelBusy() {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return Boolean(kernel && kernel.status === 'busy');
}

// The code cells of the notebook in front: source, execution count, prompt text, outputs.
function describeCells() {
  const panel = window.jupyterapp.shell.currentWidget;
  return panel.content.widgets.map((cell, index) => ({ cell, index }))
    .filter(({ cell }) => cell.model.type === 'code')
    .map(({ cell, index }) => {
      const prompt = cell.node.querySelector('.jp-InputPrompt');
      const outputs = [];
      for (let i = 0; i < cell.model.outputs.length; i++) {
        const out = cell.model.outputs.get(i).toJSON();
        const text = (value) => (Array.isArray(value) ? value.join('') : value);
        outputs.push({
          type: out.output_type,
          name: out.name || null,
          text: typeof text(out.text) === 'string' ? text(out.text).slice(0, 2000)
            : (out.data && typeof text(out.data['text/plain']) === 'string'
              ? text(out.data['text/plain']).slice(0, 2000) : null),
          ename: out.ename || null,
          evalue: out.evalue || null,
          mime: out.data ? Object.keys(out.data) : [],
        });
      }
      return {
        index,
        source: cell.model.sharedModel.getSource(),
        executionCount: cell.model.executionCount,
        prompt: prompt ? prompt.textContent.trim() : null,
        outputs,
      };
    });
}

// True once Run All has finished: the kernel is idle, no cell waits or runs ([*]), and every code cell with
// source ran — or a cell failed (the kernel then aborts the ones queued behind it).
function runAllDone() {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const code = panel.content.widgets.filter((cell) => cell.model.type === 'code');
  if (code.some((cell) => (cell.node.querySelector('.jp-InputPrompt') || {}).textContent === '[*]:')) return false;
  const failed = code.some((cell) => {
    for (let i = 0; i < cell.model.outputs.length; i++) {
      if (cell.model.outputs.get(i).type === 'error') return true;
    }
    return false;
  });
  return failed || code.every((cell) => !cell.model.sharedModel.getSource().trim()
    || typeof cell.model.executionCount === 'number');
}

// ---- act as a person -------------------------------------------------------------------------------------------

// CSS selector of the notebook panel in front (other panels stay in the DOM behind their tabs).
async function panelSelector(page) {
  const id = await page.evaluate(() => window.jupyterapp.shell.currentWidget.id);
  return `[id="${id}"]`;
}

// The cell at model index `index` of the notebook in front, scrolled into view as a person scrolls to it.
async function cellLocator(page, index) {
  await page.evaluate((i) => window.jupyterapp.shell.currentWidget.content.scrollToItem(i, 'center'), index);
  const cell = page.locator(`${await panelSelector(page)} .jp-Cell[data-windowed-list-index="${index}"]`);
  await cell.scrollIntoViewIfNeeded();
  return cell;
}

// Clicks the prompt of the code cell at `index` (selects it, command mode).
async function selectCell(page, index) {
  const cell = await cellLocator(page, index);
  await cell.locator('.jp-InputPrompt').click();
  await page.keyboard.press('Escape');
  return cell;
}

function lastCodeCellIndex() {
  const widgets = window.jupyterapp.shell.currentWidget.content.widgets;
  for (let i = widgets.length - 1; i >= 0; i--) {
    if (widgets[i].model.type === 'code') return i;
  }
  return -1;
}

async function clickMenu(page, menu, item) {
  await page.click(`.lm-MenuBar-itemLabel:text-is("${menu}")`);
  await page.click(`.lm-Menu-itemLabel:text-matches("^${item}…?$")`);
}

async function waitIdle(page, timeoutMs) {
  await page.waitForFunction(kernelIdle, null, { polling: 50, timeout: timeoutMs });
}

// Opens a notebook from its URL and waits for its kernel to be idle; declines the news notification if it shows.
async function openNotebook(page, opts, name) {
  await page.goto(`${opts.lab}lab/tree/${encodeURIComponent(name)}?token=${opts.token}`,
    { waitUntil: 'domcontentloaded' });
  await page.waitForFunction((n) => {
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    return Boolean(panel && panel.context && panel.context.path === n);
  }, name, { polling: 100 });
  await waitIdle(page, opts.timeoutMs);
  const news = page.locator('.jp-toast-button:text-is("No")');
  if (await news.count() > 0) await news.first().click();
}

// The cell at `index` in the notebook in front, in edit mode with the cursor at the start of its text.
async function editCell(page, index) {
  const cell = await cellLocator(page, index);
  await cell.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  return cell;
}

// Selects the last code cell, adds a cell below it (B) and starts editing it (Enter); returns its index.
async function addCellAtEnd(page) {
  const last = await page.evaluate(lastCodeCellIndex);
  await selectCell(page, last);
  await page.keyboard.press('b');
  await page.keyboard.press('Enter');
  return last + 1;
}

// A new cell at the end with `text`, run with Ctrl+Enter; returns its index.
async function runNewCell(page, text, opts, wait = true) {
  const index = await addCellAtEnd(page);
  await page.keyboard.type(text);
  await page.keyboard.press('Control+Enter');
  if (wait) await waitCellDone(page, index, opts.timeoutMs);
  return index;
}

// Waits until the cell at `index` has run (an execution count) and the kernel is idle.
async function waitCellDone(page, index, timeoutMs) {
  await page.waitForFunction((i) => {
    const panel = window.jupyterapp.shell.currentWidget;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    const cell = panel.content.widgets[i];
    return Boolean(kernel && kernel.status === 'idle' && cell && typeof cell.model.executionCount === 'number'
      && (cell.node.querySelector('.jp-InputPrompt') || {}).textContent !== '[*]:');
  }, index, { polling: 50, timeout: timeoutMs });
}

function cellAt(cells, index) {
  return cells.find((c) => c.index === index) || null;
}

// Every output image of the notebook in front, each scrolled into view first (JupyterLab skips rendering
// off-screen cells): its natural and its shown size.
async function describeImages(page) {
  const images = page.locator(`${await panelSelector(page)} .jp-OutputArea-output img`);
  const found = [];
  for (let i = 0; i < await images.count(); i++) {
    const img = images.nth(i);
    await img.scrollIntoViewIfNeeded();
    await img.evaluate((el) => (el.complete ? null : new Promise((done) => {
      el.addEventListener('load', done, { once: true });
      el.addEventListener('error', done, { once: true });
    })));
    const box = await img.boundingBox();
    const natural = await img.evaluate((el) => ({ width: el.naturalWidth, height: el.naturalHeight }));
    found.push({
      naturalWidth: natural.width, naturalHeight: natural.height,
      shownWidth: box ? box.width : 0, shownHeight: box ? box.height : 0,
    });
  }
  return found;
}

// A screenshot of the whole notebook: the viewport grows to the notebook's height for it.
async function screenshotNotebook(page, file) {
  const height = await page.evaluate(() => {
    const scroller = window.jupyterapp.shell.currentWidget.node.querySelector('.jp-WindowedPanel-outer');
    return scroller ? scroller.scrollHeight : 0;
  });
  await page.setViewportSize({ width: VIEWPORT.width, height: Math.min(MAX_SCREENSHOT_HEIGHT, height + 200) });
  try {
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.screenshot({ path: file });
  } finally {
    await page.setViewportSize(VIEWPORT);
  }
}

// Run > Run All Cells on the notebook in front; what the page shows afterwards.
async function runAll(page, opts, shotName) {
  const started = Date.now();
  await clickMenu(page, 'Run', 'Run All Cells');
  await page.waitForFunction(runAllDone, null, { polling: 250, timeout: opts.timeoutMs });
  const result = {
    elapsedMs: Date.now() - started,
    kernel: await page.evaluate(kernelState),
    cells: await page.evaluate(describeCells),
    images: await describeImages(page),
    errorElements: await page.locator(
      `${await panelSelector(page)} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]`).count(),
  };
  await screenshotNotebook(page, path.join(opts.screenshots, shotName));
  return result;
}

// The parameters cell: the first code cell with a line `int DOWNLOADS = n;`.
const SIZE_LINE = /^int DOWNLOADS = ([0-9_]+);/m;

async function editParameter(page, opts, cells) {
  const params = cells.find((c) => SIZE_LINE.test(c.source));
  if (!params) return { found: false };
  const oldText = params.source.match(SIZE_LINE)[1];
  const oldSize = Number(oldText.replace(/_/g, ''));
  const newSize = Math.floor(oldSize / 2);
  const user = cells.find((c) => c.index > params.index && /\bDOWNLOADS\b/.test(c.source)
    && c.outputs.some((o) => o.text));
  const lines = params.source.split('\n');
  const row = lines.findIndex((line) => SIZE_LINE.test(line));
  const column = lines[row].indexOf(oldText);

  // Click into the cell, walk to the number, select it and type the new one.
  const cell = await editCell(page, params.index);
  for (let i = 0; i < row; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < oldText.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.type(String(newSize));
  await page.keyboard.press('Shift+Enter');
  await waitCellDone(page, params.index, opts.timeoutMs);
  if (user) {
    await selectCell(page, user.index);
    await page.keyboard.press('Shift+Enter');
    await waitCellDone(page, user.index, opts.timeoutMs);
  }
  await cell.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(opts.screenshots, 'step-1-edited-parameter.png') });
  const after = await page.evaluate(describeCells);
  return {
    found: true, oldSize, newSize,
    parameters: { before: params, after: cellAt(after, params.index) },
    user: user ? { before: user, after: cellAt(after, user.index) } : null,
  };
}

async function interruptLoop(page, opts) {
  const index = await runNewCell(page, 'while (true) {}', opts, false);
  await page.waitForFunction(kernelBusy, null, { polling: 20, timeout: opts.timeoutMs });
  // let the loop spin for a moment, as it would before a person reaches for the button
  await page.waitForTimeout(1000);
  const busyBefore = await page.evaluate(kernelBusy);
  const started = Date.now();
  await page.click(`${await panelSelector(page)} .jp-Toolbar [data-command="notebook:interrupt-kernel"]`);
  await waitIdle(page, opts.timeoutMs);
  const idleAfterMs = Date.now() - started;
  const loop = cellAt(await page.evaluate(describeCells), index);
  const check = await runNewCell(page, 'System.out.println("DOWNLOADS is still " + DOWNLOADS);', opts);
  await page.screenshot({ path: path.join(opts.screenshots, 'step-2-interrupted.png') });
  return { busyBefore, idleAfterMs, loop, after: cellAt(await page.evaluate(describeCells), check) };
}

async function restartKernel(page, opts, setupIndexes, parametersIndex) {
  await clickMenu(page, 'Kernel', 'Restart Kernel');
  await page.click('.jp-Dialog .jp-mod-accept');
  // the kernel goes through restarting before it is idle again
  await page.waitForFunction(() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    return Boolean(kernel && kernel.status !== 'idle');
  }, null, { polling: 20, timeout: opts.timeoutMs }).catch(() => {});
  await waitIdle(page, opts.timeoutMs);
  // a variable of the old session is gone: the cell fails
  const lostIndex = await runNewCell(page, 'System.out.println(DOWNLOADS);', opts);
  const lost = cellAt(await page.evaluate(describeCells), lostIndex);
  for (const index of setupIndexes) {
    await selectCell(page, index);
    await page.keyboard.press('Shift+Enter');
    await waitCellDone(page, index, opts.timeoutMs);
  }
  await selectCell(page, parametersIndex);
  await page.keyboard.press('Shift+Enter');
  await waitCellDone(page, parametersIndex, opts.timeoutMs);
  await page.screenshot({ path: path.join(opts.screenshots, 'step-3-restarted.png') });
  const after = await page.evaluate(describeCells);
  return { sizeAfterRestart: lost, parameters: cellAt(after, parametersIndex) };
}

async function complete(page, opts) {
  await addCellAtEnd(page);
  await page.keyboard.type('Str');
  // JupyterLab shows nothing when the kernel's answer takes longer than its provider timeout (1 s by default):
  // a person presses Tab again. Each press waits up to 5 s for the list; the number of presses is reported.
  let presses = 0;
  const started = Date.now();
  for (;;) {
    presses++;
    await page.keyboard.press('Tab');
    const shown = await page.waitForFunction(
      () => document.querySelectorAll('.jp-Completer:not(.lm-mod-hidden) .jp-Completer-item').length > 0,
      null, { polling: 50, timeout: 5000 }).then(() => true, () => false);
    if (shown) break;
    if (Date.now() - started > opts.timeoutMs) throw new Error(`no completion list after ${presses} Tab presses`);
  }
  const shownAfterMs = Date.now() - started;
  const items = await page.locator('.jp-Completer:not(.lm-mod-hidden) .jp-Completer-item .jp-Completer-match')
    .allTextContents();
  await page.screenshot({ path: path.join(opts.screenshots, 'step-4-completions.png') });
  await page.keyboard.press('Escape');
  return { items, presses, shownAfterMs };
}

async function contextualHelp(page, opts) {
  const panel = await panelSelector(page);
  // the cell of the completion step is still in edit mode: its text becomes `String`, the cursor inside the word
  await page.keyboard.press('Control+a');
  await page.keyboard.type('String');
  await page.keyboard.press('ArrowLeft');
  await clickMenu(page, 'Help', 'Show Contextual Help');
  const content = page.locator('.jp-Inspector .jp-Inspector-content');
  await content.waitFor({ state: 'visible', timeout: opts.timeoutMs });
  // the panel opens beside the notebook and takes the focus; back in the editor, the panel asks the kernel about
  // the word at the cursor whenever the cursor moves
  await page.locator(`${panel} .jp-Cell.jp-mod-active .cm-content`).click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => {
    const node = document.querySelector('.jp-Inspector .jp-Inspector-content');
    return Boolean(node && /String/.test(node.textContent) && !node.querySelector('.jp-Inspector-placeholderContent'));
  }, null, { polling: 100, timeout: opts.timeoutMs });
  const text = await content.textContent();
  await page.screenshot({ path: path.join(opts.screenshots, 'step-5-contextual-help.png') });
  return { text: text.slice(0, 2000) };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const log = (msg) => process.stderr.write(`jupyterlab.js: ${msg}\n`);
  const result = { pageErrors: [], steps: [] };
  const context = await chromium.launchPersistentContext(opts.userDataDir, {
    executablePath: opts.chromium, headless: true, args: CHROMIUM_FLAGS, viewport: VIEWPORT, timeout: opts.timeoutMs,
  });
  let step = 'start';
  try {
    context.setDefaultTimeout(opts.timeoutMs);
    const page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (err) => result.pageErrors.push(`during ${step}: ${String(err.stack || err).slice(0, 1000)}`));
    const track = async (name, action) => {
      step = name;
      const started = Date.now();
      result[name] = await action();
      result.steps.push(name);
      log(`${name}: ${Date.now() - started} ms`);
    };
    await track('open', async () => {
      await openNotebook(page, opts, opts.first);
      return page.evaluate(kernelState);
    });
    await track('runAll', () => runAll(page, opts, `${path.parse(opts.first).name}.png`));
    await track('edit', () => editParameter(page, opts, result.runAll.cells));
    await track('interrupt', () => interruptLoop(page, opts));
    const params = result.edit.found ? result.edit.parameters.before.index : 0;
    // the code cells before the parameters (the imports) run again too, as a person re-runs from the top
    const before = result.runAll.cells.filter((c) => c.index < params && c.executionCount).map((c) => c.index);
    await track('restart', () => restartKernel(page, opts, before, params));
    await track('complete', () => complete(page, opts));
    await track('help', () => contextualHelp(page, opts));
    await track('shutdown', async () => {
      await clickMenu(page, 'Kernel', 'Shut Down Kernel');
      const dialog = page.locator('.jp-Dialog .jp-mod-accept');
      if (await dialog.count() > 0) await dialog.click();
      await page.waitForFunction(() => {
        const panel = window.jupyterapp.shell.currentWidget;
        return !(panel.sessionContext.session && panel.sessionContext.session.kernel);
      }, null, { polling: 100, timeout: opts.timeoutMs });
      return { shutDown: true };
    });
    await track('second', async () => {
      await openNotebook(page, opts, opts.second);
      const opened = await page.evaluate(kernelState);
      return { opened, ...(await runAll(page, opts, `${path.parse(opts.second).name}.png`)) };
    });
    step = null;
  } catch (err) {
    result.failed = step;
    result.error = String(err && err.stack ? err.stack : err).slice(0, 4000);
    const page = context.pages()[0];
    if (page) {
      await page.screenshot({ path: path.join(opts.screenshots, `failed-${step}.png`), timeout: 10000 })
        .then(() => log(`screenshot of the failure: failed-${step}.png`), () => {});
    }
  } finally {
    await context.close();
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  process.stderr.write(`jupyterlab.js: ${err && err.stack ? err.stack : err}\n`);
  process.exitCode = 1;
});
