// The LSP 2007 report printed by Chromium (--print-to-pdf, made by
// test_print.sh) is a clean committee paper: A4 landscape; every indicator
// row printed once; on every page that holds indicator rows the table's
// header row is repeated; a corrective-action box is on the same page as its
// row; the ratings' colours are kept. Reads the PDF with poppler's pdfinfo,
// pdftotext and pdftoppm.
// Usage: node print.cjs report.pdf report.html record.json
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { Checks, run } = require('./browser.cjs');

const directionWords = /\b(Improved|Static|Declined|At maximum|Increased|Decreased|Not assessed)\b/;

// Pixels of a binary PPM (P6) image as a Set of "r,g,b".
function colours(ppmFile) {
  const b = fs.readFileSync(ppmFile);
  let at = 0;
  const fields = [];
  while (fields.length < 4) {  // "P6", width, height, maxval, separated by whitespace
    while (/\s/.test(String.fromCharCode(b[at]))) at++;
    let s = '';
    while (!/\s/.test(String.fromCharCode(b[at]))) s += String.fromCharCode(b[at++]);
    fields.push(s);
  }
  at++;
  const seen = new Set();
  for (; at + 2 < b.length; at += 3) seen.add(`${b[at]},${b[at + 1]},${b[at + 2]}`);
  return seen;
}

const rgb = hex => [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16)).join(',');

run(async () => {
  const [pdf, html, json] = process.argv.slice(2);
  const record = JSON.parse(fs.readFileSync(json, 'utf8'));
  const checks = new Checks();

  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  checks.ok(size && Math.abs(size[1] - 841.9) < 2 && Math.abs(size[2] - 595.3) < 2,
            `A4 landscape pages (${size && size[0]})`);
  checks.ok(pages >= 2 && pages <= 30, `a sensible number of pages (${pages})`);

  const titles = record.outcomes.map(o => o.title.slice(0, 24));
  let rows = 0;
  let firstRed = 0;
  for (let p = 1; p <= pages; p++) {
    const text = execFileSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' });
    const lines = text.split('\n').map(l => l.trim());
    const rowLines = lines.filter(l => directionWords.test(l) && titles.some(t => l.startsWith(t)));
    rows += rowLines.length;
    if (rowLines.length)
      checks.ok(lines.some(l => /^Indicator\s+\S/.test(l)), `page ${p}: its indicator rows are under a header row`);
    for (const l of lines) {
      const m = /^(.*) is rated (.+?): /.exec(l);
      if (!m) continue;
      if (!firstRed) firstRed = p;
      checks.ok(rowLines.some(r => r.startsWith(m[1].slice(0, 24))),
                `page ${p}: the corrective action for "${m[1]}" is on the page of its row`);
    }
  }
  checks.ok(rows === record.outcomes.length, `every indicator row printed once (${rows} of ${record.outcomes.length})`);
  checks.ok(firstRed > 0, 'the paper has corrective-action boxes');

  // Colours kept on paper: the page with the first RED has the RED and GREEN tags' tints.
  const css = fs.readFileSync(html, 'utf8');
  const tint = level => (new RegExp(`\\.s0-${level}\\.tag \\{ background: (#[0-9a-f]{6})`).exec(css) || [])[1];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-print-'));
  try {
    execFileSync('pdftoppm', ['-r', '100', '-f', String(firstRed), '-l', String(firstRed), pdf, path.join(dir, 'page')]);
    const image = fs.readdirSync(dir).find(f => f.endsWith('.ppm'));
    const seen = colours(path.join(dir, image));
    for (const level of [0, 2]) {
      const hex = tint(level);
      checks.ok(hex && seen.has(rgb(hex)), `the printed page keeps the tint ${hex} of level ${level}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  checks.finish();
});
