// Record inputs back to files (see materialise.hpp). File names come from
// the record, so each must be a plain name: a crafted record must not write
// outside its temporary folder.
#include "audit/materialise.hpp"

#include <assay/audit.hpp>
#include <assay/dataset.hpp>
#include <assay/io.hpp>
#include <assay/pack.hpp>
#include <assay/report.hpp>
#include <assay/run.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace assay::audit {
namespace {

namespace fs = std::filesystem;

/// A file or folder name from a record: no separators, not "." or "..", not empty.
const std::string& plain_name(const std::string& name, const char* what) {
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
        name.find('\\') != std::string::npos || name.find('\0') != std::string::npos)
        throw InputError(fmt::format("not a valid run record: {} name \"{}\" is not a plain file name", what, name));
    return name;
}

void write_files(const std::vector<RecordFile>& files, const fs::path& dir, const char* what) {
    fs::create_directories(dir);
    for (const RecordFile& f : files) write_file_atomic(dir / plain_name(f.name, what), f.content);
}

}  // namespace

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "assay-replay-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throw Fatal(fmt::format("cannot create a temporary folder: {}", std::strerror(errno)));
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

fs::path materialise_pack(const RunRecord& r, const fs::path& dir) {
    fs::path p = dir / "pack";
    write_files(r.pack_files, p, "pack file");
    return p;
}

fs::path materialise_dataset(const RunRecord& r, const fs::path& dir) {
    fs::path data = dir / "data";
    if (r.dataset_is_file) {
        if (r.dataset_files.size() != 1)
            throw InputError("not a valid run record: a single-file dataset must hold exactly one file");
        write_files(r.dataset_files, data, "dataset file");
        return data / r.dataset_files[0].name;
    }
    fs::path folder = data / plain_name(r.dataset_name, "dataset");
    write_files(r.dataset_files, folder, "dataset file");
    return folder;
}

std::string run_to_json(const fs::path& pack_dir, const fs::path& dataset, const std::string& as_at, bool explain,
                        bool check_published) {
    RunInputs inputs = load_run(pack_dir, dataset);
    AssessOptions options;
    options.as_at = as_at;
    options.explain = explain;
    options.check_published = check_published;
    Assessment result = assess(inputs, options);
    if (check_published) add_audit_checks(result, dataset);
    return render(result, Format::json);
}

}  // namespace assay::audit
