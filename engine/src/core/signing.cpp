// Ed25519 keys and signatures through OpenSSL's EVP interface (see
// assay/signing.hpp). Key files are written beside their target under a
// temporary name and linked into place, so a key file is never half written
// and never replaces an existing file; a private key is mode 0600 from the
// moment it exists.
#include <assay/error.hpp>
#include <assay/hash.hpp>
#include <assay/io.hpp>
#include <assay/signing.hpp>

#include <fmt/format.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <memory>

namespace assay {
namespace {

namespace fs = std::filesystem;

struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CtxFree {
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<size_t>(n));
}

std::string raw_public(EVP_PKEY* key) {
    size_t n = 0;
    if (EVP_PKEY_get_raw_public_key(key, nullptr, &n) != 1) throw Fatal("cannot read an Ed25519 public key");
    std::string raw(n, '\0');
    if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &n) != 1)
        throw Fatal("cannot read an Ed25519 public key");
    raw.resize(n);
    return raw;
}

/// Writes `text` to `path` with `mode`, atomically and only when `path` does not exist.
void write_new_file(const fs::path& path, std::string_view text, mode_t mode) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(path, ec)))
        throw InputError(Error{SourceLoc{path.string(), 0, 0}, "already exists: a key file is never overwritten"});
    fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::string pattern = (dir / fmt::format(".{}.{}.XXXXXX.tmp", path.filename().string(), ::getpid())).string();
    int fd = ::mkstemps(pattern.data(), 4);  // created 0600
    if (fd < 0)
        throw Fatal(
            fmt::format("{}: cannot create a temporary file beside it: {}", path.string(), std::strerror(errno)));
    bool ok = ::fchmod(fd, mode) == 0;
    const char* p = text.data();
    size_t left = text.size();
    while (ok && left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            ok = false;
        else {
            p += n;
            left -= static_cast<size_t>(n);
        }
    }
    ok = ok && ::fsync(fd) == 0;
    int err = errno;
    ok = ::close(fd) == 0 && ok;
    // link() fails when the target exists: the key appears whole, or not at all, and replaces nothing.
    if (ok && ::link(pattern.c_str(), path.c_str()) != 0) {
        err = errno;
        ok = false;
    }
    ::unlink(pattern.c_str());
    if (!ok) {
        if (err == EEXIST)
            throw InputError(Error{SourceLoc{path.string(), 0, 0}, "already exists: a key file is never overwritten"});
        throw Fatal(fmt::format("{}: cannot write the key: {}", path.string(), std::strerror(err)));
    }
}

Pkey read_key(const fs::path& path, bool want_private) {
    std::string text = read_file(path);
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    EVP_PKEY* key = nullptr;
    if (want_private) {
        key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    } else {
        key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
        if (!key) {
            std::unique_ptr<BIO, BioFree> again(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
            key = PEM_read_bio_PrivateKey(again.get(), nullptr, nullptr, nullptr);
        }
    }
    Pkey owned(key);
    if (!owned || EVP_PKEY_get_id(key) != EVP_PKEY_ED25519)
        throw InputError(Error{SourceLoc{path.string(), 0, 0},
                               fmt::format("not an Ed25519 {} key in PEM form (made by assay key generate)",
                                           want_private ? "private" : "public")});
    return owned;
}

}  // namespace

std::string signing_base64(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<size_t>(n));
    return out;
}

std::string signing_unbase64(std::string_view text, bool& ok) {
    ok = false;
    if (text.size() % 4 != 0) return "";
    for (char c : text)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=')) return "";
    std::string out(text.size() / 4 * 3 + 1, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) return "";
    size_t len = static_cast<size_t>(n);
    if (!text.empty() && text.back() == '=') --len;
    if (text.size() > 1 && text[text.size() - 2] == '=') --len;
    out.resize(len);
    ok = true;
    return out;
}

std::string key_id_of(std::string_view raw_public_key) {
    return "ed25519:" + sha256_hex(raw_public_key).substr(0, 16);
}

std::string generate_key_pair(const fs::path& private_key, const fs::path& public_key) {
    std::error_code ec;
    for (const fs::path& p : {private_key, public_key})
        if (fs::exists(fs::symlink_status(p, ec)))
            throw InputError(Error{SourceLoc{p.string(), 0, 0}, "already exists: a key file is never overwritten"});
    std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
    EVP_PKEY* made = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &made) != 1)
        throw Fatal("OpenSSL cannot generate an Ed25519 key");
    Pkey key(made);
    std::unique_ptr<BIO, BioFree> priv(BIO_new(BIO_s_mem())), pub(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
        PEM_write_bio_PUBKEY(pub.get(), key.get()) != 1)
        throw Fatal("OpenSSL cannot write an Ed25519 key");
    write_new_file(private_key, bio_text(priv.get()), 0600);
    try {
        write_new_file(public_key, bio_text(pub.get()), 0644);
    } catch (...) {
        fs::remove(private_key, ec);
        throw;
    }
    return key_id_of(raw_public(key.get()));
}

Signer::Signer(const fs::path& private_key) {
    Pkey key = read_key(private_key, true);
    std::string raw = raw_public(key.get());
    id_ = key_id_of(raw);
    public_ = signing_base64(raw);
    key_ = key.release();
}

Signer::~Signer() {
    EVP_PKEY_free(static_cast<EVP_PKEY*>(key_));
}

std::string Signer::sign(std::string_view message) const {
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
    size_t n = 0;
    if (!md || EVP_DigestSignInit(md.get(), nullptr, nullptr, nullptr, static_cast<EVP_PKEY*>(key_)) != 1 ||
        EVP_DigestSign(md.get(), nullptr, &n, reinterpret_cast<const unsigned char*>(message.data()), message.size()) !=
            1)
        throw Fatal("OpenSSL cannot sign with an Ed25519 key");
    std::string sig(n, '\0');
    if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(sig.data()), &n,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1)
        throw Fatal("OpenSSL cannot sign with an Ed25519 key");
    sig.resize(n);
    return signing_base64(sig);
}

TrustedKey::TrustedKey(const fs::path& public_key) : source_(public_key.string()) {
    Pkey key = read_key(public_key, false);
    raw_ = raw_public(key.get());
    id_ = key_id_of(raw_);
    public_ = signing_base64(raw_);
}

bool TrustedKey::verify(std::string_view message, std::string_view signature) const {
    bool ok = false;
    std::string sig = signing_unbase64(signature, ok);
    if (!ok) return false;
    Pkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw_.data()),
                                         raw_.size()));
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
    if (!key || !md || EVP_DigestVerifyInit(md.get(), nullptr, nullptr, nullptr, key.get()) != 1) return false;
    return EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                            reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

}  // namespace assay
