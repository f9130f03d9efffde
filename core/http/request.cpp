// Response::header: the one lookup callers need on the lower-cased header list.
#include "core/http/request.hpp"

#include <algorithm>
#include <cctype>

namespace flinktop::http {

namespace {

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string Response::header(std::string_view name) const {
  for (const Header& h : headers) {
    if (equals_ignore_case(h.name, name)) return h.value;
  }
  return {};
}

}  // namespace flinktop::http
