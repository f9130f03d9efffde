#include "core/flink/multipart.hpp"

#include "core/flink/types/operation.hpp"

namespace flinktop::flink {

namespace {

// A quoted-string parameter: quotes, backslashes and line breaks would end the header early, so
// they are percent-encoded the way browsers do for file names.
std::string quoted(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '"': out += "%22"; break;
      case '\\': out += "%5C"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace

MultipartForm::MultipartForm(std::string boundary) : boundary_(std::move(boundary)) {}

void MultipartForm::add_field(std::string_view name, std::string_view value) {
  parts_.push_back({"Content-Disposition: form-data; name=" + quoted(name) + "\r\n", std::string(value)});
}

void MultipartForm::add_file(std::string_view name, std::string_view filename, std::string_view content_type,
                             std::string content) {
  std::string headers =
      "Content-Disposition: form-data; name=" + quoted(name) + "; filename=" + quoted(filename) +
      "\r\nContent-Type: " + std::string(content_type.empty() ? "application/octet-stream" : content_type) +
      "\r\n";
  parts_.push_back({std::move(headers), std::move(content)});
}

MultipartBody MultipartForm::finish() {
  std::string boundary = boundary_;
  auto occurs = [&](const std::string& b) {
    for (const auto& p : parts_) {
      if (p.content.find(b) != std::string::npos) return true;
    }
    return false;
  };
  if (boundary.empty()) {
    do boundary = "flinktop-" + new_trigger_id();
    while (occurs(boundary));
  }
  std::size_t size = 0;
  for (const auto& p : parts_) size += p.headers.size() + p.content.size() + boundary.size() + 8;
  std::string body;
  body.reserve(size + boundary.size() + 8);
  for (const auto& p : parts_) {
    body += "--" + boundary + "\r\n";
    body += p.headers;
    body += "\r\n";
    body += p.content;
    body += "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  parts_.clear();
  return {"multipart/form-data; boundary=" + boundary, std::move(body)};
}

}  // namespace flinktop::flink
