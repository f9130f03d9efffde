// The Store's publication mechanism: a mutex only around swapping pointers, an eventfd for waking.
#include "core/model/store.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "core/kube/objects/all.hpp"

namespace flinktop::model {

namespace {

template <class T>
const ObjectMap<T>& or_empty(const SharedObjects<T>& objects) {
  static const ObjectMap<T> empty;
  return objects ? *objects : empty;
}

}  // namespace

template <>
const ObjectMap<kube::Namespace>& ContextSnapshot::objects<kube::Namespace>() const { return or_empty(namespaces); }
template <>
const ObjectMap<kube::Pod>& ContextSnapshot::objects<kube::Pod>() const { return or_empty(pods); }
template <>
const ObjectMap<kube::Service>& ContextSnapshot::objects<kube::Service>() const { return or_empty(services); }
template <>
const ObjectMap<kube::Deployment>& ContextSnapshot::objects<kube::Deployment>() const {
  return or_empty(deployments);
}
template <>
const ObjectMap<kube::Event>& ContextSnapshot::objects<kube::Event>() const { return or_empty(events); }
template <>
const ObjectMap<kube::FlinkDeployment>& ContextSnapshot::objects<kube::FlinkDeployment>() const {
  return or_empty(flink_deployments);
}
template <>
const ObjectMap<kube::FlinkSessionJob>& ContextSnapshot::objects<kube::FlinkSessionJob>() const {
  return or_empty(session_jobs);
}
template <>
const ObjectMap<kube::FlinkStateSnapshot>& ContextSnapshot::objects<kube::FlinkStateSnapshot>() const {
  return or_empty(state_snapshots);
}

Store::Store() {
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
}

Store::~Store() { ::close(wake_fd_); }

std::shared_ptr<const ContextSnapshot> Store::snapshot(const std::string& context) const {
  std::lock_guard lock(mutex_);
  auto it = contexts_.find(context);
  if (it != contexts_.end()) return it->second;
  auto empty = std::make_shared<ContextSnapshot>();
  empty->context = context;
  return empty;
}

std::vector<std::string> Store::contexts() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> names;
  names.reserve(contexts_.size());
  for (const auto& [name, snap] : contexts_) names.push_back(name);
  return names;
}

void Store::update(const std::string& context, const std::function<void(ContextSnapshot&)>& mutate) {
  // Writers are serialised so that two workers cannot copy the same snapshot and lose one's
  // update. The copy is shallow (maps are shared until a writer replaces one). Readers only wait
  // for the pointer swap, never for `mutate`.
  std::lock_guard writer(update_mutex_);
  std::shared_ptr<const ContextSnapshot> current = snapshot(context);
  auto next = std::make_shared<ContextSnapshot>(*current);
  next->context = context;
  mutate(*next);
  {
    std::lock_guard lock(mutex_);
    next->generation = ++generation_;
    contexts_[context] = std::move(next);
  }
  notify();
}

void Store::notify() {
  const std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(wake_fd_, &one, sizeof one);
}

void Store::clear_wake() {
  std::uint64_t count = 0;
  [[maybe_unused]] auto read = ::read(wake_fd_, &count, sizeof count);
}

std::uint64_t Store::generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

}  // namespace flinktop::model
