// The HTML report's stylesheet: GOV.UK-like type and tables on screen; on
// paper A4 landscape with colours kept (print-color-adjust: exact), table
// headers repeated on every page, no page break inside an indicator, and
// the page's title and number in the margins. One class per scale level
// gives its tag the level's tint and text colour (see palette.hpp).
#include "report/html.hpp"

#include "report/common.hpp"
#include "report/palette.hpp"

namespace assay::reporting::html {
namespace {

constexpr std::string_view base_css = R"css(
:root { --text: #0b0c0c; --muted: #505a5f; --rule: #b1b4b6; --light: #f3f2f1; --link: #1d5a8a; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--text); background: #fff; font-family: Arial, "Helvetica Neue", Helvetica, "Liberation Sans", sans-serif; font-size: 16px; line-height: 1.35; }
.page { max-width: 1500px; margin: 0 auto; padding: 0 24px 32px; }
a { color: var(--link); }
a:focus, summary:focus, .table-wrap:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 4px 0 #0b0c0c; }
.masthead { border-bottom: 6px solid var(--text); padding: 20px 0 12px; margin-bottom: 8px; }
.masthead .kicker { margin: 0; color: var(--muted); font-size: 1rem; }
h1 { font-size: 2rem; line-height: 1.15; margin: 4px 0 8px; }
h2 { font-size: 1.5rem; margin: 32px 0 12px; padding-top: 8px; border-top: 2px solid var(--text); }
h3 { font-size: 1.2rem; margin: 24px 0 8px; }
.meta { margin: 4px 0; color: var(--muted); }
.assessments { display: flex; flex-wrap: wrap; gap: 8px 32px; margin: 12px 0 0; padding: 0; list-style: none; }
.assessments li { font-size: 1.1rem; }
.contents { margin: 16px 0; font-size: .95rem; }
.contents ol { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 4px 0; padding: 0; list-style: none; }
.contents ol ol { display: none; }
table { border-collapse: collapse; width: 100%; font-size: .875rem; margin: 0 0 8px; }
caption { text-align: left; font-weight: 700; font-size: 1rem; padding: 0 0 6px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--rule); }
thead th { vertical-align: bottom; background: var(--light); border-bottom: 2px solid var(--text); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.current { font-weight: 700; }
td.missing { color: var(--muted); }
th.title { width: 20%; min-width: 12em; }
th.comments, td.comments { min-width: 12em; }
tbody.indicator > tr:first-child > * { border-top: 1px solid var(--rule); }
tbody.indicator > tr:not(:last-child) > * { border-bottom: none; }
tbody.indicator { break-inside: avoid; page-break-inside: avoid; }
tr.total th, tr.total td { font-weight: 700; border-top: 2px solid var(--text); }
.table-wrap { overflow-x: auto; }
.tag { display: inline-flex; align-items: center; gap: .35em; padding: 2px 8px 1px; font-weight: 700; white-space: nowrap; letter-spacing: .01em; border-radius: 2px; }
.tag .shape { width: .8em; height: .8em; stroke-width: 1.3; flex: none; }
.tag .sym { font-weight: 400; }
.s-none { background: #f3f2f1; color: #383f43; }
.arrow { white-space: nowrap; font-weight: 700; }
.arrow .sym { font-weight: 400; }
.arrow-improved, .arrow-peak { color: #00703c; }
.arrow-declined { color: #aa2a16; }
.arrow-static, .arrow-none { color: #505a5f; }
.arrow-increased, .arrow-decreased { color: #1d5a8a; }
.was { display: block; margin-top: 4px; font-size: .8125rem; color: var(--muted); white-space: nowrap; }
p.group-rating .was { display: inline; }
.delta { color: var(--muted); font-size: .8125rem; }
td.trend { width: 132px; padding-top: 4px; padding-bottom: 2px; }
svg.spark { display: block; width: 120px; height: 32px; overflow: visible; }
svg.spark .line { fill: none; stroke: #0b0c0c; stroke-width: 1.5; stroke-linejoin: round; }
svg.spark .dot { fill: #0b0c0c; }
svg.spark .target { stroke: #1d5a8a; stroke-width: 1; stroke-dasharray: 3 2; }
svg.spark .band { fill: #d2e2f1; }
svg.spark .latest { fill: #0b0c0c; stroke: #fff; stroke-width: 1.2; }
tr.action td, tr.commentary td { padding-top: 0; }
.report-meta { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 8px 0; }
.report-meta dt { font-weight: 700; }
.report-meta dd { margin: 0; }
.set-by-pack-note { font-size: .875rem; color: var(--muted); }
.status { text-transform: uppercase; letter-spacing: 0.05em; }
.commentary-box { border: 1px solid var(--rule); border-left: 8px solid var(--rule); padding: 6px 12px; }
.action-box { border: 1px solid var(--rule); border-left: 8px solid; padding: 6px 12px; background: #fff; color: var(--text); }
.action-box p, .commentary-box p { margin: 2px 0; overflow-wrap: anywhere; }
.action-head { font-weight: 700; }
tr.why td { padding-top: 0; font-size: .8125rem; }
details summary { cursor: pointer; color: var(--link); text-decoration: underline; }
details ol { margin: 4px 0 4px; padding-left: 24px; }
sup.fn { font-size: .7em; line-height: 0; margin-left: 1px; }
sup.fn a { text-decoration: none; }
ul.notes { list-style: none; padding: 0; margin: 4px 0 16px; font-size: .8125rem; color: var(--muted); }
.counts, .period-note { font-size: .875rem; color: var(--muted); margin: 4px 0; }
.key-tables { display: grid; grid-template-columns: repeat(auto-fit, minmax(22em, 1fr)); gap: 8px 32px; align-items: start; }
dl.rules dt { font-weight: 700; margin-top: 8px; }
dl.rules dd { margin: 0 0 0 16px; }
dl.rules ul { margin: 2px 0; padding-left: 16px; }
ol.cases { margin: 2px 0; }
.errors li { color: #aa2a16; }
footer.run h2 { font-size: 1rem; margin: 0 0 4px; }
footer.run { margin-top: 32px; padding-top: 8px; border-top: 1px solid var(--rule); font-size: .8125rem; color: var(--muted); overflow-wrap: anywhere; }
.visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important; }
@media (forced-colors: active) {
  svg.spark { forced-color-adjust: none; color: CanvasText; }
  svg.spark .line { stroke: CanvasText; }
  svg.spark .dot { fill: CanvasText; }
  svg.spark .latest { fill: CanvasText; stroke: Canvas; }
  svg.spark .target { stroke: LinkText; }
  svg.spark .band { fill: none; stroke: GrayText; stroke-dasharray: 1 2; }
  .action-box, .commentary-box { border-color: CanvasText; }
}
@media (max-width: 40em) {
  tr.action td, tr.commentary td { position: sticky; left: 0; }
  .action-box, .commentary-box { box-sizing: border-box; max-width: calc(100vw - 24px); }
  th.title, th.comments, td.comments { min-width: 8em; }
}
@media print {
  body { font-size: 9pt; }
  .page { max-width: none; padding: 0; }
  .contents, tr.why, details.theme-why { display: none; }
  .masthead { padding-top: 0; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; margin-top: 12pt; }
  h3 { font-size: 11pt; margin: 10pt 0 4pt; }
  h2, h3, caption, p.group-rating { break-after: avoid; page-break-after: avoid; }
  section.theme { break-before: page; page-break-before: always; }
  table { font-size: 8pt; }
  thead { display: table-header-group; }
  th, td { padding: 3pt 4pt; }
  .table-wrap { overflow: visible; }
  td.trend { width: 27mm; }
  svg.spark { width: 25mm; height: 7mm; }
  a { color: inherit; text-decoration: none; }
  .key-tables { grid-template-columns: repeat(3, 1fr); gap: 4pt 16pt; }
  table.key { break-inside: avoid; }
  ul.notes, .counts { font-size: 7.5pt; }
}
)css";

// `s` as a CSS string literal.
std::string css_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n' || c == '\r') {
            out += "\\A ";
            continue;
        }
        if (c == '<') {  // never "</style>" inside the stylesheet
            out += "\\3C ";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string stylesheet(const Assessment& a) {
    const Pack& p = *a.pack;
    std::string css(base_css);
    for (const Scale& s : p.scales)
        for (size_t i = 0; i < s.levels.size(); ++i) {
            LevelStyle style = level_style(s, static_cast<int>(i));
            std::string cls = "." + level_class(p, &s, static_cast<int>(i));
            css += cls + ".tag { background: " + hex(style.tint) + "; color: " + hex(style.text) + "; }\n";
            css += cls + " .shape { fill: " + hex(style.colour) + "; stroke: " + hex(style.text) + "; }\n";
            css += cls + ".action-box { border-left-color: " + hex(style.colour) + "; }\n";
        }
    std::string title = title_of(p) + " \u2014 as at " + a.as_at;
    css +=
        "@page { size: A4 landscape; margin: 12mm 10mm 14mm;\n"
        "  @bottom-left { content: " +
        css_string(title) +
        "; font: 7pt Arial, sans-serif; color: #505a5f; }\n"
        "  @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); font: 7pt Arial, sans-serif; "
        "color: #505a5f; } }\n";
    return css;
}

}  // namespace assay::reporting::html
