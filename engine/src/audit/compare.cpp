// compare_outcomes: two JSON outcome records compared item by item. Outcomes
// are matched by group, indicator and area; groups, themes and checks by
// their ids; within an item the figures a reader looks at first (arrow,
// rating, value, change) are compared first, then everything else, so that
// nothing that differs goes unreported.
#include "audit/json_text.hpp"
#include "report/outcome_record.hpp"

#include <assay/record.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace assay {
namespace {

using Json = nlohmann::ordered_json;
namespace key = outcome_record::key;

constexpr const char* absent = "(absent)";

std::string text_of(const Json& v) {
    if (v.is_null()) return "none";
    if (v.is_string()) return v.get<std::string>();
    return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// Collects differences for one item (an outcome, a group...).
struct ItemDiff {
    Difference base;  ///< scope, subject and ids; field/before/after filled per difference
    std::vector<Difference>& out;

    void add(const std::string& field, std::string before, std::string after) {
        Difference d = base;
        d.field = field;
        d.before = std::move(before);
        d.after = std::move(after);
        out.push_back(std::move(d));
    }

    /// Compares two values at `path`, recursing into objects and arrays.
    void value(const std::string& path, const Json& a, const Json& b) {
        if (a == b) return;
        if (a.is_object() && b.is_object()) return object(path, a, b, {});
        if (a.is_array() && b.is_array()) {
            if (path == "series" || path.ends_with(".series")) return series(path, a, b);
            return array(path, a, b);
        }
        add(path, text_of(a), text_of(b));
    }

    /// Fields in `first` order, then the rest in a's order, then keys only b has.
    void object(const std::string& path, const Json& a, const Json& b, const std::vector<std::string>& first,
                const std::set<std::string>& skip = {}) {
        std::vector<std::string> keys = first;
        for (const auto& [k, v] : a.items())
            if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
        for (const auto& [k, v] : b.items())
            if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
        for (const std::string& k : keys) {
            if (skip.count(k)) continue;
            std::string p = path.empty() ? k : path + "." + k;
            bool in_a = a.contains(k), in_b = b.contains(k);
            if (in_a && in_b)
                value(p, a[k], b[k]);
            else if (in_a)
                add(p, text_of(a[k]), absent);
            else if (in_b)
                add(p, absent, text_of(b[k]));
        }
    }

    /// Lists (explanations, errors of a roll-up): the first line that differs.
    void array(const std::string& path, const Json& a, const Json& b) {
        size_t n = std::max(a.size(), b.size());
        for (size_t i = 0; i < n; ++i) {
            if (i < a.size() && i < b.size() && a[i] == b[i]) continue;
            std::string p = fmt::format("{}[{}]", path, i);
            if (i < a.size() && i < b.size() && a[i].is_object() && b[i].is_object()) {
                value(p, a[i], b[i]);
                continue;
            }
            add(p, i < a.size() ? text_of(a[i]) : absent, i < b.size() ? text_of(b[i]) : absent);
        }
    }

    /// An outcome's series, matched by period.
    void series(const std::string& path, const Json& a, const Json& b) {
        auto by_period = [](const Json& arr) {
            std::vector<std::pair<std::string, const Json*>> periods;
            for (const Json& e : arr)
                periods.emplace_back(e.is_object() && e.contains("period") ? text_of(e["period"]) : e.dump(), &e);
            return periods;
        };
        auto pa = by_period(a), pb = by_period(b);
        auto find = [](const auto& list, const std::string& key) -> const Json* {
            for (const auto& [k, v] : list)
                if (k == key) return v;
            return nullptr;
        };
        for (const auto& [period, ea] : pa) {
            std::string p = fmt::format("{}[{}]", path, period);
            if (const Json* eb = find(pb, period)) {
                if (*ea != *eb) object(p, *ea, *eb, {"value"}, {"period"});
            } else {
                add(p, text_of(ea->contains("value") ? (*ea)["value"] : *ea), absent);
            }
        }
        for (const auto& [period, eb] : pb)
            if (!find(pa, period))
                add(fmt::format("{}[{}]", path, period), absent, text_of(eb->contains("value") ? (*eb)["value"] : *eb));
    }
};

std::string str(const Json& o, const char* key) {
    return o.is_object() && o.contains(key) ? text_of(o[key]) : std::string();
}

/// Items of an array keyed by `key_of`, in order. A key seen before gets
/// its occurrence number ("key #2"), so that items sharing a key are paired
/// in order rather than all with the first (a record compared with itself
/// would otherwise differ).
template <class KeyOf>
std::vector<std::pair<std::string, const Json*>> keyed(const Json& doc, const char* member, KeyOf key_of) {
    std::vector<std::pair<std::string, const Json*>> out;
    if (!doc.contains(member) || !doc[member].is_array()) return out;
    std::map<std::string, int> seen;
    for (const Json& e : doc[member]) {
        std::string key = key_of(e);
        if (int n = ++seen[key]; n > 1) key += fmt::format(" #{}", n);
        out.emplace_back(std::move(key), &e);
    }
    return out;
}

/// Compares two keyed lists: items only in one are reported whole, the rest field by field.
/// An item reported whole: a check says what was published and computed, others are "present".
std::string whole_item(const Json& e) {
    if (e.is_object() && e.contains("published") && e.contains("computed"))
        return fmt::format("published {}, computed {}", text_of(e["published"]), text_of(e["computed"]));
    return e.is_string() ? text_of(e) : "present";
}

template <class KeyOf, class BaseOf>
void compare_list(const Json& a, const Json& b, const char* member, KeyOf key_of, BaseOf base_of,
                  const std::vector<std::string>& first, const std::set<std::string>& skip,
                  std::vector<Difference>& out) {
    auto la = keyed(a, member, key_of), lb = keyed(b, member, key_of);
    std::map<std::string, const Json*> ib(lb.begin(), lb.end());
    std::set<std::string> seen;
    for (const auto& [k, ea] : la) {
        seen.insert(k);
        ItemDiff item{base_of(*ea), out};
        auto it = ib.find(k);
        if (it == ib.end())
            item.add("", whole_item(*ea), absent);
        else if (*ea == *it->second)
            continue;
        else if (ea->is_object() && it->second->is_object())
            item.object("", *ea, *it->second, first, skip);
        else
            item.value("", *ea, *it->second);
    }
    for (const auto& [k, eb] : lb)
        if (!seen.count(k)) ItemDiff{base_of(*eb), out}.add("", absent, whole_item(*eb));
}

Json parse_outcome(std::string_view text, const char* which) {
    Json j = audit::parse_ordered_json(text, which);
    if (!outcome_record::has_record_shape(j))
        throw InputError(
            Error{SourceLoc{which, 0, 0}, "not a JSON outcome record: expected the output of assay run --format json"});
    return j;
}

}  // namespace

std::vector<Difference> compare_outcomes(std::string_view before, std::string_view after) {
    Json a = parse_outcome(before, "the first outcome record");
    Json b = parse_outcome(after, "the second outcome record");
    std::vector<Difference> out;

    Difference run;
    run.scope = "run";
    run.subject = "run";
    ItemDiff header{run, out};
    if (a[key::assay].contains(key::format) || b[key::assay].contains(key::format))
        header.value("assay.format", a[key::assay].value(key::format, Json()),
                     b[key::assay].value(key::format, Json()));
    if (a.contains(key::run) && b.contains(key::run)) header.value(key::run, a[key::run], b[key::run]);

    compare_list(
        a, b, key::outcomes,
        [](const Json& o) { return str(o, key::group) + '\x1f' + str(o, key::indicator) + '\x1f' + str(o, key::area); },
        [](const Json& o) {
            Difference d;
            d.scope = "outcome";
            d.group = str(o, key::group);
            d.indicator = str(o, key::indicator);
            d.area = str(o, key::area);
            d.subject = fmt::format("{}, {} ({})", d.indicator, d.area, d.group);
            return d;
        },
        {key::arrow, key::rating, key::value, key::change, key::change_pct, key::period, key::previous},
        {key::group, key::indicator, key::area}, out);
    compare_list(
        a, b, key::groups, [](const Json& g) { return str(g, key::group); },
        [](const Json& g) {
            Difference d;
            d.scope = "group";
            d.group = str(g, key::group);
            d.subject = "group " + d.group;
            return d;
        },
        {key::rating, key::counts}, {key::group}, out);
    compare_list(
        a, b, key::themes, [](const Json& t) { return str(t, key::theme); },
        [](const Json& t) {
            Difference d;
            d.scope = "theme";
            d.subject = "theme " + str(t, key::theme);
            return d;
        },
        {key::rating, key::counts}, {key::theme}, out);
    auto check_key = [](const Json& c) {
        return str(c, key::kind) + '\x1f' + str(c, key::indicator) + '\x1f' + str(c, key::area) + '\x1f' +
               str(c, key::period);
    };
    compare_list(
        a, b, key::checks, check_key,
        [](const Json& c) {
            Difference d;
            d.scope = "check";
            d.indicator = str(c, key::indicator);
            d.area = str(c, key::area);
            d.subject =
                fmt::format("check {} of {}, {} ({})", str(c, key::kind), d.indicator, d.area, str(c, key::period));
            return d;
        },
        {key::published, key::computed}, {key::kind, key::indicator, key::area, key::period}, out);
    compare_list(
        a, b, key::errors, [](const Json& e) { return text_of(e); },
        [](const Json&) {
            Difference d;
            d.scope = "error";
            d.subject = "rule errors";
            return d;
        },
        {}, {}, out);
    return out;
}

}  // namespace assay
