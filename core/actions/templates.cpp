#include "core/actions/templates.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/kube/yaml_json.hpp"

namespace flinktop::actions {

namespace {

using nlohmann::json;

std::string trim(std::string_view text) {
  const std::size_t start = text.find_first_not_of(" \t\r");
  if (start == std::string_view::npos) return "";
  const std::size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(start, end - start + 1));
}

std::optional<TemplateKey::Type> type_named(std::string_view name) {
  if (name == "text") return TemplateKey::Type::Text;
  if (name == "int") return TemplateKey::Type::Int;
  if (name == "number") return TemplateKey::Type::Number;
  if (name == "bool") return TemplateKey::Type::Bool;
  if (name == "list") return TemplateKey::Type::List;
  return std::nullopt;
}

bool valid_key_name(std::string_view name) {
  return !name.empty() && std::isalpha(static_cast<unsigned char>(name.front())) &&
         std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; });
}

// Calls `f(key, begin, end)` for every ${KEY} in `text` (begin/end: the placeholder's span).
template <class F>
void for_each_placeholder(std::string_view text, F&& f) {
  std::size_t at = 0;
  while ((at = text.find("${", at)) != std::string_view::npos) {
    const std::size_t close = text.find('}', at + 2);
    if (close == std::string_view::npos) return;
    f(text.substr(at + 2, close - at - 2), at, close + 1);
    at = close + 1;
  }
}

std::vector<std::string> list_items(const std::string& value) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t end = std::min(value.find(',', start), value.size());
    if (std::string item = trim(std::string_view(value).substr(start, end - start)); !item.empty()) items.push_back(item);
    start = end + 1;
  }
  return items;
}

// A whole value's replacement: the key's type; nullopt when the value is empty (the field goes).
std::optional<json> typed_value(const TemplateKey& key, const std::string& value) {
  if (trim(value).empty()) return std::nullopt;
  switch (key.type) {
    case TemplateKey::Type::Text: return json(value);
    case TemplateKey::Type::List: return json(list_items(value));
    case TemplateKey::Type::Bool: return json(value == "true");
    case TemplateKey::Type::Int: {
      long long number = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
      if (ec == std::errc() && end == value.data() + value.size()) return json(number);
      break;
    }
    case TemplateKey::Type::Number: {
      long long whole = 0;
      if (const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), whole);
          ec == std::errc() && end == value.data() + value.size()) {
        return json(whole);
      }
      double number = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
      if (ec == std::errc() && end == value.data() + value.size()) return json(number);
      break;
    }
  }
  return std::nullopt;  // checked before rendering: not reached
}

class Renderer {
 public:
  Renderer(const Template& t, std::map<std::string, std::string> values) : t_(t), values_(std::move(values)) {}

  const std::string& value(std::string_view key) const { return values_.at(std::string(key)); }

  // The text with every ${KEY} replaced by its value (a list's items joined by ",").
  std::string interpolate(std::string_view text) const {
    std::string out;
    std::size_t copied = 0;
    for_each_placeholder(text, [&](std::string_view key, std::size_t begin, std::size_t end) {
      out.append(text.substr(copied, begin - copied));
      out += value(key);
      copied = end;
    });
    out.append(text.substr(copied));
    return out;
  }

  // Whether `text` holds keys and every one of them is empty: such a line (or word) is left out.
  bool only_empty_keys(std::string_view text) const {
    bool keys = false, any_value = false;
    for_each_placeholder(text, [&](std::string_view key, std::size_t, std::size_t) {
      keys = true;
      any_value = any_value || !trim(value(key)).empty();
    });
    return keys && !any_value;
  }

