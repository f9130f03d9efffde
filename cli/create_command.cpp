#include "cli/create_command.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/kube_targets.hpp"
#include "core/actions/create_objects.hpp"
#include "core/actions/journal.hpp"
#include "core/actions/templates.hpp"
#include "core/error.hpp"
#include "core/kube/api_client.hpp"
#include "core/kube/yaml_json.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::cli {

namespace {

using nlohmann::json;

std::map<std::string, std::string> parse_sets(const std::vector<std::string>& sets) {
  std::map<std::string, std::string> values;
  for (const std::string& set : sets) {
    const std::size_t equals = set.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw Error(ErrorKind::Usage, fmt::format("--set {}: say KEY=VALUE", text::one_line(set, 80)));
    }
    values[set.substr(0, equals)] = set.substr(equals + 1);
  }
  return values;
}

// The documents of a manifest file ("-": stdin).
std::vector<json> read_manifest(const std::string& file) {
  std::string text;
  if (file == "-") {
    std::stringstream in;
    in << std::cin.rdbuf();
    text = in.str();
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(ErrorKind::Usage, fmt::format("cannot read {}", file));
    std::stringstream content;
    content << in.rdbuf();
    text = content.str();
  }
  return actions::read_manifest(text, file == "-" ? "stdin" : file);
}

void print_objects(const std::vector<json>& objects, const std::string& output, std::ostream& out) {
  if (output == "json") {
    out << (objects.size() == 1 ? objects.front() : json{{"apiVersion", "v1"}, {"kind", "List"}, {"items", objects}}).dump(2)
        << '\n';
    return;
  }
  out << actions::manifest_yaml(objects);
}

const actions::Template& find_template(const std::vector<actions::Template>& templates, const std::string& name) {
  for (const actions::Template& t : templates) {
    if (t.name == name) return t;
  }
  std::string names;
  for (const actions::Template& t : templates) names += (names.empty() ? "" : ", ") + t.name;
  throw Error(ErrorKind::NotFound, fmt::format("no template \"{}\"; there are: {} (flinktop templates shows their keys)",
                                               text::one_line(name, 80), names.empty() ? "none" : names));
}

}  // namespace

CLI::App* add_create_command(CLI::App& app, CreateOptions& options) {
  CLI::App* command = app.add_subcommand(
      "create", "Create a cluster or job from a template (flinktop templates lists them) or from a manifest (-f)");
  command->fallthrough();  // -n, --context, --readonly … after the subcommand too
  command->add_option("template", options.template_name, "A template's name");
  command->add_option("-f,--filename", options.file, "A manifest of one or more objects (- for stdin)");
  command->add_option("--set", options.sets, "KEY=VALUE for the template (repeat)");
  command->add_option("--dry-run", options.dry_run,
                      "client: print what would be created; server: the API server checks it, nothing is stored")
      ->check(CLI::IsMember({"client", "server"}));
  command->add_option("-o,--output", options.output, "Print the objects as yaml or json")
      ->check(CLI::IsMember({"yaml", "json"}));
  return command;
}

CLI::App* add_templates_command(CLI::App& app, TemplatesOptions& options) {
  CLI::App* command = app.add_subcommand("templates", "List the templates flinktop create takes, with their keys");
  command->fallthrough();
  command->add_option("name", options.name, "Only this template");
  return command;
}

int run_templates(const TemplatesOptions& options, std::ostream& out) {
  const auto templates = actions::load_templates(actions::template_dirs());
  bool first = true;
  for (const actions::Template& t : templates) {
    if (!options.name.empty() && t.name != options.name) continue;
    if (!first) out << '\n';
    first = false;
    out << t.name << (t.command ? " (a command for Flink's client)" : "") << "\n  " << t.description << '\n';
    std::size_t width = 0;
    for (const actions::TemplateKey& key : t.keys) width = std::max(width, key.name.size() + key.default_value.size() + 1);
    for (const actions::TemplateKey& key : t.keys) {
      out << fmt::format("  {:<{}}  {}\n", key.name + "=" + key.default_value, width, key.help);
    }
  }
  if (first) {
    if (!options.name.empty()) find_template(templates, options.name);  // throws, naming the others
    throw Error(ErrorKind::NotFound, "no templates found (looked in: " + fmt::format("{}", fmt::join(actions::template_dirs(), ", ")) + ")");
  }
  return 0;
}

