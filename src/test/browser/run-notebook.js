#!/usr/bin/env node
// Opens one notebook of a running classic Jupyter Notebook server in headless Chromium, runs all cells the way a
// person does (Cell > Run All), waits until the kernel is idle and no cell is queued, saves a screenshot, and prints
// what the page shows as one JSON object on stdout. It asserts nothing: src/test/python/test_browser.py does.
//
// usage: node run-notebook.js --url URL --chromium /usr/bin/chromium --user-data-dir EMPTY_DIR \
//                             --screenshot OUT.png [--timeout SECONDS]
//
// Every wait is bounded by --timeout (default 300 s); the browser is closed in all cases.
'use strict';

const { chromium } = require('playwright-core');

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function parseArgs(argv) {
  const known = new Set(['--url', '--chromium', '--user-data-dir', '--screenshot', '--timeout']);
  const args = { '--timeout': '300' };
  for (let i = 0; i < argv.length; i += 2) {
    if (!known.has(argv[i]) || i + 1 >= argv.length) {
      throw new Error(`bad argument '${argv[i]}'; usage: --url URL --chromium PATH --user-data-dir DIR `
        + '--screenshot FILE [--timeout SECONDS]');
    }
    args[argv[i]] = argv[i + 1];
  }
  for (const name of known) {
    if (!args[name]) throw new Error(`missing ${name}`);
  }
  const seconds = Number(args['--timeout']);
  if (!(seconds > 0)) throw new Error(`--timeout must be a positive number of seconds, not '${args['--timeout']}'`);
  return {
    url: args['--url'], chromium: args['--chromium'], userDataDir: args['--user-data-dir'],
    screenshot: args['--screenshot'], timeoutMs: seconds * 1000,
  };
}

// In the page: true once the notebook is loaded and its kernel connected and answered kernel_info.
function kernelReady() {
  const nb = window.Jupyter && window.Jupyter.notebook;
  return Boolean(nb && nb._fully_loaded && nb.kernel && nb.kernel.is_connected()
    && nb.kernel.info_reply && nb.kernel.info_reply.status === 'ok'
    && document.querySelector('#kernel_indicator_icon.kernel_idle_icon'));
}

// In the page: true once no cell waits or runs ('*' prompt) and the kernel indicator shows idle.
function allCellsDone() {
  const queued = window.Jupyter.notebook.get_cells()
    .some((cell) => cell.cell_type === 'code' && cell.input_prompt_number === '*');
  return !queued && Boolean(document.querySelector('#kernel_indicator_icon.kernel_idle_icon'));
}

// In the page: true once every image in an output area finished loading (or failed to).
function imagesSettled() {
  return [...document.querySelectorAll('.output_area img')].every((img) => img.complete);
}

// In the page: what a person would check, as plain data.
function describePage() {
  const nb = window.Jupyter.notebook;
  const cells = nb.get_cells().filter((cell) => cell.cell_type === 'code').map((cell) => ({
    index: nb.find_cell_index(cell),
    source: cell.get_text(),
    prompt: cell.input_prompt_number === undefined ? null : cell.input_prompt_number,
    outputs: cell.output_area.outputs.map((out) => ({
      type: out.output_type,
      name: out.name || null,
      text: typeof out.text === 'string' ? out.text.slice(0, 2000) : null,
      ename: out.ename || null,
      evalue: out.evalue || null,
      mime: out.data ? Object.keys(out.data) : [],
    })),
  }));
  const images = [...document.querySelectorAll('.output_area img')].map((img) => ({
    naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
    shownWidth: img.getBoundingClientRect().width, shownHeight: img.getBoundingClientRect().height,
  }));
  const indicator = document.querySelector('#kernel_indicator .kernel_indicator_name');
  return {
    title: document.title,
    kernelName: nb.kernel.name,
    kernelDisplayName: indicator ? indicator.textContent.trim() : null,
    kernelLanguage: (nb.metadata.language_info || {}).name || null,
    implementation: nb.kernel.info_reply.implementation || null,
    cells,
    images,
    errorElements: document.querySelectorAll('.output_area .output_error').length,
  };
}

// The classic Notebook scrolls inside #site; let the page grow to the notebook's height for a full screenshot.
async function screenshotWholeNotebook(page, file) {
  await page.evaluate(() => {
    const site = document.getElementById('site');
    site.style.height = 'auto';
    site.style.overflow = 'visible';
    document.body.style.overflow = 'visible';
    document.body.style.height = 'auto';
  });
  await page.screenshot({ path: file, fullPage: true });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const log = (msg) => process.stderr.write(`run-notebook: ${msg}\n`);
  const pageErrors = [];
  const context = await chromium.launchPersistentContext(opts.userDataDir, {
    executablePath: opts.chromium,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
    timeout: opts.timeoutMs,
  });
  try {
    context.setDefaultTimeout(opts.timeoutMs);
    const page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    const started = Date.now();
    await page.goto(opts.url, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(kernelReady, null, { polling: 250 });
    log(`kernel ready after ${Date.now() - started} ms`);
    await page.click('#celllink');
    await page.click('#run_all_cells > a');
    await page.waitForFunction(allCellsDone, null, { polling: 250 });
    await page.waitForFunction(imagesSettled, null, { polling: 100 });
    log(`all cells done after ${Date.now() - started} ms`);
    const result = await page.evaluate(describePage);
    result.pageErrors = pageErrors;
    result.elapsedMs = Date.now() - started;
    await screenshotWholeNotebook(page, opts.screenshot);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (err) {
    // what the page showed when it went wrong, for the person reading the failure
    const page = context.pages()[0];
    if (page) {
      await page.screenshot({ path: opts.screenshot, timeout: 10000 })
        .then(() => log(`screenshot of the failure: ${opts.screenshot}`), () => {});
    }
    throw err;
  } finally {
    await context.close();
  }
}

main().catch((err) => {
  process.stderr.write(`run-notebook: ${err && err.stack ? err.stack : err}\n`);
  process.exitCode = 1;
});
