// Builders for the Kubernetes objects tests feed to fake servers: the shapes the real tools
// create (labels from ../shared/reference/README.md), with only the fields that matter.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace flinktop::test {

using Labels = std::map<std::string, std::string>;

nlohmann::json make_pod(const std::string& ns, const std::string& name, const Labels& labels, bool ready = true,
                        int restarts = 0);
nlohmann::json make_service(const std::string& ns, const std::string& name, const Labels& selector, int port,
                            const std::string& port_name);
nlohmann::json make_deployment(const std::string& ns, const std::string& name, const Labels& template_labels,
                               int replicas);
// An operator FlinkDeployment; `job_jar` empty = a session cluster. Status as the operator writes it.
nlohmann::json make_flink_deployment(const std::string& ns, const std::string& name, const std::string& job_jar,
                                     const std::string& lifecycle_state = "STABLE");
nlohmann::json make_session_job(const std::string& ns, const std::string& name, const std::string& deployment);

// Labels of a native Kubernetes cluster's pods (also used for operator-managed ones).
Labels native_labels(const std::string& cluster_id, const std::string& component);
// Labels of a plain-YAML standalone cluster (the seed: app=flink, component=...).
Labels standalone_labels(const std::string& app, const std::string& component);

}  // namespace flinktop::test
