// ObservationLines: the file and line of an observation, for findings about
// figures that the dataset keeps without a location (totals). The
// observation files are read once more, only when a finding needs a line.
#include "audit/audit_context.hpp"
#include "core/text.hpp"
#include "dataset/csv.hpp"

#include <algorithm>
#include <cctype>

namespace assay::audit {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string_view s) {
    return to_lower(trim(s));
}

}  // namespace

ObservationLines::ObservationLines(const Dataset& data, fs::path path, std::set<std::string> indicators)
    : data_(data), path_(std::move(path)), indicators_(std::move(indicators)) {}

SourceLoc ObservationLines::find(const std::string& indicator, const std::string& area, uint32_t period) {
    if (!scanned_) scan();
    auto it = lines_.find({indicator, area, period});
    if (it != lines_.end()) return it->second;
    return SourceLoc{path_.string(), 0, 0};
}

void ObservationLines::scan() {
    scanned_ = true;
    std::error_code ec;
    bool folder = fs::is_directory(path_, ec);
    for (const InputFile& f : data_.files) {
        if (folder && f.name == "indicators.csv") continue;
        fs::path file = folder ? path_ / f.name : path_;
        dataset::CsvReader reader(file, file.string());
        std::vector<dataset::CsvField> fields;
        if (!reader.next(fields)) continue;
        int ci = -1, ca = -1, cp = -1;
        for (size_t i = 0; i < fields.size(); ++i) {
            std::string name = lower(fields[i].text);
            if (name == "indicator") ci = static_cast<int>(i);
            if (name == "area") ca = static_cast<int>(i);
            if (name == "period") cp = static_cast<int>(i);
        }
        if (ci < 0 || ca < 0 || cp < 0) continue;
        size_t need = static_cast<size_t>(std::max({ci, ca, cp}));
        while (reader.next(fields)) {
            if (fields.size() <= need) continue;
            std::string indicator(trim(fields[static_cast<size_t>(ci)].text));
            if (!indicators_.count(indicator)) continue;
            auto period = data_.find_period(trim(fields[static_cast<size_t>(cp)].text));
            if (!period) continue;
            std::string area(trim(fields[static_cast<size_t>(ca)].text));
            lines_.emplace(std::make_tuple(indicator, area, *period), reader.at(fields[0].line, 0));
        }
    }
}

}  // namespace assay::audit