  // interpolate(), line by line: a line whose keys are all empty is left out (an unset directory
  // in a configuration file is no entry, not an empty one).
  std::string interpolate_lines(std::string_view text) const {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const std::string_view line = text.substr(start, end - start);
      if (!only_empty_keys(line)) {
        out += interpolate(line);
        if (end < text.size()) out += '\n';
      }
      start = end + 1;
    }
    return out;
  }

  // The key `text` is as a whole ("${name}"), or null.
  const TemplateKey* whole(const std::string& text) const {
    if (text.size() < 4 || !text.starts_with("${") || text.back() != '}' || text.find('}') != text.size() - 1) return nullptr;
    return t_.key(std::string_view(text).substr(2, text.size() - 3));
  }

  // Replaces in place; false when `node` is to be removed (a whole placeholder left empty).
  bool substitute(json& node) const {
    if (node.is_string()) {
      const std::string& text = node.get_ref<const std::string&>();
      if (const TemplateKey* key = whole(text)) {
        auto replacement = typed_value(*key, value(key->name));
        if (!replacement) return false;
        node = std::move(*replacement);
      } else if (text.find("${") != std::string::npos) {
        node = interpolate_lines(text);
      }
      return true;
    }
    if (node.is_object()) {
      for (auto it = node.begin(); it != node.end();) {
        if (substitute(it.value())) {
          ++it;
        } else {
          it = node.erase(it);
        }
      }
      return true;
    }
    if (node.is_array()) {
      json out = json::array();
      for (json& item : node) {
        const TemplateKey* key = item.is_string() ? whole(item.get_ref<const std::string&>()) : nullptr;
        if (key && key->type == TemplateKey::Type::List) {
          for (const std::string& element : list_items(value(key->name))) out.push_back(element);
          continue;
        }
        if (substitute(item)) out.push_back(std::move(item));
      }
      node = std::move(out);
    }
    return true;
  }

  std::vector<std::string> command() const {
    std::vector<std::string> lines;
    std::istringstream body(t_.body);
    for (std::string line; std::getline(body, line);) {
      if (only_empty_keys(line)) continue;
      std::istringstream words(line);
      std::vector<std::string> out;
      for (std::string word; words >> word;) {
        const TemplateKey* key = whole(word);
        if (key && key->type == TemplateKey::Type::List) {
          for (const std::string& item : list_items(value(key->name))) out.push_back(shell_word(item));
        } else if (!only_empty_keys(word)) {
          out.push_back(shell_word(interpolate(word)));
        }
      }
      if (out.empty()) continue;
      std::string joined;
      for (const std::string& w : out) joined += (joined.empty() ? "" : " ") + w;
      lines.push_back(std::move(joined));
    }
    return lines;
  }

 private:
  const Template& t_;
  std::map<std::string, std::string> values_;
};

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) throw Error(ErrorKind::Config, fmt::format("cannot read the template {}", path.string()));
  return text.str();
}

}  // namespace

const TemplateKey* Template::key(std::string_view name) const {
  for (const TemplateKey& k : keys) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

Template parse_template(const std::string& name, const std::string& path, std::string_view text) {
  Template t;
  t.name = name;
  t.path = path;
  t.command = path.ends_with(".sh");
  auto fail = [&](int line, const std::string& what) {
    throw Error(ErrorKind::Config, fmt::format("template {} line {}: {}", path, line, what));
  };
  std::size_t at = 0;
  int line_number = 0;
  while (at < text.size() && text[at] == '#') {
    ++line_number;
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = trim(text.substr(at + 1, end - at - 1));
    at = end + 1;
    if (line.starts_with("description:")) {
      t.description = trim(std::string_view(line).substr(12));
      continue;
    }
    if (!line.starts_with("key ")) continue;  // any other comment
    // "key NAME [TYPE]: DEFAULT — HELP"
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) fail(line_number, "a key needs a colon: \"# key NAME [TYPE]: DEFAULT — HELP\"");
    std::istringstream head(line.substr(4, colon - 4));
    TemplateKey key;
    std::string type;
    head >> key.name >> type;
    if (!valid_key_name(key.name)) fail(line_number, fmt::format("\"{}\" is not a key name", key.name));
    if (!type.empty()) {
      const auto known = type_named(type);
      if (!known) fail(line_number, fmt::format("\"{}\" is not a type (text, int, number, bool, list)", type));
      key.type = *known;
    }
    if (t.key(key.name)) fail(line_number, fmt::format("the key {} is declared twice", key.name));
    std::string rest = line.substr(colon + 1);
    std::size_t dash = rest.find(" — ");
    std::size_t dash_size = std::string_view(" — ").size();
    if (dash == std::string::npos) {
      dash = rest.find(" -- ");
      dash_size = 4;
    }
    key.default_value = trim(rest.substr(0, dash));
    if (dash != std::string::npos) key.help = trim(rest.substr(dash + dash_size));
    t.keys.push_back(std::move(key));
  }
  if (t.description.empty()) fail(1, "the template says nothing of itself: start it with \"# description: …\"");
  t.body = std::string(text.substr(std::min(at, text.size())));
  // Every ${KEY} in the body is declared, so that rendering cannot meet an unknown one.
  int body_line = line_number;
  std::istringstream body(t.body);
  for (std::string line; std::getline(body, line);) {
    ++body_line;
    for_each_placeholder(line, [&](std::string_view key, std::size_t, std::size_t) {
      if (!t.key(key)) fail(body_line, fmt::format("${{{}}} is not a key of this template (declare it: \"# key {}: DEFAULT\")", key, key));
    });
  }
  return t;
}

