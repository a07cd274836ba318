// Shared by the browser tests: launching Debian's Chromium through
// playwright-core with the flags of lib.sh, running axe-core on a page, and
// a tiny assertion counter that prints "N passed, N failed" at the end.
'use strict';
const { chromium } = require('playwright-core');

const flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
               '--disable-component-update', '--disable-sync'];

/** A headless Chromium; playwright gives each launch a new, empty profile. */
async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM, headless: true, args: flags });
}

/** axe-core's violations on the page: at the impacts given, or every one when none are given. */
async function axeViolations(page, impacts) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  return impacts ? result.violations.filter(v => impacts.includes(v.impact)) : result.violations;
}

/** Counts checks; `finish` prints the totals and sets the exit code. */
class Checks {
  constructor() { this.passed = 0; this.failed = 0; }
  ok(condition, what) {
    if (condition) this.passed++;
    else { this.failed++; console.error(`FAIL: ${what}`); }
  }
  finish() {
    console.log(`${this.passed} passed, ${this.failed} failed`);
    process.exitCode = this.failed ? 1 : 0;
  }
}

/** Runs `main`, turning an exception into a failure with its message. */
function run(main) {
  main().catch(e => { console.error(`FAIL: ${e && e.stack || e}`); process.exitCode = 1; });
}

module.exports = { launch, axeViolations, Checks, run };
