// The parts of the HTML report (html.cpp assembles them): escaping, the
// stylesheet, rating tags and arrows, sparklines, footnotes, and the
// sections (summary, indicator tables, key). Every part returns markup that
// reads without scripts and prints on A4 landscape.
#pragma once

#include <assay/report.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assay::reporting::html {

/// `s` with &, <, >, " and ' escaped: safe as text and as an attribute value.
std::string escape(std::string_view s);

/// Opens the box a wide table scrolls in on a narrow screen: a labelled
/// region that takes the keyboard focus, so that it can be scrolled without a mouse.
std::string table_wrap(std::string_view label);

/// The page's stylesheet: screen, print (A4 landscape, colours kept) and one
/// class per level of each of the pack's scales.
std::string stylesheet(const Assessment& a);

/// The CSS class of `level` of `scale` ("s0-2"); "s-none" when there is no such level.
std::string level_class(const Pack& p, const Scale* scale, int level);

/// A rating as a tag: the level's symbol (or a shape when the symbols do not
/// tell the levels apart) and its label, on a light tint of its colour;
/// `none_text` in a grey tag when there is no such level.
std::string rating_tag(const Pack& p, const Scale* scale, int level, std::string_view none_text = "Not rated");
/// The same for a rating known only by its label (from an earlier run).
std::string rating_tag(const Pack& p, const Scale* scale, std::string_view label);

/// An arrow: its symbol and its word ("▲ Improved"), in its colour.
std::string arrow_text(const Pack& p, Arrow arrow);

/// Footnotes numbered in order of first use across the page; the same text
/// always gets the same number.
class Footnotes {
public:
    /// The number of `text`, adding it when new.
    int ref(const std::string& text);
    /// The text of note `n`.
    const std::string& text(int n) const { return texts_[static_cast<size_t>(n - 1)]; }

private:
    std::vector<std::string> texts_;
    std::map<std::string, int> numbers_;
};

/// `<sup>` links to notes `notes` of section `scope` (nothing when empty).
std::string note_refs(std::string_view scope, const std::vector<int>& notes);
/// The notes' list under a table, each with its number and an id to link to.
std::string note_list(std::string_view scope, const std::vector<int>& notes, const Footnotes& footnotes);

/// An inline SVG sparkline of one outcome's series over `periods` (dataset
/// period indices, the table's columns): a line with gaps where values are
/// missing, the target as a dashed line, a tolerance band when the target
/// has one, the latest point marked. role=img with a title and a text
/// summary of every figure (each with its own period's label); `cells` is
/// the row's observation under each column (PeriodGrid::cells), `id` makes
/// its element ids unique. Empty when the series has fewer than two
/// figures: one point is no trend.
std::string sparkline(const Assessment& a, const Outcome& o, const std::vector<uint32_t>& periods,
                      const std::vector<std::optional<uint32_t>>& cells, std::string_view id);

/// Funnel plots of the group's indicators whose areas its rating places on a
/// funnel (two areas or more): an inline SVG (title, description) and a
/// table alternative of every area's value, limits and place; `scope` makes
/// element ids unique. Empty when there is none.
std::string funnel_plots(const Assessment& a, const std::vector<const Outcome*>& outcomes, std::string_view scope);

/// A theme (none for the groups outside every theme) and its groups, in print order.
struct ThemeLayout {
    std::optional<size_t> theme;  ///< index into Pack::themes
    std::vector<size_t> groups;   ///< indices into Pack::groups
};
/// The report's themes and groups in print order: each theme's listed
/// groups, then groups naming the theme, then groups outside every theme.
std::vector<ThemeLayout> layout(const Pack& p);

/// The summary: per theme and group the counts of each rating and arrow,
/// with the change since `previous` when given, and the ratings that moved.
std::string summary_section(const Assessment& a, const PreviousRun* previous);

/// One group's table: per indicator its values per period, target, distance,
/// direction of travel, rating, sparkline and comments, the explanation in a
/// details element, a corrective-action box on every rating at the worst
/// level, then the footnotes.
std::string group_section(const Assessment& a, uint32_t group, const std::vector<const Outcome*>& outcomes,
                          const GroupOutcome* rollup, const PreviousRun* previous, Footnotes& footnotes);

/// The key to assessment, generated from the pack: each scale's levels with
/// their meaning, and the arrows.
std::string key_section(const Assessment& a);
/// How each table is assessed, generated from the pack: per group its arrow
/// rule, targets, rating cases and roll-up; per theme its roll-up.
std::string rules_section(const Assessment& a);

}  // namespace assay::reporting::html
