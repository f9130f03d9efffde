#include "core/actions/create_objects.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "core/error.hpp"
#include "core/kube/objects/json_fields.hpp"
#include "core/kube/yaml_json.hpp"
#include "core/text/ascii_case.hpp"

namespace flinktop::actions {

namespace {

using nlohmann::json;
namespace jf = kube::json_fields;

// Lower ranks first: what others mount or name exists before them.
int creation_rank(const std::string& kind) {
  if (kind == "ConfigMap") return 0;
  if (kind == "Service") return 1;
  if (kind == "Deployment" || kind == "Job" || kind == "Pod") return 2;
  if (kind == "FlinkDeployment") return 3;
  return 4;  // FlinkSessionJob, FlinkStateSnapshot: they name a FlinkDeployment
}

std::string group_of(const json& object) {
  const std::string api_version = jf::string(object, "apiVersion");
  const std::size_t slash = api_version.find('/');
  return slash == std::string::npos ? "" : api_version.substr(0, slash);
}


}  // namespace

std::vector<json> in_creation_order(std::vector<json> objects) {
  std::stable_sort(objects.begin(), objects.end(), [](const json& a, const json& b) {
    return creation_rank(jf::string(a, "kind")) < creation_rank(jf::string(b, "kind"));
  });
  return objects;
}

std::string kubectl_name(const json& object) {
  const std::string group = group_of(object);
  return fmt::format("{}{}/{}", text::ascii_lower(jf::string(object, "kind")), group.empty() ? "" : "." + group,
                     jf::string(jf::object(object, "metadata"), "name"));
}

CreateOutcome create_objects(kube::ApiClient& client, std::vector<json> objects, const std::string& ns, bool dry_run,
                             Journal* journal) {
  std::vector<json> checked;
  for (json& object : objects) {
    if (object.is_null()) continue;  // an empty document
    checked.push_back(read_new_object(ns, std::move(object)).object);
  }
  if (checked.empty()) throw Error(ErrorKind::Usage, "nothing to create: no object in what was given");
  checked = in_creation_order(std::move(checked));

  CreateOutcome outcome;
  std::vector<json> would_be;
  for (std::size_t i = 0; i < checked.size(); ++i) {
    try {
      would_be.push_back(create_object(client, checked[i], /*dry_run=*/true));
    } catch (const Error& e) {
      outcome.checked_only = true;
      outcome.refused = key_of(client.context(), checked[i]);
      outcome.error = e.what();
      outcome.error_kind = e.kind();
      for (std::size_t j = 0; j < checked.size(); ++j) {
        if (j != i) outcome.not_attempted.push_back(key_of(client.context(), checked[j]));
      }
      return outcome;
    }
  }
  if (dry_run) {
    outcome.created = std::move(would_be);
    for (const json& object : checked) outcome.created_keys.push_back(key_of(client.context(), object));
    return outcome;
  }
  for (std::size_t i = 0; i < checked.size(); ++i) {
    const ObjectKey key = key_of(client.context(), checked[i]);
    try {
      outcome.created.push_back(create_object(client, checked[i], /*dry_run=*/false));
      outcome.created_keys.push_back(key);
      if (auto why = journal_change(journal, key, "create", true, ""); !why.empty()) outcome.warnings.push_back(why);
    } catch (const Error& e) {
      outcome.refused = key;
      outcome.error = e.what();
      outcome.error_kind = e.kind();
      if (auto why = journal_change(journal, key, "create", false, e.what()); !why.empty()) outcome.warnings.push_back(why);
      for (std::size_t j = i + 1; j < checked.size(); ++j) outcome.not_attempted.push_back(key_of(client.context(), checked[j]));
      return outcome;
    }
  }
  return outcome;
}

std::vector<std::string> describe_failure(const CreateOutcome& outcome) {
  std::vector<std::string> lines;
  if (!outcome.refused) return lines;
  const ObjectKey& refused = *outcome.refused;
  lines.push_back(fmt::format("{} {}/{} was refused{}: {}", refused.kind, refused.namespace_, refused.name,
                              outcome.checked_only ? " in the server's dry run, so nothing was created" : "",
                              outcome.error));
  if (!outcome.created_keys.empty()) {
    std::string created, delete_args;
    for (std::size_t i = 0; i < outcome.created_keys.size(); ++i) {
      const ObjectKey& key = outcome.created_keys[i];
      created += fmt::format("{}{} {}/{}", created.empty() ? "" : ", ", key.kind, key.namespace_, key.name);
      delete_args += " -n " + key.namespace_ + " " + kubectl_name(outcome.created[i]);
    }
    lines.push_back("created before it (they exist now): " + created);
    lines.push_back("to remove them: kubectl --context " + outcome.created_keys.front().context + " delete" + delete_args);
  }
  if (!outcome.not_attempted.empty() && !outcome.checked_only) {
    std::string rest;
    for (const ObjectKey& key : outcome.not_attempted) {
      rest += fmt::format("{}{} {}/{}", rest.empty() ? "" : ", ", key.kind, key.namespace_, key.name);
    }
    lines.push_back("not created: " + rest);
  }
  return lines;
}

std::vector<json> read_manifest(std::string_view text, const std::string& source) {
  std::vector<json> objects;
  std::string document;
  std::istringstream lines{std::string(text)};
  int line_number = 0, document_start = 1;
  auto flush = [&] {
    try {
      json object = kube::yaml_to_json(document);
      if (object.is_object() && object.value("kind", "") == "List" && object.contains("items")) {
        for (json& item : object["items"]) objects.push_back(std::move(item));
      } else if (!object.is_null()) {
        objects.push_back(std::move(object));
      }
    } catch (const Error& e) {
      throw Error(ErrorKind::Decode, fmt::format("{}: the document at line {}: {}", source, document_start, e.what()));
    }
    document.clear();
  };
  for (std::string line; std::getline(lines, line);) {
    ++line_number;
    if (line.rfind("---", 0) == 0 && line.find_first_not_of(" \t\r", 3) == std::string::npos) {
      flush();
      document_start = line_number + 1;
    } else {
      document += line + "\n";
    }
  }
  flush();
  return objects;
}

EditOutcome read_create(const std::string& ns, std::string_view opened, std::string_view edited, bool saved) {
  std::vector<json> objects = read_manifest(edited, "the editor's text");
  bool same = false;  // the objects it was opened with, comments and layout aside
  try {
    same = objects == read_manifest(opened, "the opened text");
  } catch (const Error&) {
    // A refused text reopened as it was may not be YAML: then anything saved is a change.
  }
  std::erase_if(objects, [](const json& object) { return object.is_null(); });  // empty documents
  EditOutcome out;
  if (objects.empty() || (same && !saved)) {
    out.unchanged = true;
    return out;
  }
  for (json& object : objects) {
    EditOutcome one = read_new_object(ns, std::move(object));
    out.changes.insert(out.changes.end(), one.changes.begin(), one.changes.end());
    out.objects.push_back(std::move(one.object));
  }
  out.object = out.objects.front();
  return out;
}

std::string manifest_yaml(const std::vector<json>& objects) {
  std::string text;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    std::string yaml = kube::object_yaml(objects[i]);
    if (!yaml.empty() && yaml.back() != '\n') yaml += '\n';
    text += (i > 0 ? "---\n" : "") + yaml;
  }
  return text;
}

}  // namespace flinktop::actions
