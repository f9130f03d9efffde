// Reads a page of a PodMetricsList (metrics.k8s.io) straight into usage figures, without building
// its JSON tree: the pods view lists every pod's metrics every 15 s, and 5,000 pods' worth of tree
// cost more CPU than everything else flinktop did meanwhile.
#pragma once

#include <string_view>

#include "core/kube/api_client.hpp"
#include "core/model/store.hpp"

namespace flinktop::sync {

// Adds "namespace/name" → usage (its containers summed) for every item of `page` that has a
// metadata object and a containers array; other items are left out. Returns the page's
// metadata.continue and .resourceVersion. Throws nlohmann::json::parse_error on malformed JSON.
kube::ApiClient::ListPage read_pod_usage_page(std::string_view page, model::PodUsageMap& usage);

}  // namespace flinktop::sync
