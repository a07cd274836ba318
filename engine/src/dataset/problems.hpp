// The problems found in one file, reported together: a reader notes each
// one and reads on, then raises them all as one InputError, one line each,
// then the count ("kpis.csv: 3 problems").
#pragma once

#include <assay/error.hpp>

#include <fmt/format.h>

#include <string>
#include <vector>

namespace assay::dataset {

/// The problems found in one file, reported together (at most `most` listed).
class Problems {
public:
    static constexpr size_t most = 100;

    /// Problems in the file named `file` in the summary line.
    explicit Problems(std::string file) : file_(std::move(file)) {}
    /// Notes a problem at `where`.
    void add(SourceLoc where, std::string message) {
        if (list_.size() < most) list_.push_back(Error{std::move(where), std::move(message)});
        ++count_;
    }
    /// Notes the problem `e` carries.
    void add(const InputError& e) {
        if (list_.size() < most) list_.push_back(e.error());
        ++count_;
    }
    /// Whether any problem was noted.
    bool any() const { return count_ > 0; }
    /// Throws an InputError at the first problem listing them all.
    [[noreturn]] void raise() const {
        std::string message = list_.front().message;
        for (size_t i = 1; i < list_.size(); ++i) message += "\n" + list_[i].to_string();
        if (count_ > 1)
            message += count_ > list_.size()
                           ? fmt::format("\n{}: {} problems, the first {} shown", file_, count_, list_.size())
                           : fmt::format("\n{}: {} problems", file_, count_);
        throw InputError(Error{list_.front().where, std::move(message)});
    }

private:
    std::string file_;
    std::vector<Error> list_;
    size_t count_ = 0;
};

}  // namespace assay::dataset
