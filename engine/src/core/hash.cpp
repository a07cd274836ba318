// SHA-256 through OpenSSL's EVP interface, streamed so that large input
// files are hashed without being held in memory twice.
#include <assay/error.hpp>
#include <assay/hash.hpp>

#include <openssl/evp.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace assay {
namespace {

struct DigestFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Digest = std::unique_ptr<EVP_MD_CTX, DigestFree>;

struct FileClose {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

Digest new_digest() {
    Digest ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        throw Fatal("SHA-256 is not available from OpenSSL");
    return ctx;
}

void update(EVP_MD_CTX* ctx, const void* data, size_t n) {
    if (EVP_DigestUpdate(ctx, data, n) != 1) throw Fatal("SHA-256 update failed");
}

std::string finish_hex(EVP_MD_CTX* ctx) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx, md, &len) != 1) throw Fatal("SHA-256 final failed");
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex(len * 2, '0');
    for (unsigned int i = 0; i < len; ++i) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 0xf];
    }
    return hex;
}

InputError unreadable(const std::filesystem::path& path, int err) {
    return InputError(Error{SourceLoc{path.string(), 0, 0}, std::string("cannot read file: ") + std::strerror(err)});
}

}  // namespace

Sha256::Sha256() : ctx_(new_digest().release()) {}

Sha256::~Sha256() {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_));
}

void Sha256::update(std::string_view bytes) {
    assay::update(static_cast<EVP_MD_CTX*>(ctx_), bytes.data(), bytes.size());
}

std::string Sha256::hex() {
    auto* ctx = static_cast<EVP_MD_CTX*>(ctx_);
    std::string out = finish_hex(ctx);
    if (EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) != 1) throw Fatal("SHA-256 is not available from OpenSSL");
    return out;
}

std::string sha256_hex(std::string_view bytes) {
    Digest ctx = new_digest();
    update(ctx.get(), bytes.data(), bytes.size());
    return finish_hex(ctx.get());
}

std::string sha256_file(const std::filesystem::path& path) {
    std::unique_ptr<std::FILE, FileClose> f(std::fopen(path.c_str(), "rb"));
    if (!f) throw unreadable(path, errno);
    Digest ctx = new_digest();
    std::vector<char> buf(1 << 20);
    for (;;) {
        size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
        if (n > 0) update(ctx.get(), buf.data(), n);
        if (n < buf.size()) {
            if (std::ferror(f.get())) throw unreadable(path, errno);
            break;
        }
    }
    return finish_hex(ctx.get());
}

}  // namespace assay
