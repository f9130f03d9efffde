// Plain-text tables the way kubectl prints them: upper-case headers, columns padded to the widest
// cell, three spaces between columns, no trailing spaces. Cells are sanitised (one line each).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace flinktop::cli {

class TablePrinter {
 public:
  explicit TablePrinter(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void add_row(std::vector<std::string> cells);
  void print(std::ostream& out, bool with_headers = true) const;
  bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace flinktop::cli
