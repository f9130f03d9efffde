#include "core/actions/object_edit.hpp"

#include <fmt/format.h>

#include <chrono>
#include <sstream>

#include "core/error.hpp"
#include "core/kube/objects/json_fields.hpp"
#include "core/kube/yaml_json.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::actions {

using nlohmann::json;
namespace jf = kube::json_fields;

namespace {

constexpr std::size_t kValueWidth = 60;  // a changed value is cut to this in a summary line

std::string comment_block(std::string_view text) {
  std::string out;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) out += "#   " + line + "\n";
  return out;
}

std::string header(const std::string& what, const std::string& error) {
  std::string out = "# " + what + "\n";
  out +=
      "# Save and quit: flinktop shows what changes and asks before it sends anything.\n"
      "# Quit without saving, or empty the file: nothing changes. Lines starting with '#' are ignored.\n";
  if (!error.empty()) out += "#\n# The last attempt was refused:\n" + comment_block(error);
  return out + "#\n";
}

std::string show_value(const json& value) { return text::one_line(value.dump(), kValueWidth); }

void diff(const json& before, const json& after, const std::string& path, std::vector<std::string>& out) {
  if (before == after) return;
  if (before.is_object() && after.is_object()) {
    for (const auto& [key, value] : before.items()) {
      const std::string at = path.empty() ? key : path + "." + key;
      if (!after.contains(key)) {
        out.push_back("- " + at);
      } else {
        diff(value, after.at(key), at, out);
      }
    }
    for (const auto& [key, value] : after.items()) {
      if (!before.contains(key)) out.push_back(fmt::format("+ {}: {}", path.empty() ? key : path + "." + key, show_value(value)));
    }
    return;
  }
  out.push_back(fmt::format("{}: {} → {}", path.empty() ? "(the object)" : path, show_value(before), show_value(after)));
}

json read_object(std::string_view text) {
  json object = kube::yaml_to_json(text);
  if (!object.is_null() && !object.is_object()) {
    throw Error(ErrorKind::Decode, "the file must hold one object (apiVersion, kind, metadata, spec), not a list or a value");
  }
  return object;
}

}  // namespace

const kube::ResourceType* resource_for_kind(const std::string& kind) {
  for (const kube::ResourceType* type :
       {&kube::resources::kFlinkDeployments, &kube::resources::kFlinkSessionJobs, &kube::resources::kFlinkStateSnapshots,
        &kube::resources::kPods, &kube::resources::kDeployments, &kube::resources::kConfigMaps,
        &kube::resources::kServices, &kube::resources::kBatchJobs}) {
    if (type->kind == kind) return type;
  }
  return nullptr;
}

std::string describe(const ObjectKey& key) {
  return fmt::format("{} {}/{} (context {})", key.kind, key.namespace_, key.name, key.context);
}

std::string editor_text(const std::string& title, std::string_view yaml, const std::string& error) {
  while (!yaml.empty() && yaml.front() == '#') {  // the header of the last attempt
    const std::size_t end = yaml.find('\n');
    yaml.remove_prefix(end == std::string_view::npos ? yaml.size() : end + 1);
  }
  std::string text = header(title, error) + std::string(yaml);
  if (text.back() != '\n') text += '\n';  // so that a line added at the end starts a line
  return text;
}

std::string edit_title(const ObjectKey& key) { return "Editing " + describe(key) + "."; }

std::string create_title(const std::string& context, const std::string& ns) {
  return fmt::format("A new object for context {} (in namespace {} unless metadata.namespace says otherwise).", context,
                     ns);
}

std::string flink_deployment_template(const std::string& ns) {
  return fmt::format(R"(apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata:
  name: new-application
  namespace: {}
spec:
  image: flink:2.2
  flinkVersion: v2_2
  flinkConfiguration:
    taskmanager.numberOfTaskSlots: "2"
  serviceAccount: flink
  jobManager:
    resource:
      memory: 2048m
      cpu: 1
  taskManager:
    resource:
      memory: 2048m
      cpu: 1
  # Without a job: a session cluster (submit jobs to it with n in its jobs view).
  job:
    jarURI: local:///opt/flink/examples/streaming/StateMachineExample.jar
    parallelism: 2
    upgradeMode: stateless
    state: running
)",
                     ns);
}

std::string session_job_template(const std::string& ns, const std::string& deployment) {
  return fmt::format(R"(apiVersion: flink.apache.org/v1beta1
kind: FlinkSessionJob
metadata:
  name: {}-new-job
  namespace: {}
spec:
  deploymentName: {}
  job:
    jarURI: https://repo1.maven.org/maven2/org/apache/flink/flink-examples-streaming/2.2.0/flink-examples-streaming-2.2.0-TopSpeedWindowing.jar
    parallelism: 2
    upgradeMode: stateless
    state: running
)",
                     deployment, ns, deployment);
}

std::vector<std::string> change_summary(const json& before, const json& after, std::size_t limit) {
  std::vector<std::string> lines;
  diff(before, after, "", lines);
  if (lines.size() > limit && limit > 0) {
    const std::size_t more = lines.size() - (limit - 1);
    lines.resize(limit - 1);
    lines.push_back(fmt::format("… and {} more", more));
  }
  return lines;
}

