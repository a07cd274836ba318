// The engine's version, as recorded in every run record.
#include <assay/report.hpp>

namespace assay {

// ASSAY_VERSION comes from project(assay VERSION ...) in the top-level
// CMakeLists.txt, the one place the version is written.
constexpr std::string_view version = ASSAY_VERSION;

std::string_view engine_version() {
    return version;
}

}  // namespace assay
