// follow_pod: connect → stream → (cut: back off, resume) / (end: look at the pod: deleted, restarted,
// still starting, finished) → again. Every request and every pause ends promptly on cancel.
#include "core/logs/pod_log_follow.hpp"

#include <algorithm>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/kube/objects/pod.hpp"
#include "core/kube/resource_type.hpp"
#include "core/logs/log_ingest.hpp"
#include "core/logs/log_timestamp.hpp"
#include "core/logs/rest_log_follow.hpp"
#include "core/logs/resume_point.hpp"
#include "core/sync/backoff.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::logs {

namespace {

using Kind = kube::ContainerState::Kind;

std::string seconds_text(std::chrono::milliseconds delay) {
  return fmt::format("{:.1f}s", static_cast<double>(delay.count()) / 1000.0);
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// What the pod says about the container now.
struct PodLook {
  bool gone = false;
  std::string uid;
  std::string phase;
  bool found = false;  // the container has a status
  int restarts = 0;
  Kind state = Kind::Unknown;
  std::string reason;
  std::string default_container;  // set when the pod has no container of the name asked for
};

PodLook look_at(kube::ApiClient& api, const PodLogTarget& target, const std::string& container,
                http::CancelToken* cancel) {
  PodLook look;
  nlohmann::json object;
  try {
    object = api.get(kube::resources::kPods, target.namespace_, target.name, cancel);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::NotFound) throw;
    look.gone = true;
    return look;
  }
  const kube::Pod pod = kube::Pod::from_json(object);
  look.uid = pod.meta.uid;
  look.phase = pod.phase;
  std::string name = container;
  const bool has = std::any_of(pod.containers.begin(), pod.containers.end(),
                               [&](const kube::ContainerSpec& c) { return c.name == container; });
  if (!container.empty() && !has && !pod.containers.empty()) {
    look.default_container = name = pod.containers.front().name;  // what `kubectl logs` would show
  }
  for (const auto& status : pod.container_statuses) {
    if (!name.empty() && status.name != name) continue;
    look.found = true;
    look.restarts = status.restart_count;
    look.state = status.state.kind;
    look.reason = status.state.reason;
    break;
  }
  return look;
}

class PodFollower {
 public:
  PodFollower(SourceRun& run, kube::ApiClient& api, const PodLogTarget& target, const FollowOptions& options)
      : run_(run),
        api_(api),
        target_(target),
        options_(options),
        container_(target.container.empty() ? options.container : target.container),
        may_default_(target.container.empty() && options.container == kFlinkContainer),
        ingest_(run.status().origin, options.ingest),
        backoff_(options.backoff_initial, options.backoff_max) {}

  void run() {
    following_ = options_.follow && !options_.previous;
    if (following_ || may_default_) remember_pod();
    while (!run_.cancelled()) {
      if (!stream()) return;
      if (!following_) {
        run_.set_state(SourceState::Ended,
                       options_.previous ? "end of the previous container's log" : "end of log");
        return;
      }
      if (!after_end()) return;
    }
  }

 private:
  // Knowing the restart count before the first stream lets a later end of stream tell a restart.
  void remember_pod() {
    try {
      const PodLook look = look_at(api_, target_, container_, run_.cancel_token());
      if (may_default_ && !look.default_container.empty()) {
        // Flink's own name for it is not there (a standalone or hand-written pod): its first
        // container, as kubectl does.
        container_ = look.default_container;
      }
      may_default_ = false;
      if (!look.gone) {
        existed_ = true;
        uid_ = look.uid;
        restarts_ = look.found ? look.restarts : -1;
      }
    } catch (const Error&) {
      // Not allowed to get pods, or the server is away: the stream itself will tell.
    }
  }

