// Creating the objects of a template or a manifest (`flinktop create`): every one checked by the
// API server in a dry run first, so that a refusal (invalid, already exists, forbidden) creates
// nothing; then each created in the order a cluster needs them — ConfigMaps before the Deployments
// that mount them, Services, workloads, then Flink resources — and journaled. Should one still be
// refused on the way (changed meanwhile), the outcome says what exists and what does not.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actions/journal.hpp"
#include "core/actions/object_edit.hpp"
#include "core/error.hpp"
#include "core/kube/api_client.hpp"

namespace flinktop::actions {

// `objects` in creation order (stable: objects of one rank keep theirs).
std::vector<nlohmann::json> in_creation_order(std::vector<nlohmann::json> objects);

struct CreateOutcome {
  std::vector<nlohmann::json> created;  // what the server returned, in order (dry run: what it would store)
  std::vector<ObjectKey> created_keys;
  std::optional<ObjectKey> refused;  // the object the server refused
  std::string error;                 // its refusal, in the server's words
  ErrorKind error_kind = ErrorKind::Usage;
  std::vector<std::string> warnings;  // the journal could not be written: why
  std::vector<ObjectKey> not_attempted;
  bool checked_only = false;  // the server's dry run refused one: nothing was created

  bool ok() const { return !refused; }
};

// Reads each object as `n` does (namespace `ns` unless it names one; a kind flinktop creates; a
// name) — throws Error(Usage) for one it would not create, before anything is sent. Then the dry
// run of all, then (unless `dry_run`) the creation. Server refusals are in the outcome, not thrown.
CreateOutcome create_objects(kube::ApiClient& client, std::vector<nlohmann::json> objects, const std::string& ns,
                             bool dry_run, Journal* journal);

// The objects of a manifest: YAML documents split by "---" lines (a List's items each count).
// Throws Error(Decode) "SOURCE: the document at line N: …" for one that is not YAML.
std::vector<nlohmann::json> read_manifest(std::string_view text, const std::string& source);
// Reads back the text of new objects `n` opened in the editor (a template has several): each
// checked by read_new_object, every one in `objects`, their "+ Kind ns/name" lines in `changes`.
// `unchanged` when the text holds no object, or the objects it was opened with (comments aside)
// and was not `saved` — saving a template's defaults as they are is meant; only quitting cancels.
// Throws Error(Decode) for text that is not YAML, Error(Usage) as read_new_object does.
EditOutcome read_create(const std::string& ns, std::string_view opened, std::string_view edited, bool saved);

// The objects as one manifest: YAML documents joined by "---" lines.
std::string manifest_yaml(const std::vector<nlohmann::json>& objects);

// "kind/name" lowercased as kubectl prints it: "flinkdeployment.flink.apache.org/orders".
std::string kubectl_name(const nlohmann::json& object);

// What a failed create leaves, in lines: what was created (and how to delete it), what was refused
// and why, what was not attempted.
std::vector<std::string> describe_failure(const CreateOutcome& outcome);

}  // namespace flinktop::actions
