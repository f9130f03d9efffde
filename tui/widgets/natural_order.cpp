// Natural ordering of cells: parse once into a SortKey, compare keys, fall back to text.
#include "tui/widgets/natural_order.hpp"

#include <array>
#include <cstddef>

namespace flinktop::tui {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// A decimal number at the start of s ("-1,234.5"); advances s past it. Commas count only
// between digits so "1,5" style lists are not mistaken for one number.
bool take_number(std::string_view& s, double& value, bool allow_sign = true) {
  std::size_t i = 0;
  bool negative = false;
  if (allow_sign && i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  double v = 0;
  int digits = 0;
  while (i < s.size()) {
    if (is_digit(s[i])) {
      v = v * 10 + (s[i] - '0');
      ++digits, ++i;
    } else if (s[i] == ',' && digits > 0 && i + 1 < s.size() && is_digit(s[i + 1])) {
      ++i;
    } else {
      break;
    }
  }
  if (i < s.size() && s[i] == '.' && i + 1 < s.size() && is_digit(s[i + 1])) {
    ++i;
    double scale = 0.1;
    while (i < s.size() && is_digit(s[i])) {
      v += (s[i] - '0') * scale;
      scale /= 10;
      ++digits, ++i;
    }
  }
  if (digits == 0) return false;
  value = negative ? -v : v;
  s.remove_prefix(i);
  return true;
}

struct Unit {
  std::string_view name;
  double factor;
};

// Longest names first so "ms" wins over "m" and "MiB" over "Mi".
constexpr std::array<Unit, 7> kDurationUnits{{
    {"ms", 1e-3},
    {"s", 1},
    {"m", 60},
    {"h", 3600},
    {"d", 86400},
    {"w", 7 * 86400},
    {"y", 365 * 86400},
}};

constexpr std::array<Unit, 28> kSizeUnits{{
    {"KiB", 1024.0},
    {"MiB", 1048576.0},
    {"GiB", 1073741824.0},
    {"TiB", 1099511627776.0},
    {"PiB", 1125899906842624.0},
    {"Ki", 1024.0},
    {"Mi", 1048576.0},
    {"Gi", 1073741824.0},
    {"Ti", 1099511627776.0},
    {"Pi", 1125899906842624.0},
    {"KB", 1e3},
    {"kB", 1e3},
    {"MB", 1e6},
    {"GB", 1e9},
    {"TB", 1e12},
    {"PB", 1e15},
    {"k", 1e3},
    {"K", 1e3},
    {"M", 1e6},
    {"G", 1e9},
    {"T", 1e12},
    {"P", 1e15},
    {"bytes", 1},
    {"byte", 1},
    {"B", 1},
    {"b", 1},
    {"%", 1},
    {"x", 1},
}};

template <std::size_t N>
const Unit* take_unit(std::string_view& s, const std::array<Unit, N>& units) {
  for (const Unit& u : units) {
    if (s.substr(0, u.name.size()) == u.name) {
      s.remove_prefix(u.name.size());
      return &u;
    }
  }
  return nullptr;
}

// "5m3s", "120ms", "4d2h", "1.5s": one or more number+unit pairs, nothing else.
bool parse_duration(std::string_view s, double& seconds) {
  double total = 0;
  int parts = 0;
  while (!s.empty()) {
    double v = 0;
    if (!take_number(s, v, parts == 0)) return false;
    const Unit* u = take_unit(s, kDurationUnits);
    if (u == nullptr) return false;
    total += v * u->factor;
    ++parts;
  }
  seconds = total;
  return parts > 0;
}

// "42", "-1.5", "12%", "512Mi", "1.5 GB", "3.2 MB/s".
bool parse_quantity(std::string_view s, double& value) {
  double v = 0;
  if (!take_number(s, v)) return false;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (s.size() >= 2 && s.substr(s.size() - 2) == "/s") s.remove_suffix(2);
  if (s.empty()) {
    value = v;
    return true;
  }
  const Unit* u = take_unit(s, kSizeUnits);
  if (u == nullptr || !s.empty()) return false;
  value = v * u->factor;
  return true;
}

// "1/3", "2 / 3": READY columns.
bool parse_ratio(std::string_view s, double& value) {
  double a = 0, b = 0;
  if (!take_number(s, a, false)) return false;
  s = trim(s);
  if (s.empty() || s.front() != '/') return false;
  s.remove_prefix(1);
  s = trim(s);
  if (!take_number(s, b, false) || !s.empty()) return false;
  value = b > 0 ? a / b : 0;
  return true;
}

}  // namespace

SortKey sort_key(std::string_view cell) {
  cell = trim(cell);
  SortKey key;
  if (cell.empty()) return key;
  if (!is_digit(cell.front()) && cell.front() != '-' && cell.front() != '+' && cell.front() != '.') {
    key.kind = SortKey::Kind::Text;
    return key;
  }
  double v = 0;
  if (parse_quantity(cell, v) || parse_duration(cell, v) || parse_ratio(cell, v)) {
    key.kind = SortKey::Kind::Number;
    key.number = v;
  } else {
    key.kind = SortKey::Kind::Text;
  }
  return key;
}

int natural_compare(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  int zeros_tiebreak = 0;  // "007" after "7" when all else is equal
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t zi = i, zj = j;
      while (zi < a.size() && a[zi] == '0') ++zi;
      while (zj < b.size() && b[zj] == '0') ++zj;
      std::size_t ei = zi, ej = zj;
      while (ei < a.size() && is_digit(a[ei])) ++ei;
      while (ej < b.size() && is_digit(b[ej])) ++ej;
      if (ei - zi != ej - zj) return ei - zi < ej - zj ? -1 : 1;
      for (std::size_t k = 0; k < ei - zi; ++k) {
        if (a[zi + k] != b[zj + k]) return a[zi + k] < b[zj + k] ? -1 : 1;
      }
      if (zeros_tiebreak == 0 && zi - i != zj - j) zeros_tiebreak = zi - i < zj - j ? -1 : 1;
      i = ei, j = ej;
      continue;
    }
    const auto ca = static_cast<unsigned char>(lower(a[i]));
    const auto cb = static_cast<unsigned char>(lower(b[j]));
    if (ca != cb) return ca < cb ? -1 : 1;
    ++i, ++j;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  if (zeros_tiebreak != 0) return zeros_tiebreak;
  const int raw = a.compare(b);  // only case differs: a fixed order all the same
  return raw < 0 ? -1 : raw > 0 ? 1 : 0;
}

int compare_cells(const SortKey& ka, std::string_view a, const SortKey& kb, std::string_view b) {
  if (ka.kind != kb.kind) return ka.kind < kb.kind ? -1 : 1;
  if (ka.kind == SortKey::Kind::Number && ka.number != kb.number) return ka.number < kb.number ? -1 : 1;
  return natural_compare(a, b);
}

}  // namespace flinktop::tui
