#include "core/sync/port_forwards.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"

namespace flinktop::sync {

std::string ForwardRequest::id() const { return fmt::format("{}/{}:{}", context, target.describe(), remote_port); }

std::string_view to_string(ForwardState state) noexcept {
  switch (state) {
    case ForwardState::Starting: return "starting";
    case ForwardState::Active: return "active";
    case ForwardState::Reconnecting: return "reconnecting";
    case ForwardState::Waiting: return "waiting";
    case ForwardState::Failing: return "failing";
    case ForwardState::Failed: return "failed";
  }
  return "?";
}

struct PortForwards::Running {
  ForwardRequest request;
  std::chrono::system_clock::time_point started = std::chrono::system_clock::now();
  std::unique_ptr<kube::PortForward> forward;  // null: it could not start
  std::string failed;                         // why not

  explicit Running(ForwardRequest r) : request(std::move(r)) {}
};

PortForwards::PortForwards(model::Store& store, ConfigFor config_for)
    : store_(store), config_for_(std::move(config_for)) {}

PortForwards::~PortForwards() = default;

void PortForwards::want(const std::vector<ForwardRequest>& requests) {
  std::vector<std::unique_ptr<Running>> next;
  for (const ForwardRequest& request : requests) {
    auto same = std::find_if(running_.begin(), running_.end(),
                             [&](const std::unique_ptr<Running>& r) { return r && r->request == request; });
    if (same != running_.end()) {
      next.push_back(std::move(*same));
      continue;
    }
    auto running = std::make_unique<Running>(request);
    // A restart (or a changed port) must give up the old listener before the new one binds.
    for (auto& old : running_) {
      if (old && old->request.id() == request.id()) old.reset();
    }
    try {
      const auto config = config_for_(request.context);
      if (!config) throw Error(ErrorKind::Config, fmt::format("context \"{}\" is not one flinktop watches", request.context));
      model::Store* store = &store_;
      const std::string context = request.context;
      running->forward = std::make_unique<kube::PortForward>(
          *config, model::serving_pod_fn(request.target, [store, context] { return store->snapshot(context); }),
          kube::ForwardOptions{request.address, request.local_port, request.remote_port},
          // A failed connection or another pod serving: the UI reads the report again.
          [store](const std::string&) { store->notify(); });
    } catch (const Error& e) {
      running->failed = e.what();
    }
    next.push_back(std::move(running));
  }
  running_ = std::move(next);  // the ones left out close here
}

std::vector<ForwardReport> PortForwards::reports() {
  std::vector<ForwardReport> out;
  for (const auto& running : running_) {
    ForwardReport report;
    report.request = running->request;
    report.started = running->started;
    if (!running->forward) {
      report.state = ForwardState::Failed;
      report.reason = running->failed;
      out.push_back(std::move(report));
      continue;
    }
    report.url = running->forward->url();
    report.local_port = running->forward->local_port();
    report.local_port_moved = running->forward->local_port_moved();
    report.status = running->forward->status();
    const kube::ServingPod& serving = report.status.serving;
    if (!serving.name.empty()) report.serving_pod = serving.namespace_ + "/" + serving.name;
    if (!report.status.failed.empty()) {
      report.state = ForwardState::Failed;
      report.reason = report.status.failed;
    } else if (serving.name.empty() && serving.why_not.empty()) {
      report.state = ForwardState::Starting;  // its thread has not asked who serves yet
    } else if (serving.name.empty()) {
      report.state = ForwardState::Waiting;
      report.reason = serving.why_not;
    } else if (report.status.reconnect_attempts > 0) {
      report.state = ForwardState::Reconnecting;
      report.reason = fmt::format("attempt {}: {}", report.status.reconnect_attempts, report.status.reconnect_error);
    } else if (!report.status.last_error.empty()) {
      report.state = ForwardState::Failing;
      report.reason = report.status.last_error;
    }
    out.push_back(std::move(report));
  }
  return out;
}

}  // namespace flinktop::sync
