// The templates a new cluster or job starts from (`flinktop create TEMPLATE`, `flinktop templates`):
// templates/ in the source tree, installed with the binary, and the user's own in
// $XDG_CONFIG_HOME/flinktop/templates/, which override shipped ones of the same name.
//
// NAME.yaml is one or more Kubernetes objects (documents split by "---"); NAME.sh is a command for
// Flink's own client (native clusters are created by it: flinktop shows the command, never runs
// it). Both start with comment lines saying what the template is and which keys it takes:
//   # description: Flink Kubernetes Operator application cluster …
//   # key name: my-application — the FlinkDeployment's name
//   # key parallelism int: 2 — the job's parallelism
// A key is text unless typed int, number, bool or list (comma-separated); what follows the colon
// is its default. In objects, ${KEY} may stand in any string value: a whole value takes the key's
// type (a list inside a list is spliced in), and an empty one removes the field or item — so an
// unset savepoint directory is no configuration entry rather than an empty one. Inside other text
// it is text. Values are put into the parsed documents, never into the YAML text, so no value can
// change the shape of what is created. In a command, a line whose keys are all empty is left out,
// and every value is one shell word.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace flinktop::actions {

struct TemplateKey {
  enum class Type { Text, Int, Number, Bool, List };
  std::string name;
  Type type = Type::Text;
  std::string default_value;
  std::string help;
};

struct Template {
  std::string name;         // the file name without .yaml / .sh
  std::string path;         // where it was read from
  std::string description;  // one line
  bool command = false;     // NAME.sh: a command to show
  std::vector<TemplateKey> keys;
  std::string body;  // after the header

  const TemplateKey* key(std::string_view name) const;
};

// Reads one template's text. Throws Error(Config) "PATH line N: …" for a header it cannot read
// (an unknown type, a key declared twice, no description) and for a ${KEY} the header does not
// declare.
Template parse_template(const std::string& name, const std::string& path, std::string_view text);

// Every template in `dirs` (the first directory that has a name wins), sorted by name. A missing
// directory is skipped; an unreadable template throws as parse_template does.
std::vector<Template> load_templates(const std::vector<std::string>& dirs);

// The directories to read, first wins: $XDG_CONFIG_HOME/flinktop/templates (or
// ~/.config/flinktop/templates), then `installed`, then `source` (a build tree's own).
std::vector<std::string> template_dirs(const std::string& installed, const std::string& source);
// The same with this build's installed and source directories.
std::vector<std::string> template_dirs();

struct Rendered {
  std::vector<nlohmann::json> objects;  // NAME.yaml
  std::vector<std::string> command;     // NAME.sh: one line each (its words shell-quoted)
};

// The template with `values` (KEY → text) over its defaults. Throws Error(Usage) for a key the
// template does not take (naming the ones it does) and for a value that is not of the key's type.
Rendered render(const Template& t, const std::map<std::string, std::string>& values);

// A command template's lines as one shell command: continued with backslashes.
std::string command_text(const std::vector<std::string>& lines);

// "a b" → 'a b'; a word of only safe characters as it is.
std::string shell_word(std::string_view word);

}  // namespace flinktop::actions
