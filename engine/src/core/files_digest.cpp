// The files digest, one implementation for loaded inputs and record files.
#include "core/files_digest.hpp"

#include <assay/hash.hpp>

namespace assay {
namespace {

template <class Files>
std::string digest_of(const Files& files) {
    Sha256 sha;
    for (const auto& f : files) {
        sha.update(f.name);
        sha.update(std::string_view("\0", 1));
        sha.update(f.sha256);
        sha.update("\n");
    }
    return sha.hex();
}

}  // namespace

std::string files_digest(const std::vector<InputFile>& files) {
    return digest_of(files);
}

std::string files_digest(const std::vector<RecordFile>& files) {
    return digest_of(files);
}

}  // namespace assay
