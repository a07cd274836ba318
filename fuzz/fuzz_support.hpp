// Helpers shared by the fuzz targets: a scratch folder per process for
// targets whose input is a file, and a check that aborts with a message,
// so that libFuzzer keeps the input that broke a property.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace assay::fuzz {

/// A folder of this process's own, under $ASSAY_FUZZ_SCRATCH (fuzz/run.sh
/// sets it to its temporary folder), else /dev/shm (memory) when it exists,
/// else the temporary folder; removed when the process exits normally.
inline const std::filesystem::path& scratch() {
    static const std::filesystem::path dir = [] {
        namespace fs = std::filesystem;
        std::error_code ec;
        const char* given = std::getenv("ASSAY_FUZZ_SCRATCH");
        fs::path base = given && *given                    ? fs::path(given)
                        : fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm")
                                                           : fs::temp_directory_path();
        fs::path d = base / ("assay-fuzz-" + std::to_string(::getpid()));
        fs::create_directories(d);
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove_all(scratch(), ignored);
        });
        return d;
    }();
    return dir;
}

/// Writes `bytes` to `path`, replacing it.
inline void write_file(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// Stops the run when a property does not hold: libFuzzer reports the
/// abort and saves the input.
inline void check(bool holds, std::string_view property, std::string_view detail = {}) {
    if (holds) return;
    std::fprintf(stderr, "property broken: %.*s\n%.*s\n", static_cast<int>(property.size()), property.data(),
                 static_cast<int>(detail.size()), detail.data());
    std::abort();
}

/// The fuzz input as text.
inline std::string_view text_of(const uint8_t* data, size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace assay::fuzz
