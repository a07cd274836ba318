// Ed25519 signatures for evidence: key pairs, signing and verifying, through
// OpenSSL. Keys are PEM files OpenSSL reads too (PKCS#8 private key, SPKI
// public key), so a signature can be checked without Assay:
//   openssl pkeyutl -verify -pubin -inkey key.pub -rawin -in message -sigfile sig
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace assay {

/// Generates an Ed25519 key pair: the private key to `private_key` (mode
/// 0600) and the public key to `public_key`, each written atomically and
/// never over an existing file (InputError naming it). Returns the key id.
std::string generate_key_pair(const std::filesystem::path& private_key, const std::filesystem::path& public_key);

/// The id of a raw Ed25519 public key: "ed25519:" and the first 16 hex digits of its SHA-256.
std::string key_id_of(std::string_view raw_public_key);

/// A private key, for signing.
class Signer {
public:
    /// Reads a PEM private key; InputError naming the file when it is not an Ed25519 private key.
    explicit Signer(const std::filesystem::path& private_key);
    ~Signer();
    Signer(const Signer&) = delete;
    Signer& operator=(const Signer&) = delete;
    /// The base64 Ed25519 signature of `message`.
    std::string sign(std::string_view message) const;
    /// The key's id.
    const std::string& key_id() const { return id_; }
    /// The raw public key, base64.
    const std::string& public_key() const { return public_; }

private:
    void* key_;  ///< OpenSSL EVP_PKEY, opaque so this header needs no OpenSSL
    std::string id_, public_;
};

/// A public key an auditor trusts.
class TrustedKey {
public:
    /// Reads a PEM public key (or a private key, whose public half is used);
    /// InputError naming the file when it is neither.
    explicit TrustedKey(const std::filesystem::path& public_key);
    /// Whether `signature` (base64) is this key's signature of `message`.
    bool verify(std::string_view message, std::string_view signature) const;
    /// The key's id.
    const std::string& key_id() const { return id_; }
    /// The raw public key, base64, as signatures carry it beside the key id.
    const std::string& public_key() const { return public_; }
    /// The file it was read from, for messages.
    const std::string& source() const { return source_; }

private:
    std::string raw_;  ///< the raw 32-byte public key
    std::string id_, public_, source_;
};

/// Standard base64 (RFC 4648, with padding), and back (nullopt-free: "" on invalid input, with ok false).
std::string signing_base64(std::string_view bytes);
std::string signing_unbase64(std::string_view text, bool& ok);

}  // namespace assay
