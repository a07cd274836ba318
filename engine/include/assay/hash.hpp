// SHA-256, for pinning inputs and records.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace assay {

/// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

/// Lower-case hex SHA-256 of a file's bytes; throws InputError if unreadable.
std::string sha256_file(const std::filesystem::path& path);

/// Incremental SHA-256, for hashing a file in the same pass that parses it.
class Sha256 {
public:
    /// Starts an empty digest; throws Fatal if OpenSSL has no SHA-256.
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    /// Adds bytes to the digest.
    void update(std::string_view bytes);
    /// Lower-case hex digest of everything added; the object then starts afresh.
    std::string hex();

private:
    void* ctx_;  ///< OpenSSL EVP_MD_CTX, opaque so this header needs no OpenSSL
};

}  // namespace assay
