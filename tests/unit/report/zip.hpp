// A small zip reader for tests that look inside an XLSX workbook: every
// entry, inflated with zlib.
#pragma once

#include <catch2/catch.hpp>

#include <zlib.h>

#include <cstdint>
#include <map>
#include <string>

namespace assay::test_zip {

inline uint32_t le(const std::string& b, size_t at, int bytes) {
    uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b.at(at + static_cast<size_t>(i)));
    return v;
}

/// Every entry of a zip archive, inflated: name -> bytes.
inline std::map<std::string, std::string> unzip(const std::string& zip) {
    size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
    REQUIRE(eocd != std::string::npos);
    size_t entries = le(zip, eocd + 10, 2);
    size_t at = le(zip, eocd + 16, 4);
    std::map<std::string, std::string> files;
    for (size_t i = 0; i < entries; ++i) {
        REQUIRE(le(zip, at, 4) == 0x02014b50);
        uint32_t method = le(zip, at + 10, 2), packed = le(zip, at + 20, 4), size = le(zip, at + 24, 4);
        uint32_t name_len = le(zip, at + 28, 2), extra = le(zip, at + 30, 2), comment = le(zip, at + 32, 2);
        uint32_t local = le(zip, at + 42, 4);
        std::string name = zip.substr(at + 46, name_len);
        size_t data = local + 30 + le(zip, local + 26, 2) + le(zip, local + 28, 2);
        std::string out(size, '\0');
        if (method == 0) {
            out = zip.substr(data, size);
        } else {
            REQUIRE(method == 8);
            z_stream z{};
            REQUIRE(inflateInit2(&z, -MAX_WBITS) == Z_OK);
            z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
            z.avail_in = packed;
            z.next_out = reinterpret_cast<Bytef*>(out.data());
            z.avail_out = size;
            int rc = inflate(&z, Z_FINISH);
            inflateEnd(&z);
            REQUIRE(rc == Z_STREAM_END);
        }
        files[name] = out;
        at += 46 + name_len + extra + comment;
    }
    return files;
}

}  // namespace assay::test_zip
