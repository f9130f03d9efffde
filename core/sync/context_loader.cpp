#include "core/sync/context_loader.hpp"

#include <chrono>

#include "core/error.hpp"
#include "core/sync/watched_kinds.hpp"

namespace flinktop::sync {

model::ContextSnapshot load_context(kube::ApiClient& client, const std::string& namespace_,
                                    http::CancelToken* cancel) {
  model::ContextSnapshot snap;
  snap.context = client.context();
  // Discovery first: it also proves the server is reachable and accepts our credentials.
  const bool operator_served = client.serves(kube::resources::kFlinkDeployments, cancel);

  for_each_watched_kind([&]<class T>(const WatchedKind<T>& kind) {
    if (kind.interactive_only) return;
    auto& status = snap.status[kind.type.qualified_name()];
    if (kind.operator_resource && !operator_served) {
      status.not_served = true;
      return;
    }
    try {
      kube::ListOptions options;
      options.namespace_ = namespace_;
      kube::ListResult listed = client.list(kind.type, options, cancel);
      auto objects = std::make_shared<model::ObjectMap<T>>();
      for (const nlohmann::json& item : listed.items) {
        auto object = std::make_shared<const T>(T::from_json(item));
        objects->insert_or_assign(object->meta.uid, std::move(object));
      }
      snap.*kind.member = std::move(objects);
      status.synced = true;
      status.updated = std::chrono::system_clock::now();
    } catch (const Error& error) {
      switch (error.kind()) {
        case ErrorKind::Forbidden:
          status.forbidden = true;
          status.error = error.what();
          break;
        case ErrorKind::NotFound:
          status.not_served = true;
          status.error = error.what();
          break;
        case ErrorKind::Decode:
        case ErrorKind::Server:
          status.error = error.what();
          break;
        default:
          throw;  // the server as a whole is unusable: the caller reports it once
      }
    }
  });
  return snap;
}

}  // namespace flinktop::sync
