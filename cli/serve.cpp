// `assay serve PACK DATASET`: a local page for editing rules live. Serves the
// HTML report on 127.0.0.1 only (never another interface) and assesses again
// whenever a file of the pack or the dataset changes; when the rules or data
// have an error, the page shows it with its file:line instead of a stale
// report. The page polls /version once a second and reloads when it
// changes; /report.html is the report alone, as `assay run --format html`
// writes it. Uses cpp-httplib (Debian's libcpp-httplib-dev).
#include <commands.hpp>
#include <common.hpp>

#include <assay/assessment.hpp>
#include <assay/dataset.hpp>
#include <assay/lint.hpp>
#include <assay/pack.hpp>
#include <assay/report.hpp>
#include <assay/run.hpp>

#include <fmt/core.h>
#include <httplib.h>

#include <sys/socket.h>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace assay::cli {

namespace {

namespace fs = std::filesystem;

struct ServeOptions {
    std::string pack;
    std::string dataset;
    std::string as_at;
    int port = 0;  ///< 0: any free port
};

/// Every input file with its size and modification time: when it differs,
/// the report is rebuilt.
std::string fingerprint(const std::vector<fs::path>& inputs) {
    std::map<std::string, std::string> files;
    for (const fs::path& input : inputs) {
        std::error_code ec;
        auto add = [&](const fs::path& f) {
            std::error_code e;
            auto size = fs::file_size(f, e);
            auto time = fs::last_write_time(f, e).time_since_epoch().count();
            files[f.string()] = fmt::format("{}:{}", e ? 0 : size, time);
        };
        if (fs::is_directory(input, ec)) {
            for (auto it = fs::recursive_directory_iterator(input, ec); !ec && it != fs::recursive_directory_iterator();
                 it.increment(ec))
                if (it->is_regular_file(ec)) add(it->path());
        } else {
            add(input);
        }
    }
    std::string print;
    for (const auto& [name, stamp] : files) print += name + '\0' + stamp + '\n';
    return print;
}

std::string escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '&')
            out += "&amp;";
        else if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '"')
            out += "&quot;";
        else
            out += c;
    }
    return out;
}

/// The live page's additions: a status line and the script that reloads the
/// page when /version changes (the report itself needs no script).
std::string live_parts(const ServeOptions& o, long version) {
    return fmt::format(
        "<div class=\"live\" role=\"status\" style=\"font:14px Arial,sans-serif;background:#0b0c0c;color:#fff;"
        "padding:6px 24px\">Live: re-assessed when a file in {} or {} changes (version {}).</div>\n"
        "<script>(function(){{var v=\"{}\";setInterval(function(){{fetch(\"/version\",{{cache:\"no-store\"}})"
        ".then(function(r){{return r.text()}}).then(function(t){{if(t!==v)location.reload()}})"
        ".catch(function(){{}})}},1000)}})();</script>\n",
        escape(o.pack), escape(o.dataset), version, version);
}

/// The page shown instead of the report when the pack or data cannot be used.
std::string error_page(const std::vector<std::string>& errors) {
    std::string items;
    for (const std::string& e : errors) items += "<li><pre>" + escape(e) + "</pre></li>\n";
    return "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>Assay: the rules or data "
           "have an error</title>\n<style>body{font:16px Arial,sans-serif;color:#0b0c0c;margin:0}main{padding:0 24px}"
           "h1{font-size:1.6rem}.errors{border-left:8px solid #d4351c;padding:4px 16px;list-style:none}"
           "pre{white-space:pre-wrap;font:15px monospace;margin:6px 0}</style>\n</head>\n<body>\n<main>\n"
           "<h1>The rules or data have an error</h1>\n<p>No report is shown until this is fixed. The page reloads "
           "when you save a change.</p>\n<ul class=\"errors\" id=\"errors\">\n" +
           items + "</ul>\n</main>\n</body>\n</html>\n";
}

/// The served state: the inputs' fingerprint, the page built from them and
/// a version that changes with each rebuild.
class LiveReport {
public:
    explicit LiveReport(ServeOptions o) : o_(std::move(o)) {}

    /// Rebuilds when an input changed; returns the current version.
    long refresh() {
        std::lock_guard<std::mutex> lock(mutex_);
        std::string print = fingerprint({o_.pack, o_.dataset});
        if (print != print_ || version_ == 0) {
            print_ = std::move(print);
            build();
            ++version_;
        }
        return version_;
    }

