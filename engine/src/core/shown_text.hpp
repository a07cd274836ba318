// Input text as error messages quote it: invisible characters made
// visible and long texts cut short, so that a message about a cell holding
// a byte order mark does not read `cannot read "640"`, and one about a
// 100 MB cell is not itself 100 MB.
#pragma once

#include <string>
#include <string_view>

namespace assay {

/// `text` with control and invisible characters (U+FEFF, U+200B, NUL...)
/// written as <U+FEFF>, bytes that are not UTF-8 as <0xA3>, and anything
/// past `limit` characters replaced by "...".
std::string shown_text(std::string_view text, size_t limit = 80);

}  // namespace assay
