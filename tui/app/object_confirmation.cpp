#include "tui/app/object_confirmation.hpp"

#include <fmt/format.h>

namespace flinktop::tui {

namespace {

std::string verb_name(ObjectRequest::Verb verb) {
  switch (verb) {
    case ObjectRequest::Verb::Edit: return "edit";
    case ObjectRequest::Verb::Create: return "create";
    case ObjectRequest::Verb::Delete: return "delete";
  }
  return "";
}

}  // namespace

std::string action_label(const ObjectRequest& request) {
  const actions::ObjectKey& key = request.key;
  if (key.name.empty()) return fmt::format("{} {} in {}", verb_name(request.verb), key.kind, key.namespace_);  // n: unnamed yet
  return fmt::format("{} {} {}/{}", verb_name(request.verb), key.kind, key.namespace_, key.name);
}

DialogContent confirm_delete(const actions::ObjectKey& key) {
  DialogContent content;
  content.title = "Delete " + key.kind;
  content.target = actions::describe(key);
  content.yes = "delete";
  content.body = actions::deletion_consequences(key);
  return content;
}

DialogContent confirm_edit(const actions::ObjectKey& key, bool create, const std::vector<std::string>& changes) {
  DialogContent content;
  content.title = create ? "Create " + key.kind : "Apply the edit of " + key.kind;
  content.target = actions::describe(key);
  content.yes = create ? "create" : "apply";
  content.body.push_back(create ? "The API server accepted it in a dry run. Create it?"
                                : "The API server accepted these changes in a dry run. Apply them?");
  content.body.insert(content.body.end(), changes.begin(), changes.end());
  return content;
}

DialogContent confirm_create_all(const std::string& context, const std::vector<std::string>& objects) {
  DialogContent content;
  content.title = fmt::format("Create {} objects", objects.size());
  content.target = "context " + context;
  content.yes = "create";
  content.body.push_back("The API server accepted them all in a dry run. Create them, in this order?");
  content.body.insert(content.body.end(), objects.begin(), objects.end());
  return content;
}

DialogContent confirm_undo_create(const actions::CreateOutcome& outcome) {
  DialogContent content;
  content.title = "Create failed part way";
  content.target = outcome.created_keys.empty() ? "" : "context " + outcome.created_keys.front().context;
  content.yes = "delete";
  content.body = actions::describe_failure(outcome);
  content.body.push_back("Delete what was created, so that nothing half-made stays behind?");
  return content;
}

ObjectRequest create_request(const std::string& context, const std::string& namespace_, const model::Cluster* session,
                             std::string& refusal) {
  ObjectRequest request;
  request.verb = ObjectRequest::Verb::Create;
  request.key.context = context;
  request.key.namespace_ = namespace_.empty() ? "default" : namespace_;
  if (!session) {
    request.key.kind = "FlinkDeployment";
    request.template_yaml = actions::flink_deployment_template(request.key.namespace_);
    return request;
  }
  if (session->kind == model::ClusterKind::OperatorApplication) {
    refusal = fmt::format("{}/{} is an application cluster that runs one job: change it with e, or press n in the "
                          "clusters view for a new cluster",
                          session->namespace_, session->name);
    return {};
  }
  if (session->kind != model::ClusterKind::OperatorSession) {
    refusal = fmt::format("{}/{} takes new jobs as jars: flinktop submit JAR --cluster {}/{}", session->namespace_,
                          session->name, session->namespace_, session->name);
    return {};
  }
  request.key.kind = "FlinkSessionJob";
  request.key.namespace_ = session->namespace_;
  request.template_yaml = actions::session_job_template(session->namespace_, session->name);
  return request;
}

}  // namespace flinktop::tui
