// `assay serve PACK DATASET`: a local page for editing rules live. Serves the
// HTML report on 127.0.0.1 only (never another interface) and assesses again
// whenever a file of the pack or the dataset changes; when the rules or data
// have an error, the page shows it with its file:line instead of a stale
// report. The page polls /version once a second and reloads when it
// changes; /report.html is the report alone, as `assay run --format html`
// writes it. Uses cpp-httplib (Debian's libcpp-httplib-dev).
//
// Containment (docs/hardening.md, "assay serve"): only requests whose Host
// is this server's own address are answered (a page elsewhere cannot read
// the report through DNS rebinding); request bodies are refused past a few
// KiB; a client that stops sending is dropped after a short read timeout and
// each connection has its own thread, so slow clients cannot starve others;
// each build runs in a child process killed after --build-timeout, and no
// lock is held while it runs, so a pack that hangs never hangs the page.
#include <commands.hpp>
#include <common.hpp>

#include <assay/assessment.hpp>
#include <assay/audit.hpp>
#include <assay/dataset.hpp>
#include <assay/lint.hpp>
#include <assay/pack.hpp>
#include <assay/report.hpp>
#include <assay/run.hpp>

#include <fmt/core.h>
#include <httplib.h>

#include <assay/text.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace assay::cli {

namespace {

namespace fs = std::filesystem;

struct ServeOptions {
    std::string pack;
    std::string dataset;
    std::string as_at;
    int port = 0;               ///< 0: any free port
    double build_timeout = 60;  ///< seconds a build may take before it is stopped
};

/// Request limits: the page sends no bodies, and its headers are small.
constexpr size_t max_body_bytes = 4096;
constexpr int read_timeout_seconds = 2;      ///< a client silent this long is dropped
constexpr int keep_alive_seconds = 2;        ///< an idle kept-alive connection is closed after this
constexpr size_t keep_alive_requests = 100;  ///< requests per connection
constexpr size_t max_connections = 256;      ///< connections served at once (each its own thread)

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

/// The live page's additions: a status line and the script that reloads the
/// page when /version changes (the report itself needs no script).
std::string live_parts(const ServeOptions& o, long version) {
    return fmt::format(
        "<div class=\"live\" role=\"status\" style=\"font:14px Arial,sans-serif;background:#0b0c0c;color:#fff;"
        "padding:6px 24px\">Live: re-assessed when a file in {} or {} changes (version {}).</div>\n"
        "<script>(function(){{var v=\"{}\";setInterval(function(){{fetch(\"/version\",{{cache:\"no-store\"}})"
        ".then(function(r){{return r.text()}}).then(function(t){{if(t!==v)location.reload()}})"
        ".catch(function(){{}})}},1000)}})();</script>\n",
        html_escape(o.pack), html_escape(o.dataset), version, version);
}

/// The page shown instead of the report when the pack or data cannot be used.
std::string error_page(const std::vector<std::string>& errors) {
    std::string items;
    for (const std::string& e : errors) items += "<li><pre>" + html_escape(e) + "</pre></li>\n";
    return "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>Assay: the rules or data "
           "have an error</title>\n<style>body{font:16px Arial,sans-serif;color:#0b0c0c;margin:0}main{padding:0 24px}"
           "h1{font-size:1.6rem}.errors{border-left:8px solid #d4351c;padding:4px 16px;list-style:none}"
           "pre{white-space:pre-wrap;font:15px monospace;margin:6px 0}</style>\n</head>\n<body>\n<main>\n"
           "<h1>The rules or data have an error</h1>\n<p>No report is shown until this is fixed. The page reloads "
           "when you save a change.</p>\n<ul class=\"errors\" id=\"errors\">\n" +
           items + "</ul>\n</main>\n</body>\n</html>\n";
}

/// Writes all of `bytes` to `fd`; false when the pipe is gone.
bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

/// The served state: the inputs' fingerprint, the page built from them and
/// a version that changes with each rebuild. Requests only read it under
/// the lock; a build runs without the lock, in a child process that is
/// killed when it takes longer than the build timeout, so a pack that hangs
/// leaves the server answering (with an error page) and the next saved
/// change is built afresh.
class LiveReport {
public:
    explicit LiveReport(ServeOptions o) : o_(std::move(o)) {}

