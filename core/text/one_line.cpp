#include "core/text/one_line.hpp"

namespace flinktop::text {

std::string one_line(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes + 4));
  bool last_space = true;  // also trims leading spaces
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    bool control = u < 0x20 || u == 0x7f;
    // C1 controls (U+0080..U+009F, UTF-8 C2 80..C2 9F) include CSI: a terminal may obey them too.
    if (u == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) {
        control = true;
        ++i;
      }
    }
    if (control || c == ' ') {
      if (!last_space) out.push_back(' ');
      last_space = true;
      continue;
    }
    out.push_back(c);
    last_space = false;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > max_bytes) {
    std::size_t cut = max_bytes;
    // Step back to the start of a UTF-8 sequence so the cut never splits a character.
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    out += "…";
  }
  return out;
}

}  // namespace flinktop::text
