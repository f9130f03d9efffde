// A multipart/form-data body (RFC 7578) built as bytes, for POST /jars/upload: only core/http
// speaks to libcurl, so the form is assembled here and sent through http::Session like any body.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace flinktop::flink {

struct MultipartBody {
  std::string content_type;  // "multipart/form-data; boundary=<boundary>": the Content-Type header
  std::string body;
};

class MultipartForm {
 public:
  // A random boundary that occurs in no part unless one is given (tests fix it to compare bytes).
  explicit MultipartForm(std::string boundary = {});

  void add_field(std::string_view name, std::string_view value);
  void add_file(std::string_view name, std::string_view filename, std::string_view content_type,
                std::string content);
  // Joins the parts; the form is empty afterwards.
  MultipartBody finish();

 private:
  struct Part {
    std::string headers;  // Content-Disposition (+ Content-Type), each ending in CRLF
    std::string content;
  };
  std::string boundary_;
  std::vector<Part> parts_;
};

}  // namespace flinktop::flink
