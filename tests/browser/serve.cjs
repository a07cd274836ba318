// `assay serve` in a real browser, as a performance officer uses it: open the
// page, edit a threshold in a copy of the LSP 2007 pack and see the rating
// change on the page without touching it; break the pack and see the error
// with its file:line; fix it and see the report again.
// Usage: node serve.cjs ASSAY PACK_COPY DATASET
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { launch, Checks, run } = require('./browser.cjs');

// The URL `assay serve` prints when it is listening.
function start(assay, pack, data) {
  const server = spawn(assay, ['serve', pack, data, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = new Promise((resolve, reject) => {
    server.stdout.on('data', d => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    server.on('exit', code => reject(new Error(`assay serve exited ${code} before listening: ${out}`)));
    setTimeout(() => reject(new Error(`assay serve printed no URL in 20 s: ${out}`)), 20000);
  });
  return { server, url };
}

// The rating label of `indicator` in the table titled `table`, or null.
const ratingOf = (page, table, indicator) => page.evaluate(([table, indicator]) => {
  const section = Array.from(document.querySelectorAll('section.group'))
    .find(s => s.querySelector('h3').textContent.startsWith(table));
  if (!section) return null;
  const row = Array.from(section.querySelectorAll('tbody.indicator'))
    .find(b => b.querySelector('th.title').textContent.startsWith(indicator));
  const label = row && row.querySelector('td.rating .label');
  return label ? label.textContent : null;
}, [table, indicator]);

run(async () => {
  const [assay, pack, data] = process.argv.slice(2);
  const rules = path.join(pack, 'psa1.lua');
  const original = fs.readFileSync(rules, 'utf8');
  const checks = new Checks();
  const { server, url } = start(assay, pack, data);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(await url);
    const psa1 = 'Progress against PSA1 Targets';
    checks.ok(await ratingOf(page, psa1, 'Robbery') === 'RED', 'Robbery starts RED (17.5% reduction target)');

    // A performance officer lowers the target: the page follows on its own.
    checks.ok(original.includes('reduce_by = pct(17.5)'), 'the pack has the threshold to edit');
    fs.writeFileSync(rules, original.replace('reduce_by = pct(17.5)', 'reduce_by = pct(1)'));
    await page.waitForFunction(([table, name]) => {
      const section = Array.from(document.querySelectorAll('section.group'))
        .find(s => s.querySelector('h3') && s.querySelector('h3').textContent.startsWith(table));
      const row = section && Array.from(section.querySelectorAll('tbody.indicator'))
        .find(b => b.querySelector('th.title').textContent.startsWith(name));
      const label = row && row.querySelector('td.rating .label');
      return label && label.textContent === 'GREEN';
    }, [psa1, 'Robbery'], { timeout: 20000 });
    checks.ok(await ratingOf(page, psa1, 'Robbery') === 'GREEN', 'Robbery is GREEN after the edit (1% target)');

    // A mistake in the rules: the page shows the error and where it is, not a stale report.
    fs.writeFileSync(rules, original + '\ngroup "unfinished" {\n');
    await page.waitForSelector('#errors', { timeout: 20000 });
    const errors = await page.locator('#errors').innerText();
    checks.ok(/psa1\.lua:\d+/.test(errors), `the error names file:line (${errors.trim()})`);
    checks.ok(await page.locator('tbody.indicator').count() === 0, 'no stale report beside the error');

    // Fixed: the report is back, with the original rating.
    fs.writeFileSync(rules, original);
    await page.waitForSelector('tbody.indicator', { timeout: 20000 });
    checks.ok(await ratingOf(page, psa1, 'Robbery') === 'RED', 'the report is back after the fix');
  } finally {
    fs.writeFileSync(rules, original);
    await browser.close();
    server.kill('SIGTERM');
  }
  checks.finish();
});
