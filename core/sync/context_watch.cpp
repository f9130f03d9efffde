#include "core/sync/context_watch.hpp"

#include "core/error.hpp"
#include "core/sync/watched_kinds.hpp"

namespace flinktop::sync {

ContextWatch::ContextWatch(std::shared_ptr<kube::ApiClient> client, model::Store& store, std::string ns,
                           ReflectorOptions options)
    : client_(std::move(client)), store_(store), watched_namespace_(std::move(ns)), options_(std::move(options)) {
  options_.namespace_ = watched_namespace_;
  starter_ = std::thread([this] { start(); });
}

ContextWatch::~ContextWatch() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cancel_.cancel();
  if (starter_.joinable()) starter_.join();
  for (auto& reflector : reflectors_) reflector->stop();
}

void ContextWatch::start() {
  // Whether the operator's resources exist decides which reflectors to run. If discovery itself
  // fails (server down), run them all: each reports its own error and retries with backoff.
  bool operator_served = true;
  bool snapshots_served = true;
  try {
    operator_served = client_->serves(kube::resources::kFlinkDeployments, &cancel_);
    snapshots_served = operator_served && client_->serves(kube::resources::kFlinkStateSnapshots, &cancel_);
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::Cancelled) return;
  }

  std::lock_guard lock(mutex_);
  if (stopping_) return;
  for_each_watched_kind([&]<class T>(const WatchedKind<T>& kind) {
    const bool served = !kind.operator_resource ||
                        (operator_served && (&kind.type != &kube::resources::kFlinkStateSnapshots || snapshots_served));
    if (!served) {
      store_.update(client_->context(), [&](model::ContextSnapshot& snap) {
        snap.status[kind.type.qualified_name()].not_served = true;
      });
      return;
    }
    auto reflector = std::make_unique<KindReflector<T>>(client_, store_, kind.type, kind.member, options_);
    reflector->start();
    reflectors_.push_back(std::move(reflector));
  });
}

}  // namespace flinktop::sync