  // One request; false when the source is over (state set) or cancelled.
  bool stream() {
    kube::LogOptions request;
    request.container = container_;
    request.follow = following_;
    request.timestamps = true;  // always: the resume point needs them; shown only when asked for
    request.previous = options_.previous;
    if (resume_.empty()) {
      if (!fresh_container_) {
        request.tail_lines = options_.tail_lines;
        request.since_seconds = options_.since_seconds;
      }
    } else {
      request.since_time = resume_.since_time();
      resume_.reconnected();
    }
    // Optimistic: the request is open until it fails (and a quiet log sends nothing to tell).
    run_.set_state(SourceState::Streaming);
    bool any = false;
    bool refused = false;
    try {
      api_.pod_logs(
          target_.namespace_, target_.name, request,
          [&](std::string_view raw) {
            const TimestampedText split = split_timestamp(raw);
            if (!resume_.admit(split.ns, split.text)) return !run_.cancelled();
            any = true;
            streamed_ = true;
            if (auto line = ingest_.line(split.text, split.ns); line && !run_.push(std::move(line))) {
              refused = true;
              return false;
            }
            return !run_.cancelled();
          },
          run_.cancel_token());
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::Cancelled || run_.cancelled()) return false;
      if (any) backoff_.reset();
      return failed(e);
    }
    if (refused || run_.cancelled()) return false;
    streamed_ = true;
    fresh_container_ = false;
    if (any) backoff_.reset();
    return true;
  }

  // The request failed: false when it is not worth asking again.
  bool failed(const Error& e) {
    const std::string what = text::one_line(e.what());
    switch (e.kind()) {
      case ErrorKind::Forbidden: return forbidden();
      case ErrorKind::NotFound:
        if (streamed_ || existed_) {
          run_.set_state(SourceState::Ended, "pod deleted");
        } else {
          run_.set_state(SourceState::Failed, what, ErrorKind::NotFound);
        }
        return false;
      case ErrorKind::Invalid:
        // 400 "container X in pod Y is waiting to start: ContainerCreating" (or PodInitializing).
        if (contains(what, "waiting to start") || contains(what, "ContainerCreating") ||
            contains(what, "PodInitializing")) {
          const auto delay = std::min(backoff_.next(), options_.waiting_max);
          const auto reason_at = what.find("waiting to start: ");
          const std::string reason =
              reason_at == std::string::npos ? "" : " (" + what.substr(reason_at + 18) + ")";
          run_.set_state(SourceState::Waiting,
                         fmt::format("container {} of pod {} has not started yet{}; looking again in {}",
                                     container_.empty() ? "(default)" : container_, target_.name, reason,
                                     seconds_text(delay)));
          return run_.pause(delay);
        }
        run_.set_state(SourceState::Failed, what,
                       options_.previous && contains(what, "previous terminated container")
                           ? ErrorKind::NotFound
                           : ErrorKind::Invalid);
        return false;
      case ErrorKind::Unauthorized:
      case ErrorKind::Config:
      case ErrorKind::Usage:
      case ErrorKind::Tls:
      case ErrorKind::Unsupported: run_.set_state(SourceState::Failed, what, e.kind()); return false;
      default: {
        const auto delay = backoff_.next();
        run_.set_state(SourceState::Reconnecting,
                       fmt::format("stream cut ({}); reconnecting in {}", text::one_line(e.what(), 200),
                                   seconds_text(delay)));
        return run_.pause(delay);
      }
    }
  }

  bool forbidden() {
    const std::string where =
        fmt::format("pod {} in namespace {} (context {})", target_.name, target_.namespace_, api_.context());
    if (options_.rest_fallback && target_.flink) {
      std::optional<RestLogFile> file;
      try {
        file = find_rest_log(target_, run_.cancel_token());
      } catch (const Error& e) {
        if (e.kind() == ErrorKind::Cancelled) return false;
      }
      if (file) {
        auto origin = rest_origin(*file);
        origin->index = run_.status().origin->index;
        origin->context = api_.context();
        origin->namespace_ = target_.namespace_;
        run_.set_origin(origin);
        const std::string note = fmt::format(
            "pods/log forbidden for {}; showing the Flink REST log file of {} instead", where,
            file->taskmanager_id.empty() ? "the JobManager" : "TaskManager " + file->taskmanager_id);
        follow_rest_file(run_, *file, options_, note);
        return false;
      }
    }
    run_.set_state(SourceState::Forbidden,
                   fmt::format("pods/log forbidden for {} — the Flink REST log files are available", where),
                   ErrorKind::Forbidden);
    return false;
  }

