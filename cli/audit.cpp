// `assay audit DATASET [--rules PACK] [--rounding MODE]`: recomputes every
// figure the dataset says a report published and lists each that does not
// match, with the file:line that carries it. Differences that the
// publisher's rounding explains are listed apart and are not errors.
// `--record FILE`, `--history [DB]` and `--sign KEY` keep the audit as
// evidence: sealed with every input, signed, appended to the history.
#include <commands.hpp>
#include <common.hpp>

#include <assay/audit.hpp>
#include <assay/audit_render.hpp>
#include <assay/dataset.hpp>
#include <assay/history.hpp>
#include <assay/pack.hpp>
#include <assay/record.hpp>
#include <assay/signing.hpp>

#include <fmt/core.h>

#include <cstdlib>
#include <memory>
#include <optional>

namespace assay::cli {

namespace {

struct AuditArgs {
    std::string dataset;
    std::string rules;
    std::string rounding;
    std::string format = "text";  ///< --format: text, json, csv, markdown or html (audit_render.hpp)
    std::string out;              ///< --out FILE: written atomically
    std::string record;           ///< --record FILE: the sealed audit record
    std::string history;          ///< --history [DB]: the history file, "" for the default
    bool history_given = false;   ///< --history was given, with or without a file
    std::string sign;             ///< --sign KEY: sign the record and the history's new head
};

/// --record, --history and --sign: the audit sealed with its inputs, signed, kept.
void keep_audit(const AuditArgs& a, const Dataset& data, const Pack* pack, const AuditReport& report,
                const Signer* signer) {
    std::string json = render_audit(report, AuditSubject{&data, pack, a.dataset}, AuditFormat::json);
    RunRecord record = make_audit_record(data, a.dataset, pack, a.rounding, json);
    if (signer) sign_record(record, *signer);
    if (!a.record.empty()) write_record(a.record, record);
    if (a.history_given)
        History(resolve_history_path(a.history, std::getenv("ASSAY_HISTORY")), true)
            .append(record, record.written_at, signer);
}

void print_finding(const AuditFinding& f) {
    say("  {}: {}, {}, {}: {} published {}, computed {}\n      {}\n", to_string(f.where), f.indicator, f.area, f.period,
        f.check, f.published, f.computed, f.detail);
}

/// The text report as a string, for --out with the text format.
std::string audit_text(const AuditArgs& a, const AuditReport& report, bool with_rules) {
    std::string out = fmt::format("audit of {}{}; rounding {}\n", a.dataset,
                                  with_rules ? " with the rules of " + a.rules : "", report.rounding);
    auto finding = [&](const AuditFinding& f) {
        out += fmt::format("  {}: {}, {}, {}: {} published {}, computed {}\n      {}\n", to_string(f.where),
                           f.indicator, f.area, f.period, f.check, f.published, f.computed, f.detail);
    };
    out += fmt::format("\nerrors ({}):\n", report.errors());
    for (const AuditFinding& f : report.findings)
        if (f.error()) finding(f);
    out += fmt::format("\nrounding differences, not errors ({}):\n", report.roundings());
    for (const AuditFinding& f : report.findings)
        if (!f.error()) finding(f);
    if (!report.unchecked.empty()) {
        out += fmt::format("\nnot checked ({}):\n", report.unchecked.size());
        for (const std::string& u : report.unchecked) out += "  " + u + "\n";
    }
    return out;
}

int audit(const AuditArgs& a) {
    AuditOptions options;
    if (!a.rounding.empty()) {
        options.rounding = rounding_from_string(a.rounding);
        if (!options.rounding) {
            print_error(fmt::format("unknown rounding '{}': expected half_up, half_even or truncate", a.rounding));
            return exit_usage;
        }
    }
    std::optional<AuditFormat> format = audit_format_from_string(a.format);
    if (!format) {
        print_error(fmt::format("unknown audit format '{}': expected text, json, csv, markdown or html", a.format));
        return exit_usage;
    }
    check_output("--out", a.out, {a.dataset, a.rules, a.record});
    check_output("--record", a.record, {a.dataset, a.rules});
    std::unique_ptr<Signer> signer;
    if (!a.sign.empty()) {
        if (a.record.empty() && !a.history_given) {
            print_error("--sign signs an audit record or the history: give --record FILE or --history");
            return exit_usage;
        }
        signer = std::make_unique<Signer>(a.sign);  // a key that cannot be read fails before the audit
    }
    Dataset data = load_dataset(a.dataset);
    std::optional<Pack> pack;
    if (!a.rules.empty()) {
        pack = load_pack(a.rules);
        options.pack = &*pack;
    }
    AuditReport report = audit_dataset(data, a.dataset, options);
    if (!a.record.empty() || a.history_given) keep_audit(a, data, pack ? &*pack : nullptr, report, signer.get());
    if (*format != AuditFormat::text || !a.out.empty()) {
        AuditSubject subject{&data, pack ? &*pack : nullptr, a.dataset};
        emit(a.out, *format == AuditFormat::text ? audit_text(a, report, pack.has_value())
                                                 : render_audit(report, subject, *format));
        return report.errors() > 0 ? exit_findings : exit_ok;
    }

    say("audit of {}{}; rounding {}\n", a.dataset, pack ? " with the rules of " + a.rules : "", report.rounding);
    int errors = report.errors(), roundings = report.roundings();
    say("\nerrors ({}):\n", errors);
    for (const AuditFinding& f : report.findings)
        if (f.error()) print_finding(f);
    say("\nrounding differences, not errors ({}):\n", roundings);
    for (const AuditFinding& f : report.findings)
        if (!f.error()) print_finding(f);
    if (!report.unchecked.empty()) {
        say("\nnot checked ({}):\n", report.unchecked.size());
        for (const std::string& u : report.unchecked) say("  {}\n", u);
    }
    int skipped = 0;
    if (!report.columns.empty()) {
        say("\npublished columns:\n");
        for (const AuditColumn& c : report.columns) {
            say("  {}: {} published, {} checked{}\n", c.column, c.published, c.checked,
                c.not_checked() ? fmt::format(", {} not checked", c.not_checked()) : "");
            for (const std::string& why : c.skipped) say("      not checked {}\n", why);
            skipped += c.not_checked();
        }
    }
    say("\n{} published figures and totals checked: {} {}, {} rounding {}{}\n", report.checked, errors,
        errors == 1 ? "error" : "errors", roundings, roundings == 1 ? "difference" : "differences",
        skipped ? fmt::format("; {} published {} not checked (see above)", skipped, skipped == 1 ? "figure" : "figures")
                : "");
    return errors > 0 ? exit_findings : exit_ok;
}

}  // namespace

Command audit_command() {
    return {
        "audit", "Check the figures a dataset says were published against the data", [](CLI::App& sub) {
            auto a = std::make_shared<AuditArgs>();
            sub.add_option("dataset", a->dataset, "Dataset folder or CSV file")->required()->check(CLI::ExistingPath);
            sub.add_option("--rules", a->rules,
                           "Rule pack: also checks published arrows and ratings, and gives the rounding")
                ->check(CLI::ExistingDirectory);
            sub.add_option("--rounding", a->rounding,
                           "half_up, half_even or truncate: the publisher's convention (default: the pack's, "
                           "else half_up)");
            sub.add_option("-f,--format", a->format, "text, json, csv, markdown or html")->capture_default_str();
            sub.add_option("-o,--out", a->out, "Write to this file (atomically) instead of stdout");
            sub.add_option("--record", a->record,
                           "Also write a sealed audit record (the audit as JSON plus every input) for assay replay");
            CLI::Option* history = sub.add_option("--history", a->history,
                                                  "Append the audit to the history (default file: $ASSAY_HISTORY, "
                                                  "else .assay/history.sqlite)")
                                       ->expected(0, 1);
            sub.add_option("--sign", a->sign,
                           "Sign the record and the history's new head with this private key (assay key generate)")
                ->check(CLI::ExistingFile);
            sub.footer(
                "Exit codes: 0 every published figure matches or differs only by rounding, 1 errors "
                "(a wrong sign or figure), 2 usage or input error. A record or history entry is written either way.");
            return [a, history] {
                a->history_given = history->count() > 0;
                return audit(*a);
            };
        }};
}

}  // namespace assay::cli
