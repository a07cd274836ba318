// Text made safe for where it is shown: HTML, a terminal, a message quoting
// input. The engine's renderers use the same functions, so a command that
// builds a little HTML or prints input of its own escapes it the same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace assay {

/// `s` with &, <, >, " and ' escaped: safe as HTML text and as an attribute value.
std::string html_escape(std::string_view s);

/// `text` safe to print on a terminal: every control character except line
/// feed and tab (ESC, CR, BS, NUL, DEL, the C1 controls), the bidirectional
/// overrides and isolates and other invisible format characters are written
/// as <U+001B>, bytes that are not UTF-8 as <0xA3>. With `keep_colour`, the
/// colour sequences a report adds itself (ESC [ digits and ';' m) are kept;
/// no other escape sequence is.
std::string terminal_text(std::string_view text, bool keep_colour = false);

/// Input as a message quotes it: invisible characters made visible as
/// above (line breaks too) and anything past `limit` characters replaced by
/// "... (N bytes in all)".
std::string quoted_input(std::string_view text, size_t limit = 80);

}  // namespace assay
