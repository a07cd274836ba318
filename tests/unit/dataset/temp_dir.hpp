// A fresh folder per test, removed afterwards, with a helper to write files.
#pragma once

#include <assay/dataset.hpp>
#include <assay/error.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

namespace assay::test {

/// A temporary folder that exists for the life of the object.
struct TempDir {
    std::filesystem::path path;

    TempDir() {
        static int counter = 0;
        path = std::filesystem::temp_directory_path() /
               ("assay-dataset-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    /// Writes `bytes` to `name` inside the folder and returns its path.
    std::filesystem::path write(std::string_view name, std::string_view bytes) const {
        std::filesystem::path p = path / name;
        std::ofstream out(p, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        return p;
    }
    /// The path of `name` inside the folder, as a string.
    std::string file(std::string_view name) const { return (path / name).string(); }
};

/// The message of the InputError that loading `p` throws (on `threads`
/// when given), or "" when it loads.
inline std::string load_error(const std::filesystem::path& p, std::optional<unsigned> threads = std::nullopt) {
    try {
        if (threads)
            assay::load_dataset(p, *threads);
        else
            assay::load_dataset(p);
    } catch (const assay::InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace assay::test
