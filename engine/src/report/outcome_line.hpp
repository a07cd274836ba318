// JSON Lines at speed: the line of each outcome of one assessment, the
// bytes write_outcome gives in compact form, written from pieces made once
// per group and indicator (its names, title, unit and polarity with their
// keys) and the outcome's own figures, into one buffer appended once. An
// outcome with anything less usual (further arrows, comparisons,
// comparators, commentary, a rating level its scale lacks) is written by
// write_outcome.
#pragma once

#include <assay/assessment.hpp>

#include <string>
#include <vector>

namespace assay::reporting {

/// Writes the JSON Lines of one assessment's outcomes; lives no longer than it.
class OutcomeLines {
public:
    explicit OutcomeLines(const Assessment& a);
    ~OutcomeLines();
    OutcomeLines(const OutcomeLines&) = delete;
    OutcomeLines& operator=(const OutcomeLines&) = delete;

    /// Appends outcome `o`'s line, with its newline, as render_jsonl_outcome gives it.
    void write(const Outcome& o, std::string& out);

    /// Lines written from the pieces rather than by write_outcome (for tests).
    size_t fast_lines() const { return fast_; }

private:
    struct Slot;
    Slot& slot(const Outcome& o);
    bool write_fast(const Outcome& o, Slot& s, std::string& out);
    const std::string& period_text(uint32_t period);

    const Assessment& a_;
    std::vector<Slot> slots_;           ///< by group, then the dataset's indicator
    std::vector<std::string> periods_;  ///< each period's label as a JSON string, once written
    std::vector<std::string> arrows_;   ///< each arrow's name as a JSON string, once written
    std::string scratch_;
    size_t fast_ = 0;
};

}  // namespace assay::reporting
