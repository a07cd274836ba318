// The report as tables, before layout: the sections (themes, their groups,
// each group's table of indicators by period), the key to assessment and
// the checks. The terminal and Markdown reports lay out the same tables,
// so they always show the same cells.
#pragma once

#include <assay/assessment.hpp>

#include <string>
#include <vector>

namespace assay::reporting {

/// What colour a cell may take when colour is on.
enum class Tone { none, rating, arrow };

/// One cell: its text and, for ratings and arrows, what to colour it by.
struct Cell {
    std::string text;
    Tone tone = Tone::none;
    int level = -1;             ///< for ratings: level index ...
    int levels = 0;             ///< ... in a scale of this many levels
    Arrow arrow = Arrow::none;  ///< for arrows
};

/// A column: header, alignment, and whether layout may wrap or drop it.
struct Column {
    std::string header;
    bool right = false;   ///< right-aligned (figures)
    bool wrap = false;    ///< long text wraps within the column
    bool period = false;  ///< an observation column; the earliest go first when space runs out
};

/// A table of cells, one vector of cells per row.
struct Table {
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
};

/// A heading with its rating, when it has a roll-up.
struct Heading {
    std::string title;
    bool rated = false;  ///< the pack rolls this up into a rating
    Cell rating;         ///< the rating, "not rated" when there is none
    std::vector<std::string> explanation;
    std::string counts;  ///< counts_summary of its roll-up
};

/// What the report says under a group's table about one indicator: the
/// commentary and corrective action the dataset records, or, for an
/// indicator rated at the worst level, that none was recorded.
struct ActionNote {
    std::string indicator;  ///< its title, with the area when the table has several
    std::string rating;     ///< the rating's label when corrective action is needed, else ""
    std::string text;       ///< action_text(): "Commentary: ... Corrective action: ..."
};

/// One group of the report and its table.
struct GroupSection {
    Heading heading;
    Table table;
    std::vector<ActionNote> actions;  ///< in table order
    std::string set_by_pack;          ///< the footnote of the table's \u2020 marks (set_by_pack_note), "" when none
    std::vector<std::string> period_notes;  ///< footnotes of rows on another period base (PeriodGrid::notes)
};

/// A theme and its groups; groups outside every theme come last, untitled.
struct ThemeSection {
    bool titled = false;
    Heading heading;
    std::vector<GroupSection> groups;
};

/// The report's sections in print order.
std::vector<ThemeSection> report_sections(const Assessment& a);

/// A scale's key: "Rating | How identified" (just "Rating" when no level has
/// a meaning), one row per level, worst first as the seed prints it.
Table scale_key(const Scale& s);
/// The scales the report uses (indicator and roll-up scales), in pack order.
std::vector<const Scale*> key_scales(const Pack& p);
/// The arrows' key: "Trend | How identified" for the arrows the pack
/// describes or the report uses, and "N/A" when some outcome has no arrow.
Table arrow_key(const Assessment& a);
/// Published figures that disagree with the data.
Table checks_table(const Assessment& a);

/// "11 assessed, 0 unrated; ratings: GREEN 5, AMBER 3, RED 3; arrows: improved 7, declined 4, no arrow 1".
std::string counts_summary(const Counts& c, const Scale* scale);

}  // namespace assay::reporting
