// Pieces of a plain observations file (a header of exactly indicator, area,
// period and value): piece k holds the rows that start in
// [start + k * P, start + (k + 1) * P), a row starting where the byte before
// it is a line end. A piece is read with pread (and a little before and
// after it, to find those line ends) and parsed into rows of piece-local
// name ids and values, keeping the first place of each name. Any thread may
// read and parse any piece. The parallel reader (parallel_observations.cpp)
// and the streamed run (run/stream.cpp) are built on them.
#pragma once

#include "dataset/csv.hpp"
#include "dataset/interner.hpp"

#include <assay/dataset.hpp>

#include <unistd.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace assay::dataset {

/// Thrown when a piece cannot be read as the general reader would.
struct GiveUp {};

/// Where a name first occurs in a piece.
struct FirstPlace {
    std::string_view raw;  ///< the field's text as written (untrimmed)
    uint32_t line = 0;     ///< lines after the piece's first line
    int column = 0;
};

/// Names of one kind (indicators, areas or periods) in one piece.
struct LocalNames {
    Interner ids;
    std::vector<FirstPlace> first;
};

/// Rows of one series in a piece: from row `begin` up to the next run's.
struct PieceRun {
    uint32_t ind = 0, area = 0;  ///< piece-local ids
    uint32_t begin = 0;
};

/// One piece of the file, parsed.
struct Piece {
    uint64_t lo = 0;  ///< file offset of buf[0]
    /// The bytes read, then `padding` zero bytes, so that a few words may be
    /// read at any byte of a row without a check of where the data ends.
    std::unique_ptr<char[]> buf;
    static constexpr size_t padding = 64;
    size_t cap = 0;               ///< bytes buf holds room for, the padding included
    size_t len = 0;               ///< bytes read
    uint64_t begin = 0, end = 0;  ///< the piece's rows: file offsets [begin, end)
    uint32_t newlines = 0;        ///< line ends in [begin, end)
    std::array<LocalNames, 3> names;
    std::vector<const Indicator*> declared;  ///< by local indicator id
    std::vector<PieceRun> runs;              ///< each row's indicator and area, a run of rows at a time
    std::vector<uint32_t> period;            ///< each row's piece-local period id
    std::vector<double> value;
    std::vector<std::pair<uint32_t, std::string>> missing;       ///< (row in piece, reason)
    std::vector<std::pair<uint32_t, ObservationCounts>> counts;  ///< (row in piece, its counts), rows with any
    bool gave_up = false;                                        ///< rows after the last one kept cannot be read here
    bool ready = false;
};

/// Where the pieces of one file are.
struct Layout {
    int fd = -1;
    uint64_t size = 0;
    uint64_t start = 0;  ///< first byte after the header
    size_t piece = 0;
    size_t pieces = 0;
    std::array<int, 4> column{};            ///< field of indicator, area, period, value
    std::array<int, 3> counts{-1, -1, -1};  ///< field of numerator, denominator, sd; -1 when absent
    int fields = 4;                         ///< fields in a row
    const std::vector<Indicator>* declared = nullptr;
};

/// The columns of a plain file: indicator, area, period and value, and the
/// optional numerator, denominator and sd.
struct PlainColumns {
    std::array<int, 4> at{};                ///< field of indicator, area, period, value
    std::array<int, 3> counts{-1, -1, -1};  ///< field of numerator, denominator, sd; -1 when absent
    int fields = 4;
};

/// An open file descriptor, closed when it goes.
struct Fd {
    int fd = -1;
    Fd() = default;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

/// Reads exactly `n` bytes at `offset`, or fewer at the end of the file; GiveUp on a read error.
size_t read_at(int fd, char* into, size_t n, uint64_t offset);
/// Empties a piece for reuse, keeping its buffers' storage.
void clear(Piece& pc);
/// Reads piece k's bytes and finds its rows' bounds.
void read_piece(const Layout& L, size_t k, Piece& pc);
/// Parses piece k's rows; stops (gave_up) at the first it cannot read exactly.
void parse_piece(const Layout& L, Piece& pc);
/// Piece k read and parsed, in the storage of `reuse` (a piece taken
/// earlier) when there is one, else in new storage; marked ready.
std::unique_ptr<Piece> parsed_piece(const Layout& L, size_t k, std::unique_ptr<Piece> reuse);
/// The positions of indicator, area, period and value, and of numerator,
/// denominator and sd when given, when the header holds exactly those names
/// (any order, any case, spaces around, each once); else nothing.
std::optional<PlainColumns> plain_header(const std::vector<CsvField>& header);

}  // namespace assay::dataset
