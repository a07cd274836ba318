// The engine's version, as recorded in every run record.
#include <assay/report.hpp>

namespace assay {

// Must match project(assay VERSION ...) in the top-level CMakeLists.txt;
// a unit test (tests/unit/report/test_version.cpp) compares the two.
constexpr std::string_view version = "0.1.0";

std::string_view engine_version() { return version; }

}  // namespace assay
