// axe-core on HTML pages alone, at every impact (minor, moderate, serious,
// critical): for reports whose structure report.cjs does not know, such as
// several periods' assessments in one page (`assay run --periods`).
// Usage: node axe_only.cjs PAGE.html...
'use strict';
const { launch, axeViolations, Checks, run } = require('./browser.cjs');

run(async () => {
  const pages = process.argv.slice(2);
  const checks = new Checks();
  const browser = await launch();
  try {
    for (const html of pages) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      await page.goto('file://' + html);
      const violations = await axeViolations(page);
      for (const v of violations)
        console.error(`${html}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x, e.g. ${v.nodes[0].target})`);
      checks.ok(violations.length === 0, `${html}: no axe-core violation of any impact`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  checks.finish();
});
