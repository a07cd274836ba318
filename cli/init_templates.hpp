// The files `assay init` writes: a worked example pack, a small dataset and
// passing tests, embedded in the binary so that init works anywhere.
#pragma once

#include <string_view>
#include <vector>

namespace assay::cli {

/// One file of the scaffold: its path inside the new pack folder and its
/// text, in which every "{{name}}" stands for the pack's name.
struct TemplateFile {
    std::string_view path;
    std::string_view text;
};

/// Every file of the scaffold, in the order they are written.
const std::vector<TemplateFile>& init_templates();

}  // namespace assay::cli
