// The HTML report in a real browser, for every bundled pack: every indicator
// of the JSON record has its row, every rating its text label and every
// arrow its word, charts are labelled images, the page fetches nothing and
// reads without scripts, and axe-core finds no accessibility violation of
// any impact (minor, moderate, serious or critical). Keeps a full-page
// screenshot of the LSP 2007 report as a test artefact.
// Usage: node report.cjs LIST ARTEFACTS, LIST holding "name report.html record.json" lines.
'use strict';
const fs = require('fs');
const path = require('path');
const { launch, axeViolations, Checks, run } = require('./browser.cjs');

run(async () => {
  const [list, artefacts] = process.argv.slice(2);
  const reports = fs.readFileSync(list, 'utf8').trim().split('\n').map(l => l.split(' '));
  const checks = new Checks();
  const browser = await launch();
  try {
    for (const [name, html, json] of reports) {
      const record = JSON.parse(fs.readFileSync(json, 'utf8'));
      const url = 'file://' + html;
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      const fetched = [];
      page.on('request', r => { if (!r.url().startsWith('file://')) fetched.push(r.url()); });
      await page.goto(url);

      checks.ok((await page.title()).length > 0, `${name}: the page has a title`);
      checks.ok(await page.locator('h1').count() === 1, `${name}: one h1`);
      checks.ok(await page.locator('script').count() === 0, `${name}: no scripts`);
      const rows = await page.locator('tbody.indicator').count();
      checks.ok(rows === record.outcomes.length, `${name}: ${rows} indicator rows for ${record.outcomes.length} outcomes`);

      const seen = await page.evaluate(() => Array.from(document.querySelectorAll('tbody.indicator')).map(b => ({
        id: b.id,
        title: b.querySelector('th.title').textContent,
        rating: b.querySelector('td.rating .tag') ? b.querySelector('td.rating .tag').innerText.trim() : null,
        label: b.querySelector('td.rating .label') ? b.querySelector('td.rating .label').textContent : null,
        direction: b.querySelector('td.direction').innerText.trim(),
      })));
      record.outcomes.forEach((o, i) => {
        const row = seen.find(r => r.id === `o${i}`);
        checks.ok(row && row.title.startsWith(o.title), `${name}: row o${i} is "${o.title}"`);
        if (!row) return;
        checks.ok(/[A-Za-z]/.test(row.direction), `${name}: ${o.title}: the arrow has a word ("${row.direction}")`);
        if (row.rating !== null) {
          checks.ok(row.rating.length > 0, `${name}: ${o.title}: the rating has a text label`);
          if (o.rating) checks.ok(row.label === o.rating, `${name}: ${o.title}: rating ${row.label} is ${o.rating}`);
        }
      });
      // Every tag on the page (ratings, key, summary) says its rating in text.
      const emptyTags = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.tag')).filter(t => t.innerText.trim() === '').length);
      checks.ok(emptyTags === 0, `${name}: ${emptyTags} rating tags without text`);
      // Charts: images with a title and a text summary.
      const charts = await page.evaluate(() => Array.from(document.querySelectorAll('svg.spark')).map(s => {
        const ids = (s.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
        return { role: s.getAttribute('role'), texts: ids.map(id => (document.getElementById(id) || {}).textContent || '') };
      }));
      // One chart per indicator with two figures or more (one point is no trend).
      const trends = record.outcomes.filter(o => (o.series || []).filter(p => typeof p.value === 'number').length >= 2).length;
      checks.ok(charts.length === trends, `${name}: one chart per indicator with two figures or more (${charts.length}, expected ${trends})`);
      checks.ok(charts.every(c => c.role === 'img' && c.texts.length === 2 && c.texts.every(t => t.length > 0)),
                `${name}: every chart is role=img with a title and a summary`);

      const violations = await axeViolations(page);  // every violation, whatever its impact
      for (const v of violations)
        console.error(`${name}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x, e.g. ${v.nodes[0].target})`);
      checks.ok(violations.length === 0, `${name}: no accessibility violations of any impact`);
      checks.ok(fetched.length === 0, `${name}: the page fetched nothing (${fetched.join(', ')})`);

      if (name === 'lsp2007') {
        await page.screenshot({ path: path.join(artefacts, 'lsp2007.png'), fullPage: true });
        checks.ok(fs.statSync(path.join(artefacts, 'lsp2007.png')).size > 10000, 'the screenshot was kept');
      }
      await context.close();

      // The same page with scripts off reads the same.
      const plain = await browser.newContext({ javaScriptEnabled: false });
      const page2 = await plain.newPage();
      await page2.goto(url);
      checks.ok(await page2.locator('tbody.indicator').count() === record.outcomes.length &&
                await page2.locator('h1').isVisible(), `${name}: readable with scripts off`);
      await plain.close();
    }
  } finally {
    await browser.close();
  }
  checks.finish();
});
