#include "core/sync/pod_usage_poller.hpp"

#include "core/error.hpp"
#include "core/sync/pod_usage_reader.hpp"

namespace flinktop::sync {

namespace {
constexpr auto kDiscoveryRetry = std::chrono::seconds(60);  // the server was unreachable at the first ask
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
        auto read = std::make_shared<model::PodUsageMap>();
        client_->list_pages(
            kube::resources::kPodMetrics, options,
            [&](std::string&& page) { return read_pod_usage_page(page, *read); }, [&] { read->clear(); }, &cancel_);
        std::shared_ptr<const model::PodUsageMap> usage = std::move(read);
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
