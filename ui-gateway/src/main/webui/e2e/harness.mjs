// A small harness for the console's end-to-end script: Debian's Chromium through playwright-core,
// named steps that print how long they took, a screenshot of the page when a step fails, checks
// that say what was expected, and page-load figures read from the marks the pages set.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const base = process.env.CE_URL ?? 'https://localhost:8443';
const screenshots = process.env.CE_SCREENSHOTS;
const failures = process.env.CE_FAILURES ?? '/tmp/open-ce-console-e2e';

export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return browser;
}

/** A fresh browser profile (cookies of its own) at laptop size; the suite's certificate is self-signed. */
export async function newPage(browser) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`browser console error: ${m.text()}`);
  });
  return page;
}

let current;
/** Runs one named step; on failure saves a screenshot of the page and rethrows. */
export async function step(page, name, fn) {
  current = name;
  const start = Date.now();
  try {
    await fn();
    console.log(`STEP ok     ${name} (${Date.now() - start} ms)`);
  } catch (e) {
    mkdirSync(failures, { recursive: true });
    const file = join(failures, `${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.log(`STEP FAILED ${name} after ${Date.now() - start} ms: ${e.stack ?? e}`);
    console.log(`  page: ${page.url()} (screenshot ${file})`);
    throw e;
  }
}

export function check(condition, what) {
  if (!condition) throw new Error(`expected ${what} (in step "${current}")`);
}

/** Waits until fn() is true (polling), or fails naming what was awaited. */
export async function until(what, fn, timeoutMs = 30_000, everyMs = 500) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await fn()) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
}

export async function screenshot(page, name) {
  if (!screenshots) return;
  mkdirSync(screenshots, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

/**
 * Opens a page by address and returns the time in ms from the start of the navigation to the mark
 * the page sets when its data has rendered (performance.mark(markName)).
 */
export async function timedLoad(page, path, markName) {
  await page.goto(base + path);
  await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, markName, { timeout: 30_000 });
  return page.evaluate((m) => Math.round(performance.getEntriesByName(m)[0].startTime), markName);
}