    /// Rebuilds when an input changed; returns the current version. A
    /// request that finds another one building waits for it (at most the
    /// build timeout), then answers with what there is.
    long refresh() {
        std::string print = fingerprint({o_.pack, o_.dataset});
        std::unique_lock<std::mutex> lock(mutex_);
        while (building_) {
            auto limit = std::chrono::duration<double>(o_.build_timeout + 5);
            if (!built_.wait_for(lock, limit, [this] { return !building_; })) return version_;
        }
        if (print == print_ && version_ != 0) return version_;
        building_ = true;
        lock.unlock();
        Built fresh = build_bounded();
        lock.lock();
        report_ = std::move(fresh.report);
        errors_ = std::move(fresh.errors);
        print_ = std::move(print);
        ++version_;
        building_ = false;
        built_.notify_all();
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
    struct Built {
        std::string report;
        std::vector<std::string> errors;
    };

    /// build() in a child process, its result read back through a pipe: 'R'
    /// and the report, or 'E' and the errors separated by NULs. The child is
    /// killed once the build timeout has passed.
    Built build_bounded() {
        Built out;
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            out.errors.push_back(fmt::format("cannot start a build: {}", std::strerror(errno)));
            return out;
        }
        pid_t pid = ::fork();
        if (pid < 0) {
            ::close(fds[0]);
            ::close(fds[1]);
            out.errors.push_back(fmt::format("cannot start a build: {}", std::strerror(errno)));
            return out;
        }
        if (pid == 0) {
            // The child: build, send the result, and leave without running
            // the server's destructors. It dies with the server.
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            // Keep only stdio and the pipe: the server's sockets, held open
            // here, would keep its clients waiting for the end of a reply.
            int pipe_fd = fds[1] == 3 ? 3 : ::dup2(fds[1], 3);
            if (pipe_fd < 0) _exit(1);
            ::close_range(4, ~0U, 0);
            fds[1] = pipe_fd;
            std::string message;
            try {
                build();
                if (!report_.empty()) {
                    message = "R" + report_;
                } else {
                    message = "E";
                    for (const std::string& e : errors_) message += e + '\0';
                }
            } catch (const std::exception& e) {
                message = std::string("E") + "building the report failed: " + e.what() + '\0';
            }
            std::fflush(stderr);
            _exit(write_all(fds[1], message) ? 0 : 1);
        }
        ::close(fds[1]);
        std::string message;
        bool finished = false, timed_out = false;
        auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(o_.build_timeout);
        char buffer[65536];
        while (!finished) {
            auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                timed_out = true;
                break;
            }
            pollfd p{fds[0], POLLIN, 0};
            int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
            if (r < 0 && errno != EINTR) break;
            if (r <= 0) continue;
            ssize_t n = ::read(fds[0], buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                finished = n == 0;
                break;
            }
            message.append(buffer, static_cast<size_t>(n));
        }
        ::close(fds[0]);
        if (!finished) ::kill(pid, SIGKILL);
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (timed_out) {
            out.errors.push_back(fmt::format(
                "building the report took longer than {} s (--build-timeout) and was stopped; save a change to "
                "the rules or data to build again",
                o_.build_timeout));
        } else if (!finished || message.empty() || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            out.errors.push_back(
                WIFSIGNALED(status) ? fmt::format("building the report stopped with signal {} ({})", WTERMSIG(status),
                                                  strsignal(WTERMSIG(status)))
                : WIFEXITED(status) && WEXITSTATUS(status) != 0
                    ? fmt::format("building the report stopped before it finished (exit status {}; the "
                                  "server's messages say why)",
                                  WEXITSTATUS(status))
                    : std::string("building the report stopped before it finished"));
        } else if (message[0] == 'R') {
            out.report = message.substr(1);
        } else {
            for (size_t i = 1; i < message.size();) {
                size_t end = message.find('\0', i);
                if (end == std::string::npos) end = message.size();
                out.errors.push_back(message.substr(i, end - i));
                i = end + 1;
            }
        }
        if (out.report.empty() && out.errors.empty()) out.errors.push_back("building the report gave nothing");
        // The child printed the errors of the rules and data; the server prints its own.
        if (timed_out || !finished || message.empty())
            for (const std::string& e : out.errors) print_error(e);
        return out;
    }

