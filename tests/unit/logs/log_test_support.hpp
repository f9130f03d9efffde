// Shared by the LogTail tests: a container log the test writes to, served by the demo's Kubernetes
// API server on 127.0.0.1 (so the real pods/log path is used: HTTP, chunked streams, cuts), an
// ApiClient for it, and bounded waits for what the tail shows.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "demo/kube_api_server.hpp"
#include "core/kube/api_client.hpp"
#include "core/logs/log_tail.hpp"

namespace flinktop::logs::test_support {

// 2026-01-01T00:00:00Z in epoch ms: scripted lines are written at fixed times, several per second.
inline constexpr long long kEpochMs = 1767225600000LL;

class ScriptedLogs {
 public:
  struct Line {
    long long ms;
    std::string text;
  };
  struct Container {
    std::vector<Line> lines;
    std::vector<Line> previous;  // the container before the last restart
    long long instance = 0;
    std::string name = "flink-main-container";  // the container's name in its pod
    int status = 200;
    std::string reason;
    std::string message;
    bool running = true;
  };

  void write(const std::string& pod, std::string text, long long ms) {
    std::lock_guard lock(mutex_);
    pods_[pod].lines.push_back({ms, std::move(text)});
  }
  void add(const std::string& pod) {
    std::lock_guard lock(mutex_);
    pods_[pod];
  }
  void name_container(const std::string& pod, std::string name) {
    std::lock_guard lock(mutex_);
    pods_[pod].name = std::move(name);
  }
  void remove(const std::string& pod) {
    std::lock_guard lock(mutex_);
    pods_.erase(pod);
  }
  void waiting(const std::string& pod) {
    std::lock_guard lock(mutex_);
    Container& c = pods_[pod];
    c.status = 400;
    c.reason = "BadRequest";
    c.message =
        "container \"flink-main-container\" in pod \"" + pod + "\" is waiting to start: ContainerCreating";
  }
  void started(const std::string& pod) {
    std::lock_guard lock(mutex_);
    pods_[pod].status = 200;
  }
  // The container is replaced: its log becomes the previous one, the new one starts empty.
  void restart(const std::string& pod) {
    std::lock_guard lock(mutex_);
    Container& c = pods_[pod];
    c.previous = std::move(c.lines);
    c.lines.clear();
    ++c.instance;
  }

  demo::PodLogSource source() {
    demo::PodLogSource source;
    source.state = [this](const demo::PodLogQuery& q) {
      std::lock_guard lock(mutex_);
      auto it = pods_.find(q.pod);
      if (it == pods_.end())
        return demo::PodLogState{404, "NotFound", "pods \"" + q.pod + "\" not found", 0, false, 0};
      const Container& c = it->second;
      if (!q.container.empty() && q.container != c.name) {
        return demo::PodLogState{
            400, "BadRequest", "container " + q.container + " is not valid for pod " + q.pod, 0, false, 0};
      }
      if (c.status != 200) return demo::PodLogState{c.status, c.reason, c.message, 0, false, c.instance};
      if (q.previous) {
        if (c.instance == 0) {
          return demo::PodLogState{
              400,
              "BadRequest",
              "previous terminated container \"flink-main-container\" in pod \"" + q.pod + "\" not found",
              0,
              false,
              0};
        }
        return demo::PodLogState{200,           "", "", static_cast<long long>(c.previous.size()), false,
                                 c.instance - 1};
      }
      return demo::PodLogState{200, "", "", static_cast<long long>(c.lines.size()), c.running, c.instance};
    };
    source.line = [this](const demo::PodLogQuery& q, long long index) {
      std::lock_guard lock(mutex_);
      const Container& c = pods_[q.pod];
      const auto& lines = q.previous ? c.previous : c.lines;
      return index < static_cast<long long>(lines.size()) ? lines[static_cast<std::size_t>(index)].text
                                                          : std::string();
    };
    source.time_ms = [this](const demo::PodLogQuery& q, long long index) {
      std::lock_guard lock(mutex_);
      const Container& c = pods_[q.pod];
      const auto& lines = q.previous ? c.previous : c.lines;
      return index < static_cast<long long>(lines.size()) ? lines[static_cast<std::size_t>(index)].ms : 0LL;
    };
    return source;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, Container> pods_;
};

inline kube::RestConfig config_for(const demo::KubeApiServer& server) {
  kube::RestConfig config;
  config.context = "test-ctx";
  config.server = server.url();
  config.default_namespace = "flink";
  return config;
}

inline bool eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds limit = std::chrono::seconds(20)) {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < give_up) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

// Everything a tail delivered so far, taken batch by batch as the UI would.
class Collector {
 public:
  explicit Collector(LogTail& tail) : tail_(tail) {}

  // Takes until `count` lines (notices included) have arrived, or 20 s pass.
  bool until(std::size_t count) {
    return eventually([&] {
      take();
      return lines_.size() >= count;
    });
  }
  void take() {
    LogBatch batch = tail_.buffer().take();
    dropped_ += batch.dropped;
    for (auto& l : batch.lines) lines_.push_back(l);
  }
  std::vector<std::string> texts(const std::string& label = "") const {
    std::vector<std::string> out;
    for (const auto& l : lines_) {
      if (label.empty() || l->origin->label == label) out.push_back(l->text);
    }
    return out;
  }
  const std::vector<LogLinePtr>& lines() const { return lines_; }
  std::uint64_t dropped() const { return dropped_; }

 private:
  LogTail& tail_;
  std::vector<LogLinePtr> lines_;
  std::uint64_t dropped_ = 0;
};

inline std::optional<SourceStatus> status_of(const LogTail& tail, const std::string& label) {
  for (auto& s : tail.sources()) {
    if (s.origin && s.origin->label == label) return s;
  }
  return std::nullopt;
}

inline bool state_becomes(const LogTail& tail, const std::string& label, SourceState state) {
  return eventually([&] {
    auto s = status_of(tail, label);
    return s && s->state == state;
  });
}

inline PodLogTarget pod(const std::string& name) {
  PodLogTarget target;
  target.namespace_ = "flink";
  target.name = name;
  return target;
}

// Options that do not make a test wait long: quick retries and re-reads.
inline FollowOptions quick(FollowOptions options = {}) {
  options.backoff_initial = std::chrono::milliseconds(20);
  options.backoff_max = std::chrono::milliseconds(200);
  options.waiting_max = std::chrono::milliseconds(100);
  options.rest_refresh = std::chrono::milliseconds(30);
  return options;
}

}  // namespace flinktop::logs::test_support
