// A fresh empty folder for one test, removed (whatever its permissions) when
// the test ends.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace assay::test {

struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& prefix = "assay-test") {
        path = std::filesystem::temp_directory_path() /
               (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::permissions(path, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

private:
    static int& counter() {
        static int n = 0;
        return n;
    }
};

}  // namespace assay::test
