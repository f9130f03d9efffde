// LogTail: the set of sources and their worker threads. A worker that is cancelled is joined later
// (by the next set_* call once it has returned, or by stop()), so the UI thread never waits for one.
#include "core/logs/log_tail.hpp"

#include <algorithm>
#include <set>

#include "core/flink/client.hpp"
#include "core/logs/pod_log_follow.hpp"
#include "core/logs/rest_log_follow.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::logs {

std::string source_key(const PodLogTarget& pod) {
  return "pod/" + pod.namespace_ + "/" + pod.name + "/" + pod.uid + "/" + pod.container;
}

std::string source_key(const RestLogFile& file) {
  return "rest/" + (file.flink ? file.flink->endpoint().describe() : std::string()) + "/" +
         file.taskmanager_id + "/" + file.file;
}

LogTail::LogTail(std::shared_ptr<kube::ApiClient> api, FollowOptions options, LogBufferOptions buffer)
    : api_(std::move(api)), options_(std::move(options)), buffer_(std::make_shared<LogBuffer>(buffer)) {}

LogTail::~LogTail() {
  stop();
}

void LogTail::start_locked(Source& source, std::shared_ptr<const LogOrigin> origin,
                           std::function<void(SourceRun&)> work) {
  source.run = std::make_shared<SourceRun>(buffer_, source.key, std::move(origin));
  source.thread = std::thread([run = source.run, work = std::move(work)] {
    try {
      work(*run);
    } catch (const std::exception& e) {
      // A bug or an unexpected answer: this source stops and says why; the others go on.
      run->set_state(SourceState::Failed, "internal error: " + text::one_line(e.what()), ErrorKind::Server);
    }
    run->mark_finished();
  });
}

std::vector<std::thread> LogTail::reap_locked() {
  std::vector<std::thread> done;
  auto finished = [](const Source& s) { return s.run->finished(); };
  for (auto& s : retired_) {
    if (finished(s)) done.push_back(std::move(s.thread));
  }
  retired_.erase(
      std::remove_if(retired_.begin(), retired_.end(), [](const Source& s) { return !s.thread.joinable(); }),
      retired_.end());
  return done;
}

template <class Keep>
void LogTail::retire_locked(const Keep& keep) {
  for (auto& s : sources_) {
    if (keep(s)) continue;
    s.run->cancel();
    retired_.push_back(std::move(s));  // leaves `s.run` null: erased below
  }
  sources_.erase(std::remove_if(sources_.begin(), sources_.end(), [](const Source& s) { return !s.run; }),
                 sources_.end());
}

void LogTail::set_pods(std::vector<PodLogTarget> pods) {
  std::vector<std::thread> done;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    std::set<std::string> wanted;
    for (const auto& pod : pods) wanted.insert(source_key(pod));
    retire_locked([&](const Source& s) { return !s.pod || wanted.count(s.key) > 0; });
    for (auto& pod : pods) {
      const std::string key = source_key(pod);
      const bool known =
          std::any_of(sources_.begin(), sources_.end(), [&](const Source& s) { return s.key == key; });
      if (known) continue;
      Source source;
      source.key = key;
      source.pod = true;
      const std::string container = pod.container.empty() ? options_.container : pod.container;
      auto origin = pod_origin(pod, api_ ? api_->context() : std::string(), container);
      origin->index = next_index_++;
      if (!api_) {
        // Without Kubernetes a pod cannot be read; say so instead of failing silently.
        start_locked(source, origin, [](SourceRun& run) {
          run.set_state(SourceState::Failed, "no Kubernetes context to read pod logs with", ErrorKind::Usage);
        });
      } else {
        start_locked(source, origin, [api = api_, pod = std::move(pod), options = options_](SourceRun& run) {
          follow_pod(run, *api, pod, options);
        });
      }
      sources_.push_back(std::move(source));
    }
    done = reap_locked();
  }
  for (auto& t : done) t.join();
}

void LogTail::set_rest_files(std::vector<RestLogFile> files) {
  std::vector<std::thread> done;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    std::set<std::string> wanted;
    for (const auto& file : files) wanted.insert(source_key(file));
    retire_locked([&](const Source& s) { return s.pod || wanted.count(s.key) > 0; });
    for (auto& file : files) {
      const std::string key = source_key(file);
      const bool known =
          std::any_of(sources_.begin(), sources_.end(), [&](const Source& s) { return s.key == key; });
      if (known) continue;
      Source source;
      source.key = key;
      auto origin = rest_origin(file);
      origin->index = next_index_++;
      if (api_) origin->context = api_->context();
      start_locked(source, origin, [file = std::move(file), options = options_](SourceRun& run) {
        follow_rest_file(run, file, options);
      });
      sources_.push_back(std::move(source));
    }
    done = reap_locked();
  }
  for (auto& t : done) t.join();
}

std::vector<SourceStatus> LogTail::sources() const {
  std::lock_guard lock(mutex_);
  std::vector<SourceStatus> out;
  out.reserve(sources_.size());
  for (const auto& s : sources_) out.push_back(s.run->status());
  return out;
}

bool LogTail::finished() const {
  std::lock_guard lock(mutex_);
  return std::all_of(sources_.begin(), sources_.end(), [](const Source& s) { return s.run->finished(); });
}

void LogTail::stop() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    for (auto& s : sources_) s.run->cancel();
    for (auto& s : sources_) threads.push_back(std::move(s.thread));
    for (auto& s : retired_) threads.push_back(std::move(s.thread));
    retired_.clear();
  }
  // Producers waiting for room (Overflow::Block) must not wait for a reader that is leaving.
  buffer_->close();
  for (auto& t : threads) {
    if (t.joinable()) t.join();
  }
}

}  // namespace flinktop::logs
