// One-shot load of everything flinktop shows for one context (the CLI's `get`): each watched kind
// listed once. A kind that is forbidden, or an operator kind whose API group is not served, is
// recorded in the snapshot's status and the rest goes on; only when the API server cannot be used
// at all (unreachable, TLS, 401) does the load throw.
#pragma once

#include <string>

#include "core/kube/api_client.hpp"
#include "core/model/store.hpp"

namespace flinktop::sync {

model::ContextSnapshot load_context(kube::ApiClient& client, const std::string& namespace_,
                                    http::CancelToken* cancel = nullptr);

}  // namespace flinktop::sync
