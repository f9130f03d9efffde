// The order a person expects when sorting a column: numbers by value ("9" < "10"), ages and
// durations by length ("5m" < "2h"), ratios by value ("1/3" < "2/3"), sizes by bytes
// ("512Mi" < "2Gi"), and other text case-insensitively with digit runs compared as numbers
// ("tm-2" < "tm-10").
#pragma once

#include <cstdint>
#include <string_view>

namespace flinktop::tui {

// What a cell sorts as, computed once per cell so that sorting compares two small values.
struct SortKey {
  enum class Kind : std::uint8_t { Empty, Number, Text };  // in this order, ascending
  Kind kind = Kind::Empty;
  double number = 0;  // Kind::Number: the value (seconds for a duration, bytes for a size)
};

// Empty: "" or only spaces. Number: "42", "-1.5", "12%", "5m3s", "120ms", "4d2h", "1/3",
// "512Mi", "1.5 GB". Anything else is Text ("-", "n/a", "RUNNING", "tm-10").
SortKey sort_key(std::string_view cell);

// Case-insensitive, digit runs by value (leading zeros ignored); bytes otherwise. <0, 0, >0.
int natural_compare(std::string_view a, std::string_view b);

// Keys first; equal keys (and two texts) by natural_compare of the cells. <0, 0, >0.
int compare_cells(const SortKey& ka, std::string_view a, const SortKey& kb, std::string_view b);

}  // namespace flinktop::tui
