// What `n` (new), `e` (edit) and ctrl-d (delete) ask the App to do, and the words of the dialogs
// they open: which exact object (context, namespace, kind, name) and what deleting or changing it
// does to the Flink cluster or job. Pure functions, testable without a screen.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/actions/create_objects.hpp"
#include "core/actions/deletion.hpp"
#include "core/actions/object_edit.hpp"
#include "core/model/cluster.hpp"
#include "tui/widgets/dialog.hpp"

namespace flinktop::tui {

struct ObjectRequest {
  enum class Verb : std::uint8_t { Edit, Create, Delete };
  Verb verb = Verb::Edit;
  actions::ObjectKey key;     // Edit, Delete: the object. Create: its context and namespace.
  std::string template_yaml;  // Create: what the editor starts from
};

// "delete Pod flink/tm-1", "create FlinkDeployment in flink": how the status line names the
// change while it is sent.
std::string action_label(const ObjectRequest& request);

// ctrl-d on `key`. Defaults to No, like every confirmation.
DialogContent confirm_delete(const actions::ObjectKey& key);

// After the editor: the change the server accepted in a dry run, to send for real on Yes.
DialogContent confirm_edit(const actions::ObjectKey& key, bool create, const std::vector<std::string>& changes);
// The same for a text of several objects (a template): each "+ Kind ns/name" in creation order.
DialogContent confirm_create_all(const std::string& context, const std::vector<std::string>& objects);
// A create refused part way: what exists now, and whether to delete it again (default No).
DialogContent confirm_undo_create(const actions::CreateOutcome& outcome);

// What `n` creates from the view: a FlinkDeployment in the clusters view, a FlinkSessionJob for
// an operator session cluster in its jobs view. `namespace_` is where it goes unless the user
// changes it.
ObjectRequest create_request(const std::string& context, const std::string& namespace_, const model::Cluster* session,
                             std::string& refusal);

}  // namespace flinktop::tui
