#include "core/sync/pod_usage_poller.hpp"

#include "core/error.hpp"
#include "core/kube/objects/json_fields.hpp"
#include "core/kube/quantity.hpp"

namespace flinktop::sync {

namespace {
constexpr auto kDiscoveryRetry = std::chrono::seconds(60);  // the server was unreachable at the first ask
}

model::PodUsageMap pod_usage_of(const std::vector<nlohmann::json>& items) {
  namespace jf = kube::json_fields;
  model::PodUsageMap out;
  for (const nlohmann::json& item : items) {
    const nlohmann::json* containers = jf::find(item, "containers");
    if (!jf::has_object(item, "metadata") || containers == nullptr || !containers->is_array()) continue;
    model::PodUsage usage;
    for (const nlohmann::json& container : *containers) {
      const nlohmann::json& used = jf::object(container, "usage");
      usage.cpu_cores += kube::parse_quantity(jf::string(used, "cpu")).value_or(0);
      usage.memory_bytes += kube::parse_quantity(jf::string(used, "memory")).value_or(0);
    }
    const nlohmann::json& metadata = jf::object(item, "metadata");
    out[jf::string(metadata, "namespace") + "/" + jf::string(metadata, "name")] = usage;
  }
  return out;
}

PodUsagePoller::PodUsagePoller(std::shared_ptr<kube::ApiClient> client, model::Store& store, std::string namespace_,
                               std::chrono::milliseconds interval)
    : client_(std::move(client)), store_(store), namespace_(std::move(namespace_)), interval_(interval) {
  thread_ = std::thread([this] { run(); });
}

PodUsagePoller::~PodUsagePoller() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  cancel_.cancel();
  if (thread_.joinable()) thread_.join();
  // Nobody refreshes it any more: a pods view opened later must not show it as current.
  store_.update(client_->context(), [](model::ContextSnapshot& snap) {
    snap.pod_usage.reset();
    snap.status.erase(kube::resources::kPodMetrics.qualified_name());
  });
}

bool PodUsagePoller::wait(std::chrono::milliseconds how_long) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, how_long, [&] { return stopping_; });
  return !stopping_;
}

void PodUsagePoller::run() {
  const std::string kind = kube::resources::kPodMetrics.qualified_name();
  try {
    // Asked once: most clusters answer quickly that the group is not there.
    while (true) {
      try {
        if (!client_->serves(kube::resources::kPodMetrics, &cancel_)) {
          store_.update(client_->context(), [&](model::ContextSnapshot& snap) { snap.status[kind].not_served = true; });
          return;
        }
        break;
      } catch (const Error& error) {
        if (error.kind() == ErrorKind::Cancelled) return;
        if (!wait(kDiscoveryRetry)) return;
      }
    }
    while (true) {
      kube::ListOptions options;
      options.namespace_ = namespace_;
      try {
        auto usage = std::make_shared<const model::PodUsageMap>(
            pod_usage_of(client_->list(kube::resources::kPodMetrics, options, &cancel_).items));
        store_.update(client_->context(), [&](model::ContextSnapshot& snap) {
          snap.pod_usage = usage;
          model::KindStatus& status = snap.status[kind];
          status = model::KindStatus{};
          status.synced = true;
          status.updated = std::chrono::system_clock::now();
        });
      } catch (const Error& error) {
        if (error.kind() == ErrorKind::Cancelled) return;
        store_.update(client_->context(), [&](model::ContextSnapshot& snap) {
          model::KindStatus& status = snap.status[kind];
          status.forbidden = error.kind() == ErrorKind::Forbidden;
          status.error = error.what();
        });
      }
      if (!wait(interval_)) return;
    }
  } catch (const std::exception&) {
    // Nothing else is expected; the pods view simply has no usage columns.
  }
}

}  // namespace flinktop::sync
