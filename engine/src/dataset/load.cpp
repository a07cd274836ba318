// load_dataset: a folder (indicators.csv plus observations*.csv in name
// order) or a single observations CSV. Every file read is pinned by its
// SHA-256, computed in the same pass that parses it.
#include "core/regular_file.hpp"
#include "dataset/builder.hpp"
#include "dataset/commentary.hpp"
#include "dataset/csv.hpp"
#include "dataset/indicators.hpp"
#include "dataset/observations.hpp"
#include "dataset/parallel_observations.hpp"
#include "dataset/text.hpp"
#include "dataset/xlsx.hpp"

#include <assay/dataset.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <system_error>

namespace assay {
namespace {

namespace fs = std::filesystem;

InputFile pinned(dataset::CsvReader& reader, std::string name) {
    return InputFile{std::move(name), reader.sha256(), reader.bytes_read()};
}

/// A FIFO, device, folder... where a dataset file is expected: said as what it is.
[[noreturn]] void not_regular(const fs::path& path, const fs::file_status& st) {
    throw InputError(Error{SourceLoc{path.string(), 0, 0},
                           fmt::format("{}, not a regular file: a dataset file must be a CSV file", file_kind(st))});
}

/// Reads one observations file into `builder`: in parallel when it is a
/// plain file and `threads` is not 1 (see parallel_observations.hpp), else
/// with the general reader. Returns the file pinned by `name`.
InputFile read_observations_file(const fs::path& p, std::string name, dataset::DatasetBuilder& builder,
                                 const std::vector<Indicator>* declared, uint64_t bytes_after, unsigned threads) {
    if (threads != 1) {
        std::optional<InputFile> pin = dataset::read_observations_parallel(p, p.string(), builder, declared,
                                                                           bytes_after, dataset::ParallelRead{threads});
        if (pin) {
            pin->name = std::move(name);
            return *pin;
        }
    }
    dataset::CsvReader reader(p, p.string());
    dataset::read_observations(reader, p, builder, bytes_after);
    return pinned(reader, std::move(name));
}

/// commentary.csv, when the folder has one: read against the loaded data and pinned like the others.
void read_commentary_file(const fs::path& dir, Dataset& d) {
    fs::path path = dir / "commentary.csv";
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (!fs::exists(st)) return;
    if (!fs::is_regular_file(st)) not_regular(path, st);
    dataset::CsvReader reader(path, path.string());
    d.commentary = dataset::read_commentary(reader, d);
    d.files.push_back(pinned(reader, "commentary.csv"));
    std::sort(d.files.begin(), d.files.end(), [](const InputFile& a, const InputFile& b) { return a.name < b.name; });
}

Dataset load_folder(const fs::path& dir, unsigned threads) {
    fs::path indicators_path = dir / "indicators.csv";
    std::error_code ec;
    fs::file_status indicators_status = fs::status(indicators_path, ec);
    if (!fs::exists(indicators_status))
        throw InputError(Error{SourceLoc{indicators_path.string(), 0, 0},
                               "missing indicators.csv: a dataset folder declares its indicators there "
                               "(columns id,title,unit,polarity,decimals)"});
    if (!fs::is_regular_file(indicators_status)) not_regular(indicators_path, indicators_status);
    std::vector<fs::path> observation_files;
    fs::directory_iterator it(dir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (!dataset::is_observations_file(it->path())) continue;
        std::error_code sec;
        fs::file_status st = it->status(sec);
        if (!fs::is_regular_file(st)) not_regular(it->path(), st);
        observation_files.push_back(it->path());
    }
    if (ec) throw InputError(Error{SourceLoc{dir.string(), 0, 0}, "cannot list the dataset folder: " + ec.message()});
    if (observation_files.empty())
        throw InputError(Error{SourceLoc{(dir / "observations.csv").string(), 0, 0},
                               "missing observations.csv: a dataset folder holds its values there "
                               "(columns indicator,area,period,value)"});
    std::sort(observation_files.begin(), observation_files.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename().string() < b.filename().string(); });

    std::vector<InputFile> files;
    dataset::CsvReader indicators_reader(indicators_path, indicators_path.string());
    std::vector<Indicator> indicators = dataset::read_indicators(indicators_reader);
    files.push_back(pinned(indicators_reader, "indicators.csv"));

    std::vector<uint64_t> sizes;
    uint64_t bytes_after = 0;
    for (const fs::path& p : observation_files) {
        sizes.push_back(fs::file_size(p, ec));
        bytes_after += ec ? 0 : sizes.back();
    }
    const std::vector<Indicator> declared = threads != 1 ? indicators : std::vector<Indicator>{};
    dataset::DatasetBuilder builder(std::move(indicators), false);
    for (size_t i = 0; i < observation_files.size(); ++i) {
        const fs::path& p = observation_files[i];
        bytes_after -= std::min(bytes_after, sizes[i]);
        files.push_back(read_observations_file(p, p.filename().string(), builder, &declared, bytes_after, threads));
    }
    std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) { return a.name < b.name; });
    Dataset d = builder.finish(dataset::dataset_name(dir, true), std::move(files));
    read_commentary_file(dir, d);
    return d;
}

