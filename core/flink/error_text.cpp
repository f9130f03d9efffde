#include "core/flink/error_text.hpp"

#include <cctype>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/text/one_line.hpp"

namespace flinktop::flink {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

// Length of a qualified Java class name at the start of `s` ("org.apache.Foo$Bar"), or 0. At
// least one dot, and the last segment starts with an upper-case letter.
std::size_t class_name_length(std::string_view s) {
  std::size_t i = 0;
  int dots = 0;
  std::size_t last_segment = 0;
  while (true) {
    std::size_t start = i;
    while (i < s.size() && is_identifier_char(s[i])) ++i;
    if (i == start || std::isdigit(static_cast<unsigned char>(s[start]))) return 0;
    last_segment = start;
    if (i < s.size() && s[i] == '.' && i + 1 < s.size() && is_identifier_char(s[i + 1])) {
      ++dots;
      ++i;
      continue;
    }
    break;
  }
  if (dots == 0 || !std::isupper(static_cast<unsigned char>(s[last_segment]))) return 0;
  return i;
}

// Removes "a.b.SomeException: " prefixes (nested ones too). Sets `name` to the last class removed.
std::string_view strip_class_prefixes(std::string_view line, std::string_view& name) {
  line = trim(line);
  while (true) {
    std::size_t n = class_name_length(line);
    if (n == 0) return line;
    if (n == line.size()) {  // the class alone: no message
      name = line;
      return {};
    }
    if (line[n] != ':') return line;
    name = line.substr(0, n);
    line = trim(line.substr(n + 1));
  }
}

std::string simple_name(std::string_view qualified) {
  auto dot = qualified.rfind('.');
  return std::string(dot == std::string_view::npos ? qualified : qualified.substr(dot + 1));
}

}  // namespace

std::string java_message(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    // Flink wraps unexpected failures as "<Exception on server side:\n...\nEnd of exception on
    // server side>"; stack frames and "... 5 more" carry nothing a user can act on.
    if (line.empty() || line == "<Exception on server side:" ||
        line.starts_with("End of exception on server side") || line.starts_with("at ") ||
        (line.starts_with("... ") && line.ends_with(" more"))) {
      continue;
    }
    lines.push_back(line);
  }
  if (lines.empty()) return {};

  std::string_view name;
  std::string_view message = strip_class_prefixes(lines.front(), name);
  if (message.empty()) {
    // No message on the first line: the innermost "Caused by:" that has one.
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
      if (!it->starts_with("Caused by:")) continue;
      std::string_view cause_name;
      std::string_view cause = strip_class_prefixes(it->substr(10), cause_name);
      if (!cause.empty()) {
        message = cause;
        break;
      }
    }
  }
  if (message.empty()) return name.empty() ? text::one_line(lines.front()) : simple_name(name);
  return text::one_line(message);
}

std::string error_body_message(std::string_view body) {
  auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_object()) {
    auto errors = parsed.find("errors");
    if (errors != parsed.end() && errors->is_array()) {
      std::string first;
      for (const auto& e : *errors) {
        if (!e.is_string()) continue;
        std::string message = java_message(e.get_ref<const std::string&>());
        if (message.empty()) continue;
        // "Internal server error." is followed by the real exception when Flink has one.
        if (message == "Internal server error." || message == "Internal server error") {
          if (first.empty()) first = message;
          continue;
        }
        return message;
      }
      if (!first.empty()) return first;
    }
    auto message = parsed.find("message");  // a Kubernetes Status from the service proxy
    if (message != parsed.end() && message->is_string()) return text::one_line(message->get<std::string>());
  }
  std::string_view rest = body;
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    std::string_view line = trim(rest.substr(0, end));
    if (!line.empty()) return text::one_line(line, 200);
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return {};
}

}  // namespace flinktop::flink