    /// Runs in the build's child process only.
    void build() {
        report_.clear();
        errors_.clear();
        try {
            RunInputs inputs = load_run(o_.pack, o_.dataset);
            if (std::string w = period_reading(inputs.data.dataset(), "--as-at", o_.as_at); !w.empty())
                print_warning(w);
            AssessOptions opts;
            opts.as_at = o_.as_at;
            Assessment result = assess(inputs, opts);
            add_audit_checks(result, o_.dataset);
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
    std::condition_variable built_;
    bool building_ = false;
    std::string print_;
    long version_ = 0;
    std::string report_;
    std::vector<std::string> errors_;
};

/// Each connection in its own thread, at most `max_connections` at once
/// (the accepting thread waits beyond that): a few clients that stall hold
/// only their own threads until the read timeout drops them.
class ConnectionThreads : public httplib::TaskQueue {
public:
    void enqueue(std::function<void()> fn) override {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [this] { return running_ < max_connections; });
        ++running_;
        lock.unlock();
        try {
            std::thread([this, fn = std::move(fn)] {
                fn();
                std::lock_guard<std::mutex> done(mutex_);
                --running_;
                changed_.notify_all();
            }).detach();
        } catch (const std::system_error&) {
            std::lock_guard<std::mutex> undo(mutex_);
            --running_;
        }
    }
    void shutdown() override {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [this] { return running_ == 0; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    size_t running_ = 0;
};

/// Whether `host` (a Host header) names this server: 127.0.0.1, localhost or
/// [::1], with its port or none (what matters against DNS rebinding is the
/// name: a page elsewhere sends its own).
bool own_host(std::string_view host, int port) {
    std::string h;
    for (char c : host) h += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!h.empty() && h.back() == '.') h.pop_back();
    std::string with_port = ":" + std::to_string(port);
    for (std::string_view name : {"127.0.0.1", "localhost", "localhost.", "[::1]"}) {
        if (h == std::string(name) + with_port) return true;
        if (h == name) return true;
    }
    return false;
}

int serve(const ServeOptions& o) {
    auto live = std::make_shared<LiveReport>(o);
    live->refresh();  // the first build, before anyone asks

    httplib::Server server;
    server.new_task_queue = [] { return new ConnectionThreads; };
    server.set_read_timeout(read_timeout_seconds, 0);
    server.set_write_timeout(10, 0);
    server.set_keep_alive_timeout(keep_alive_seconds);
    server.set_keep_alive_max_count(keep_alive_requests);
    server.set_payload_max_length(max_body_bytes);
    auto port = std::make_shared<int>(o.port);
    // Before anything else: a request for another host name is refused, so a
    // page on another site that resolves its name to 127.0.0.1 gets nothing;
    // so is any request with a body (the page sends none).
    server.set_pre_routing_handler([port](const httplib::Request& req, httplib::Response& res) {
        if (!own_host(req.get_header_value("Host"), *port)) {
            res.status = 421;
            res.set_header("Connection", "close");
            res.set_content(
                fmt::format("This server answers only requests for 127.0.0.1:{} or localhost:{}.\n", *port, *port),
                "text/plain");
            return httplib::Server::HandlerResponse::Handled;
        }
        if (req.method != "GET" && req.method != "HEAD") {
            res.status = 405;
            res.set_header("Allow", "GET, HEAD");
            res.set_header("Connection", "close");
            res.set_content("Only GET is served.\n", "text/plain");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
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
    if (*port == 0) {
        *port = server.bind_to_any_port(host);
    } else if (!server.bind_to_port(host, *port)) {
        *port = -1;
    }
    if (*port < 0) {
        print_error(fmt::format("cannot listen on {}:{} (is the port in use?)", host, o.port));
        return exit_usage;
    }
    fmt::print("Serving the report on http://{}:{}/ (watching {} and {}; Ctrl-C to stop)\n", host, *port,
               terminal_text(o.pack), terminal_text(o.dataset));
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
            sub.add_option("--build-timeout", o->build_timeout,
                           "Seconds a build of the report may take before it is stopped and shown as an error")
                ->check(CLI::Range(0.1, 3600.0))
                ->capture_default_str();
            sub.footer(
                "Serves on 127.0.0.1 only, and only requests for 127.0.0.1 or localhost. Pages: / (live: "
                "reloads after each change), /report.html (the report alone), /version.\nExit codes: 0 stopped, 2 "
                "usage error or the port "
                "cannot be used.");
            return [o] { return serve(*o); };
        }};
}

}  // namespace assay::cli