Dataset load_file(const fs::path& file, unsigned threads) {
    dataset::DatasetBuilder builder({}, true);
    std::vector<InputFile> files{read_observations_file(file, file.filename().string(), builder, nullptr, 0, threads)};
    return builder.finish(dataset::dataset_name(file, false), std::move(files));
}

/// A sheet's name lower-cased (ASCII), to match "Indicators" and "COMMENTARY".
std::string sheet_key(std::string name) {
    for (char& c : name)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return name;
}

/// Whether a workbook's sheet named `name` declares the indicators (any case).
bool is_indicators_sheet(const std::string& name) {
    return sheet_key(name) == "indicators";
}

/// A workbook: a sheet named "indicators" declares them (as indicators.csv
/// does in a folder) and one named "commentary" holds what commentary.csv
/// does; every other sheet holds observations in any layout
/// a CSV file may have, read in workbook order. Empty sheets and sheets
/// whose name starts with '#' are left out.
Dataset load_workbook(const fs::path& file) {
    dataset::Workbook book = dataset::read_workbook(file, file.string());
    std::optional<std::vector<Indicator>> indicators;
    std::vector<dataset::Sheet*> tables;
    dataset::Sheet* commentary = nullptr;
    for (dataset::Sheet& sheet : book.sheets) {
        if (sheet.rows.empty() || sheet.name.starts_with('#')) continue;
        if (sheet_key(sheet.name) == "commentary") {
            commentary = &sheet;
            continue;
        }
        if (!is_indicators_sheet(sheet.name)) {
            tables.push_back(&sheet);
            continue;
        }
        if (indicators)
            throw InputError(Error{SourceLoc{file.string(), 0, 0, sheet.name},
                                   "a second sheet of indicators: a workbook declares its indicators in one sheet"});
        dataset::CsvReader reader(file.string(), sheet.name, std::move(sheet.rows));
        indicators = dataset::read_indicators(reader);
    }
    if (tables.empty())
        throw InputError(Error{SourceLoc{file.string(), 0, 0},
                               "no sheet of observations: expected a sheet besides \"indicators\" with a header "
                               "row such as indicator,area,period,value"});
    const bool declared = indicators.has_value();
    dataset::DatasetBuilder builder(declared ? std::move(*indicators) : std::vector<Indicator>{}, !declared);
    for (dataset::Sheet* sheet : tables) {
        dataset::CsvReader reader(file.string(), sheet->name, std::move(sheet->rows));
        dataset::read_observations(reader, file, builder, 0);
    }
    std::vector<InputFile> files{InputFile{file.filename().string(), book.sha256, book.bytes}};
    Dataset d = builder.finish(dataset::dataset_name(file, false), std::move(files));
    if (commentary) {
        dataset::CsvReader reader(file.string(), commentary->name, std::move(commentary->rows));
        d.commentary = dataset::read_commentary(reader, d);
    }
    return d;
}

}  // namespace

bool dataset::is_observations_file(const std::filesystem::path& p) {
    std::string name = p.filename().string();
    return name.size() >= 16 && name.compare(0, 12, "observations") == 0 && p.extension() == ".csv";
}

std::string dataset::dataset_name(const std::filesystem::path& path, bool folder) {
    namespace fs = std::filesystem;
    fs::path p = path.lexically_normal();
    if (p.filename().empty()) p = p.parent_path();
    if (p.filename() == "." || p.filename() == "..") {
        std::error_code ec;
        fs::path abs = fs::weakly_canonical(p, ec);
        if (!ec) p = abs;
    }
    return (folder ? p.filename() : p.stem()).string();
}

Dataset load_dataset(const std::filesystem::path& path) {
    return load_dataset(path, 0);
}

Dataset load_dataset(const std::filesystem::path& path, unsigned threads) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    // The parallel reader gives up on what it does not read exactly as the
    // general one (and on any error, which the general reader then places):
    // the dataset is then loaded again, by the general reader alone.
    try {
        if (fs::is_directory(st)) return load_folder(path, threads);
        if (fs::is_regular_file(st) && dataset::is_workbook_path(path)) return load_workbook(path);
        if (fs::is_regular_file(st)) return load_file(path, threads);
    } catch (const dataset::NeedsGeneralReader&) {
        if (fs::is_directory(st)) return load_folder(path, 1);
        return load_file(path, 1);
    }
    if (fs::exists(st)) not_regular(path, st);
    throw InputError(Error{SourceLoc{path.string(), 0, 0},
                           "no such dataset: expected a folder with indicators.csv and "
                           "observations.csv, a CSV file of observations or an .xlsx workbook"});
}

}  // namespace assay