ObjectKey key_of(const std::string& context, const json& object) {
  const json& metadata = jf::object(object, "metadata");
  return ObjectKey{context, jf::string(object, "kind"), jf::string(metadata, "namespace"), jf::string(metadata, "name")};
}

EditOutcome read_edit(const ObjectKey& key, const json& original, std::string_view opened, std::string_view edited) {
  EditOutcome out;
  if (edited == opened) {
    out.unchanged = true;
    return out;
  }
  json object = read_object(edited);
  const json before = kube::without_managed_fields(original);
  if (object.is_null() || object == before) {
    out.unchanged = true;
    return out;
  }
  const ObjectKey now = key_of(key.context, object);
  const std::string namespace_ = now.namespace_.empty() ? key.namespace_ : now.namespace_;
  if (now.kind != key.kind || now.name != key.name || namespace_ != key.namespace_ ||
      jf::string(object, "apiVersion") != jf::string(before, "apiVersion")) {
    throw Error(ErrorKind::Usage,
                fmt::format("apiVersion, kind, metadata.name and metadata.namespace cannot change in an edit "
                            "(still {}/{} {}/{}): for a new object use n",
                            jf::string(before, "apiVersion"), key.kind, key.namespace_, key.name));
  }
  json& metadata = object["metadata"];
  metadata["namespace"] = key.namespace_;
  const std::string version = jf::string(jf::object(before, "metadata"), "resourceVersion");
  if (jf::string(metadata, "resourceVersion").empty() && !version.empty()) metadata["resourceVersion"] = version;
  out.changes = change_summary(before, object);
  out.object = std::move(object);
  if (out.changes.empty()) out.unchanged = true;
  return out;
}

EditOutcome read_new_object(const std::string& ns, json object) {
  EditOutcome out;
  if (!object.is_object()) {
    throw Error(ErrorKind::Decode, "an object must be a map (apiVersion, kind, metadata, spec), not a list or a value");
  }
  const ObjectKey key = key_of("", object);
  if (resource_for_kind(key.kind) == nullptr || jf::string(object, "apiVersion").empty()) {
    throw Error(ErrorKind::Usage,
                fmt::format("flinktop creates FlinkDeployment, FlinkSessionJob, FlinkStateSnapshot, Deployment, Pod, "
                            "Job, ConfigMap and Service objects with their apiVersion; this one is {}",
                            key.kind.empty() ? "without a kind" : "a " + key.kind));
  }
  if (key.name.empty() && jf::string(jf::object(object, "metadata"), "generateName").empty()) {
    throw Error(ErrorKind::Usage, "metadata.name is missing: every object needs a name");
  }
  if (key.namespace_.empty()) object["metadata"]["namespace"] = ns;
  out.changes = {fmt::format("+ {} {}/{}", key.kind, jf::string(object["metadata"], "namespace"),
                             key.name.empty() ? jf::string(object["metadata"], "generateName") + "…" : key.name)};
  out.object = std::move(object);
  return out;
}

json fetch_object(kube::ApiClient& client, const ObjectKey& key) {
  const kube::ResourceType* type = resource_for_kind(key.kind);
  if (!type) throw Error(ErrorKind::Unsupported, "flinktop does not edit " + key.kind + " objects");
  return client.get(*type, key.namespace_, key.name);
}

json apply_edit(kube::ApiClient& client, const ObjectKey& key, const json& object, bool dry_run) {
  const kube::ResourceType* type = resource_for_kind(key.kind);
  if (!type) throw Error(ErrorKind::Unsupported, "flinktop does not edit " + key.kind + " objects");
  return client.replace(*type, key.namespace_, key.name, object, dry_run);
}

json create_object(kube::ApiClient& client, const json& object, bool dry_run) {
  const ObjectKey key = key_of(client.context(), object);
  const kube::ResourceType* type = resource_for_kind(key.kind);
  if (!type) throw Error(ErrorKind::Unsupported, "flinktop does not create " + key.kind + " objects");
  return client.create(*type, key.namespace_, object, dry_run);
}

void delete_object(kube::ApiClient& client, const ObjectKey& key, bool dry_run) {
  const kube::ResourceType* type = resource_for_kind(key.kind);
  if (!type) throw Error(ErrorKind::Unsupported, "flinktop does not delete " + key.kind + " objects");
  client.remove(*type, key.namespace_, key.name, dry_run);
}

std::string journal_change(Journal* journal, const ObjectKey& key, const std::string& action, bool succeeded,
                           const std::string& message) {
  if (journal == nullptr) return "";
  JournalEntry entry;
  entry.time = std::chrono::system_clock::now();
  entry.context = key.context;
  entry.namespace_ = key.namespace_;
  entry.cluster = key.name;
  entry.action = action;
  entry.result = succeeded ? "succeeded" : "failed";
  entry.message = key.kind + " " + key.name + (message.empty() ? "" : ": " + message);
  try {
    journal->append(std::move(entry));
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace flinktop::actions
