// Editing, creating and deleting Kubernetes objects from the terminal UI, as `kubectl edit`,
// `kubectl create --edit` and `kubectl delete` would — the parts that need no terminal: the text
// the editor opens, reading back what the user saved, what changed (said in words before anything
// is sent), the templates for new objects, and the calls to the API server.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actions/journal.hpp"
#include "core/kube/api_client.hpp"

namespace flinktop::actions {

// One object in one context. `kind` is what the API server calls it: FlinkDeployment,
// FlinkSessionJob, Pod, Deployment, ConfigMap, Service, Job.
struct ObjectKey {
  std::string context;
  std::string kind;
  std::string namespace_;
  std::string name;
};

// The resource type of a kind flinktop edits or deletes; null for any other kind.
const kube::ResourceType* resource_for_kind(const std::string& kind);
// "FlinkDeployment flink-apps/orders (context prod)"
std::string describe(const ObjectKey& key);

// What the editor opens: comment lines with `title`, how to confirm or cancel, and `error` (why
// the last attempt was refused, as kubectl edit shows it), then `yaml` — whose own leading
// comment lines are dropped, so that reopening an attempt does not stack headers.
std::string editor_text(const std::string& title, std::string_view yaml, const std::string& error = "");
std::string edit_title(const ObjectKey& key);                                // "Editing FlinkDeployment …"
std::string create_title(const std::string& context, const std::string& ns);  // "A new object for context …"

// A FlinkDeployment running an example jar (application mode), or a FlinkSessionJob for the
// session cluster `deployment`: valid for the Flink operator's CRDs as they are, in `ns`.
std::string flink_deployment_template(const std::string& ns);
std::string session_job_template(const std::string& ns, const std::string& deployment);

// One changed value: "spec.job.parallelism: 2 → 3", "+ spec.job.args", "- metadata.labels.team".
// At most `limit` lines, then "… and N more".
std::vector<std::string> change_summary(const nlohmann::json& before, const nlohmann::json& after,
                                        std::size_t limit = 8);

struct EditOutcome {
  bool unchanged = false;  // saved as it was opened (or emptied): nothing to send
  nlohmann::json object;   // what to send (a create: the first object)
  std::vector<nlohmann::json> objects;  // a create: every object of the text, in its order
  std::vector<std::string> changes;
};

// Reads the edited text of `key` (opened as `opened`, whose object was `original`). `unchanged`
// when saved as opened, emptied, or changed in comments and layout only. Throws Error(Decode)
// when it is not YAML or not an object, Error(Usage) when it renames, moves or re-kinds the
// object (that is a new object: n). A removed metadata.resourceVersion is put back, so that an
// edit never overwrites a change made meanwhile.
EditOutcome read_edit(const ObjectKey& key, const nlohmann::json& original, std::string_view opened,
                      std::string_view edited);
// The checks of a new object already read (a manifest's document, a rendered template): the
// namespace is `ns` unless it names one; Error(Usage) for a kind flinktop does not create or a
// missing name. read_create (create_objects.hpp) reads a whole text with it.
EditOutcome read_new_object(const std::string& ns, nlohmann::json object);

// The object the text describes once read: its kind, namespace and name.
ObjectKey key_of(const std::string& context, const nlohmann::json& object);

// The API calls. `dry_run`: validated and admitted by the server, not stored. Each throws
// flinktop::Error in the API server's words (422 invalid, 409 changed meanwhile, 403, ...).
nlohmann::json fetch_object(kube::ApiClient& client, const ObjectKey& key);
nlohmann::json apply_edit(kube::ApiClient& client, const ObjectKey& key, const nlohmann::json& object, bool dry_run);
nlohmann::json create_object(kube::ApiClient& client, const nlohmann::json& object, bool dry_run);
void delete_object(kube::ApiClient& client, const ObjectKey& key, bool dry_run);

// One journal line for a change sent for `key`: `action` is edit, create or delete, `message`
// what changed or why it failed. A null journal writes nothing. Returns "" or, when the line
// could not be written, why — for the caller to add to what it tells the user.
std::string journal_change(Journal* journal, const ObjectKey& key, const std::string& action, bool succeeded,
                           const std::string& message);

}  // namespace flinktop::actions
