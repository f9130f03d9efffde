#include "tui/app/object_confirmation.hpp"

#include <fmt/format.h>

namespace flinktop::tui {

namespace {

constexpr const char* kSavepointFirst =
    "The job stops without a savepoint unless the operator is set to take one on deletion "
    "(kubernetes.operator.job.savepoint-on-deletion): take one first (s) if its state matters.";

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
  if (key.kind == "FlinkDeployment") {
    content.body = {"The Flink operator removes the whole cluster: JobManager, TaskManagers and their services.",
                    kSavepointFirst};
  } else if (key.kind == "FlinkSessionJob") {
    content.body = {"The Flink operator cancels this job on its session cluster; the cluster keeps running.",
                    kSavepointFirst};
  } else if (key.kind == "Deployment") {
    content.body = {"This is the JobManager Deployment of a native cluster: Kubernetes then deletes the TaskManager "
                    "pods, ConfigMaps and Services it owns — the whole cluster. Its jobs stop without a savepoint."};
  } else if (key.kind == "Pod") {
    content.body = {"Its Deployment (or the operator) starts a new pod. A TaskManager's tasks fail over to the last "
                    "checkpoint; a JobManager without high availability loses the jobs it runs."};
  } else {
    content.body = {"Delete this object?"};
  }
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

actions::ObjectKey delete_target(const model::Cluster& c, const std::string& selected_job_id, std::string& refusal) {
  for (const model::SessionJobSummary& job : c.session_jobs) {
    if (!selected_job_id.empty() && job.job_id == selected_job_id) {
      return {c.context, "FlinkSessionJob", c.namespace_, job.name};
    }
  }
  const bool application_job = c.operator_status && c.kind == model::ClusterKind::OperatorApplication &&
                               c.operator_status->job_id == selected_job_id;
  if (!selected_job_id.empty() && !application_job) {
    refusal = "this job is not a Kubernetes object: c cancels it (ctrl-d in the clusters view deletes the cluster)";
    return {};
  }
  if (c.operator_managed()) return {c.context, "FlinkDeployment", c.namespace_, c.name};
  if (c.kind == model::ClusterKind::Native) return {c.context, "Deployment", c.namespace_, c.name};
  refusal = fmt::format(
      "{}/{} is a standalone cluster: the objects its YAML created are not flinktop's to guess — delete them with "
      "kubectl delete -f, or delete one pod from its pods view (p, then ctrl-d)",
      c.namespace_, c.name);
  return {};
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