  // A followed stream ended: the container stopped, the pod went, or the server closed the stream.
  // True to stream again.
  bool after_end() {
    while (!run_.cancelled()) {
      PodLook look;
      try {
        look = look_at(api_, target_, container_, run_.cancel_token());
      } catch (const Error& e) {
        if (e.kind() == ErrorKind::Cancelled) return false;
        return true;  // cannot look: ask for the stream again, which says what is wrong
      }
      const std::string& wanted_uid = target_.uid.empty() ? uid_ : target_.uid;
      if (look.gone || (!target_.uid.empty() && look.uid != target_.uid)) {
        run_.set_state(SourceState::Ended, "pod deleted");
        return false;
      }
      if (!wanted_uid.empty() && look.uid != wanted_uid) {
        // Deleted and created again under the same name (a StatefulSet): a new pod to follow.
        uid_ = look.uid;
        restarts_ = look.found ? look.restarts : -1;
        restarted("— pod " + target_.name + " was replaced; following the new one —");
        return true;
      }
      if (uid_.empty()) uid_ = look.uid;
      if (look.phase == "Succeeded" || look.phase == "Failed") {
        run_.set_state(
            SourceState::Ended,
            fmt::format("pod {} ({})", look.phase == "Succeeded" ? "completed" : "failed", look.phase));
        return false;
      }
      if (look.state == Kind::Running) {
        const bool restart = restarts_ >= 0 && look.restarts > restarts_;
        if (restart) {
          restarted(fmt::format("— container {} restarted (restart {}); following the new container —",
                                container_, look.restarts));
        }
        restarts_ = look.restarts;
        // The server ended a stream of a running container (kubelets do after hours): ask again,
        // after a pause, so that a server that ends every stream at once is not asked in a loop.
        return restart || run_.pause(backoff_.next());
      }
      const auto delay = std::min(backoff_.next(), options_.waiting_max);
      run_.set_state(SourceState::Waiting,
                     fmt::format("container {} {}{}; waiting for it to restart (looking again in {})",
                                 container_, look.state == Kind::Terminated ? "terminated" : "is not running",
                                 look.reason.empty() ? "" : " (" + look.reason + ")", seconds_text(delay)));
      if (!run_.pause(delay)) return false;
    }
    return false;
  }

  void restarted(const std::string& notice) {
    resume_.reset();
    ingest_.reset();
    fresh_container_ = true;  // its whole log, not the tail the user asked for at the start
    run_.push(ingest_.notice(notice));
  }

  SourceRun& run_;
  kube::ApiClient& api_;
  const PodLogTarget& target_;
  const FollowOptions& options_;
  std::string container_;
  // Nobody named the container: Flink's "flink-main-container", or the pod's first when it has none.
  bool may_default_ = false;
  LogIngest ingest_;
  ResumePoint resume_;
  sync::Backoff backoff_;
  bool following_ = true;
  bool streamed_ = false;         // a stream was answered (so a later 404 means "deleted")
  bool existed_ = false;          // the pod was there when following began
  bool fresh_container_ = false;  // the next stream is a new container's: from its start
  std::string uid_;
  int restarts_ = -1;
};

}  // namespace

std::shared_ptr<LogOrigin> pod_origin(const PodLogTarget& pod, const std::string& context,
                                      const std::string& container) {
  auto origin = std::make_shared<LogOrigin>();
  origin->kind = LogSourceKind::Pod;
  origin->label = pod.name;
  origin->context = context;
  origin->namespace_ = pod.namespace_;
  origin->pod = pod.name;
  origin->container = container;
  return origin;
}

void follow_pod(SourceRun& run, kube::ApiClient& api, const PodLogTarget& pod, const FollowOptions& options) {
  PodFollower(run, api, pod, options).run();
}

}  // namespace flinktop::logs
