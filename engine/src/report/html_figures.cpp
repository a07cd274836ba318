// Notes of the HTML report: footnotes numbered across the page.
#include "report/html.hpp"

#include "report/common.hpp"

namespace assay::reporting::html {
int Footnotes::ref(const std::string& text) {
    auto [it, added] = numbers_.emplace(text, static_cast<int>(texts_.size()) + 1);
    if (added) texts_.push_back(text);
    return it->second;
}

std::string note_refs(std::string_view scope, const std::vector<int>& notes) {
    if (notes.empty()) return {};
    std::string out = "<sup class=\"fn\">";
    for (size_t i = 0; i < notes.size(); ++i) {
        std::string n = std::to_string(notes[i]);
        if (i) out += ",";
        out += "<a href=\"#" + std::string(scope) + "-fn" + n + "\" aria-label=\"note " + n + "\">" + n + "</a>";
    }
    return out + "</sup>";
}

std::string note_list(std::string_view scope, const std::vector<int>& notes, const Footnotes& footnotes) {
    if (notes.empty()) return {};
    std::string out = "<ul class=\"notes\">\n";
    for (int n : notes) {
        std::string num = std::to_string(n);
        out += "<li id=\"" + std::string(scope) + "-fn" + num + "\"><sup>" + num + "</sup> " +
               escape(footnotes.text(n)) + "</li>\n";
    }
    return out + "</ul>\n";
}

}  // namespace assay::reporting::html
