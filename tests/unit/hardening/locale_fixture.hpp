// Switching the process to a real European locale (decimal comma) for a
// test. Debian images usually ship only C and C.UTF-8, so a missing locale
// is compiled with localedef into a folder under the temporary folder and
// found through LOCPATH; when that is impossible the test says so and skips.
#pragma once

#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace assay::hardening {

/// Makes `name` ("de_DE.UTF-8") the process's locale for LC_ALL; false
/// (with the locale unchanged) when it does not exist and cannot be made.
inline bool switch_locale(const std::string& name) {
    if (std::setlocale(LC_ALL, name.c_str())) return true;
    namespace fs = std::filesystem;
    const fs::path cache = fs::temp_directory_path() / "assay-test-locales";
    const std::string lang = name.substr(0, name.find('.'));
    std::error_code ec;
    if (!fs::exists(cache / name, ec) && fs::exists("/usr/share/i18n/locales/" + lang, ec)) {
        // Built beside the cache and renamed in, so that tests running at
        // the same time never see half a locale.
        fs::create_directories(cache, ec);
        const fs::path part = cache / (name + ".part." + std::to_string(::getpid()));
        const std::string command = "localedef -i " + lang + " -f UTF-8 '" + part.string() + "' >/dev/null 2>&1";
        if (std::system(command.c_str()) == 0) fs::rename(part, cache / name, ec);
        fs::remove_all(part, ec);
    }
    ::setenv("LOCPATH", cache.c_str(), 1);
    const bool ok = std::setlocale(LC_ALL, name.c_str()) != nullptr;
    ::unsetenv("LOCPATH");
    return ok;
}

/// Puts the process back in the "C" locale when it goes out of scope.
struct RestoreCLocale {
    RestoreCLocale() = default;
    RestoreCLocale(const RestoreCLocale&) = delete;
    RestoreCLocale& operator=(const RestoreCLocale&) = delete;
    ~RestoreCLocale() { std::setlocale(LC_ALL, "C"); }
};

}  // namespace assay::hardening