std::vector<Template> load_templates(const std::vector<std::string>& dirs) {
  std::vector<Template> out;
  std::set<std::string> seen;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (dir.empty() || !std::filesystem::is_directory(dir, ec)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      const std::string extension = entry.path().extension().string();
      if (entry.is_regular_file(ec) && (extension == ".yaml" || extension == ".sh")) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      const std::string name = path.stem().string();
      if (!seen.insert(name).second) continue;  // an earlier directory's template of that name wins
      out.push_back(parse_template(name, path.string(), file_text(path)));
    }
  }
  std::sort(out.begin(), out.end(), [](const Template& a, const Template& b) { return a.name < b.name; });
  return out;
}

std::vector<std::string> template_dirs(const std::string& installed, const std::string& source) {
  std::vector<std::string> dirs;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
    dirs.push_back(std::string(xdg) + "/flinktop/templates");
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    dirs.push_back(std::string(home) + "/.config/flinktop/templates");
  }
  if (!installed.empty()) dirs.push_back(installed);
  if (!source.empty() && source != installed) dirs.push_back(source);
  return dirs;
}

std::vector<std::string> template_dirs() {
#if defined(FLINKTOP_TEMPLATE_DIR) && defined(FLINKTOP_SOURCE_TEMPLATE_DIR)
  return template_dirs(FLINKTOP_TEMPLATE_DIR, FLINKTOP_SOURCE_TEMPLATE_DIR);
#else
  return template_dirs("", "");
#endif
}

std::string command_text(const std::vector<std::string>& lines) {
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) text += (i == 0 ? "" : " \\\n    ") + lines[i];
  return text + "\n";
}

Rendered render(const Template& t, const std::map<std::string, std::string>& values) {
  std::map<std::string, std::string> all;
  for (const TemplateKey& key : t.keys) all[key.name] = key.default_value;
  for (const auto& [name, value] : values) {
    const TemplateKey* key = t.key(name);
    if (!key) {
      std::string names;
      for (const TemplateKey& k : t.keys) names += (names.empty() ? "" : ", ") + k.name;
      throw Error(ErrorKind::Usage, fmt::format("the template {} has no key \"{}\"; its keys: {}", t.name, name, names));
    }
    if (!trim(value).empty() && key->type != TemplateKey::Type::Text && key->type != TemplateKey::Type::List &&
        (key->type == TemplateKey::Type::Bool ? value != "true" && value != "false" : !typed_value(*key, value))) {
      throw Error(ErrorKind::Usage, fmt::format("{}={}: {} takes {}", name, value, name,
                                                key->type == TemplateKey::Type::Int    ? "a whole number"
                                                : key->type == TemplateKey::Type::Bool ? "true or false"
                                                                                       : "a number"));
    }
    all[name] = value;
  }
  const Renderer renderer(t, std::move(all));
  Rendered out;
  if (t.command) {
    out.command = renderer.command();
    return out;
  }
  // Documents split by "---" lines; each parsed on its own, then filled in.
  std::vector<std::string> documents(1);
  std::istringstream body(t.body);
  for (std::string line; std::getline(body, line);) {
    if (trim(line) == "---") {
      documents.emplace_back();
    } else {
      documents.back() += line + "\n";
    }
  }
  for (const std::string& document : documents) {
    json object;
    try {
      object = kube::yaml_to_json(document);
    } catch (const Error& e) {
      throw Error(ErrorKind::Config, fmt::format("template {}: {}", t.path, e.what()));
    }
    if (object.is_null()) continue;
    renderer.substitute(object);
    out.objects.push_back(std::move(object));
  }
  return out;
}

std::string shell_word(std::string_view word) {
  const bool safe = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("@%+=:,./-_").find(c) != std::string_view::npos;
  });
  if (safe) return std::string(word);
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace flinktop::actions