    /// The page with its live parts (refreshed first).
    std::string page() {
        long v = refresh();
        std::lock_guard<std::mutex> lock(mutex_);
        std::string html = report_.empty() ? error_page(errors_) : report_;
        std::string live = live_parts(o_, v);
        auto body = html.find("<body>");
        if (body != std::string::npos) html.insert(body + 6, "\n" + live.substr(0, live.find("<script>")));
        auto end = html.rfind("</body>");
        html.insert(end == std::string::npos ? html.size() : end, live.substr(live.find("<script>")));
        return html;
    }

    /// The report alone, without the live parts; empty when there is an error.
    std::string report() {
        refresh();
        std::lock_guard<std::mutex> lock(mutex_);
        return report_;
    }

private:
    void build() {
        report_.clear();
        errors_.clear();
        try {
            RunInputs inputs = load_run(o_.pack, o_.dataset);
            AssessOptions opts;
            opts.as_at = o_.as_at;
            Assessment result = assess(inputs, opts);
            report_ = render(result, Format::html);
        } catch (const InputError& e) {
            // Every syntax error of the pack at once, else the error that stopped the load.
            std::vector<Finding> syntax;
            try {
                syntax = check_pack_syntax(o_.pack);
            } catch (const InputError&) {
            }
            for (const Finding& f : syntax) errors_.push_back(to_string(f));
            if (errors_.empty()) errors_.push_back(e.what());
        } catch (const Fatal& e) {
            errors_.push_back(e.what());
        }
        for (const std::string& e : errors_) print_error(e);
    }

    ServeOptions o_;
    std::mutex mutex_;
    std::string print_;
    long version_ = 0;
    std::string report_;
    std::vector<std::string> errors_;
};

int serve(const ServeOptions& o) {
    auto live = std::make_shared<LiveReport>(o);
    live->refresh();  // the first build, before anyone asks

    httplib::Server server;
    server.Get("/", [live](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_content(live->page(), "text/html; charset=utf-8");
    });
    server.Get("/version", [live](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_content(std::to_string(live->refresh()), "text/plain");
    });
    server.Get("/report.html", [live](const httplib::Request&, httplib::Response& res) {
        std::string report = live->report();
        res.set_header("Cache-Control", "no-store");
        if (report.empty()) {
            res.status = 503;
            res.set_content("The rules or data have an error: see / for what it is.\n", "text/plain");
        } else {
            res.set_content(report, "text/html; charset=utf-8");
        }
    });

    // SO_REUSEADDR alone: httplib's default adds SO_REUSEPORT, which would let
    // a second server share a port already in use instead of failing.
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // Loopback only: the page shows unpublished figures and rules.
    const char* host = "127.0.0.1";
    int port = o.port;
    if (port == 0) {
        port = server.bind_to_any_port(host);
    } else if (!server.bind_to_port(host, port)) {
        port = -1;
    }
    if (port < 0) {
        print_error(fmt::format("cannot listen on {}:{} (is the port in use?)", host, o.port));
        return exit_usage;
    }
    fmt::print("Serving the report on http://{}:{}/ (watching {} and {}; Ctrl-C to stop)\n", host, port, o.pack,
               o.dataset);
    std::fflush(stdout);
    return server.listen_after_bind() ? exit_ok : exit_usage;
}

}  // namespace

Command serve_command() {
    return {
        "serve", "Serve the HTML report locally and re-assess when the rules or data change", [](CLI::App& sub) {
            auto o = std::make_shared<ServeOptions>();
            sub.add_option("pack", o->pack, "Rule pack folder")->required()->check(CLI::ExistingDirectory);
            sub.add_option("dataset", o->dataset, "Dataset folder or CSV file")->required()->check(CLI::ExistingPath);
            sub.add_option("--as-at", o->as_at, "Assess as of this period (later data ignored)");
            sub.add_option("-p,--port", o->port, "Port on 127.0.0.1 (0: any free port, printed at start)")
                ->check(CLI::Range(0, 65535))
                ->capture_default_str();
            sub.footer(
                "Serves on 127.0.0.1 only. Pages: / (live: reloads after each change), /report.html "
                "(the report alone), /version.\nExit codes: 0 stopped, 2 usage error or the port "
                "cannot be used.");
            return [o] { return serve(*o); };
        }};
}

}  // namespace assay::cli
