// A report's first-page metadata (title, organisation, period, date,
// author, contact, status), by field name for the DSL and the command line.
#include <assay/pack.hpp>

namespace assay {

std::string* report_info_field(ReportInfo& info, std::string_view name) {
    if (name == "title") return &info.title;
    if (name == "organisation") return &info.organisation;
    if (name == "period") return &info.period;
    if (name == "date") return &info.date;
    if (name == "author") return &info.author;
    if (name == "contact") return &info.contact;
    if (name == "status") return &info.status;
    return nullptr;
}

}  // namespace assay
