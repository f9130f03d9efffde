#include "cli/table_printer.hpp"

#include <algorithm>

#include "core/text/one_line.hpp"

namespace flinktop::cli {

namespace {

// Columns are aligned by code points: good enough for names and states, which are never wide.
std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

void TablePrinter::add_row(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  for (std::string& cell : cells) {
    cell = text::one_line(cell, 200);
    if (cell.empty()) cell = "<none>";
  }
  rows_.push_back(std::move(cells));
}

void TablePrinter::print(std::ostream& out, bool with_headers) const {
  std::vector<std::size_t> widths(headers_.size(), 0);
  for (std::size_t c = 0; c < headers_.size(); ++c) {
    if (with_headers) widths[c] = display_width(headers_[c]);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      line += cells[c];
      if (c + 1 < cells.size()) line.append(widths[c] - display_width(cells[c]) + 3, ' ');
    }
    out << line << '\n';
  };
  if (with_headers) print_row(headers_);
  for (const auto& row : rows_) print_row(row);
}

}  // namespace flinktop::cli