int run_create(const GlobalOptions& global, const CreateOptions& options, std::ostream& out, std::ostream& err) {
  if (options.template_name.empty() == options.file.empty()) {
    throw Error(ErrorKind::Usage, "create takes a template's name or -f FILE (one of them)");
  }
  if (!options.file.empty() && !options.sets.empty()) throw Error(ErrorKind::Usage, "--set goes with a template, not with -f");
  if (!global.flink.url.empty()) throw Error(ErrorKind::Usage, "create needs Kubernetes: drop --flink-url");
  const bool client_dry_run = options.dry_run == "client";
  const bool server_dry_run = options.dry_run == "server";
  if (global.readonly && options.dry_run.empty()) {
    throw Error(ErrorKind::Usage, "read-only: flinktop was started with --readonly, create is refused");
  }

  std::vector<json> objects;
  auto values = parse_sets(options.sets);
  std::vector<KubeTarget> targets;  // the kubeconfig, read once (for the namespace or the create)
  if (!options.template_name.empty()) {
    const auto templates = actions::load_templates(actions::template_dirs());
    const actions::Template& t = find_template(templates, options.template_name);
    // The namespace key, when not set: -n, else the context's namespace.
    // Without a kubeconfig to ask, a client-side dry run or a command keeps the template's default.
    if (t.key("namespace") && !values.contains("namespace")) {
      if (!global.namespace_.empty()) {
        values["namespace"] = global.namespace_;
      } else {
        try {
          targets = resolve_targets(global);
          if (!targets.empty()) values["namespace"] = targets.front().config.default_namespace;
        } catch (const Error&) {
          if (!client_dry_run && !t.command) throw;
        }
      }
    }
    const actions::Rendered rendered = actions::render(t, values);
    if (t.command) {
      out << actions::command_text(rendered.command);
      err << "flinktop: a native cluster is created by Flink's own client: run this where Flink is installed, "
             "with access to the cluster (flinktop does not run it)\n";
      return 0;
    }
    objects = rendered.objects;
  } else {
    objects = read_manifest(options.file);
  }

  // Each object one flinktop creates (a kind it knows, a name), before any server is asked.
  for (const json& object : objects) {
    if (!object.is_null()) actions::read_new_object("", object);
  }
  if (client_dry_run) {
    print_objects(actions::in_creation_order(objects), options.output.empty() ? "yaml" : options.output, out);
    return 0;
  }
  if (targets.empty()) targets = resolve_targets(global);  // not read yet for the namespace
  if (targets.size() != 1) throw Error(ErrorKind::Usage, "create works in one context: pick it with --context");
  const KubeTarget& target = targets.front();
  kube::ApiClient client(target.config);
  const std::string ns = global.namespace_.empty() ? target.config.default_namespace : global.namespace_;
  actions::Journal journal;
  const actions::CreateOutcome outcome = actions::create_objects(client, objects, ns, server_dry_run, &journal);
  for (const std::string& warning : outcome.warnings) err << "flinktop: the journal was not written: " << warning << '\n';
  if (!outcome.ok()) {
    const auto lines = actions::describe_failure(outcome);
    for (std::size_t i = 1; i < lines.size(); ++i) err << "flinktop: " << lines[i] << '\n';
    throw Error(outcome.error_kind, lines.front());
  }
  if (!options.output.empty()) {
    print_objects(outcome.created, options.output, out);
  } else {
    for (const json& object : outcome.created) {
      out << actions::kubectl_name(object) << (server_dry_run ? " created (server dry run)\n" : " created\n");
    }
  }
  return 0;
}

}  // namespace flinktop::cli
