// follow_rest_file: list (cheap) → read what is new (streamed, skipping the known prefix, checking
// that the bytes just before it are still the ones read last time) → pause → again.
#include "core/logs/rest_log_follow.hpp"

#include <fmt/format.h>

#include <deque>

#include "core/flink/client.hpp"
#include "core/http/line_splitter.hpp"
#include "core/logs/log_ingest.hpp"
#include "core/sync/backoff.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::logs {

namespace {

constexpr std::size_t kFingerprint = 256;          // bytes before the read offset compared on each read
constexpr std::size_t kMaxLine = 4 * 1024 * 1024;  // longer lines arrive in pieces

std::string process_name(const RestLogFile& file) {
  return file.taskmanager_id.empty() ? "the JobManager"
                                     : "TaskManager " + text::one_line(file.taskmanager_id, 80);
}

std::string file_name(const RestLogFile& file) {
  return file.file.empty() ? "main log file" : "log file " + text::one_line(file.file, 80);
}

// The state of one file across reads.
class FileReader {
 public:
  FileReader(SourceRun& run, const RestLogFile& file, const FollowOptions& options)
      : run_(run),
        file_(file),
        options_(options),
        ingest_(run.status().origin, options.ingest),
        lines_(kMaxLine) {}

  // Reads what is new. False when the tail is stopping.
  bool read(bool first) {
    if (!read_once(first)) return false;
    if (!rotated_) return true;
    // Whatever the old file still held unterminated was its last line.
    if (!lines_.remainder().empty() && !deliver(lines_.remainder(), false)) return false;
    lines_.reset();
    offset_ = 0;
    fingerprint_.clear();
    ingest_.reset();
    if (!run_.push(ingest_.notice("— log file rotated; reading the new one from its start —"))) return false;
    return read_once(false);
  }

  // End of a read that will not be repeated: the unterminated rest is a line too.
  bool finish() {
    if (lines_.remainder().empty()) return true;
    const bool ok = deliver(lines_.remainder(), false);
    lines_.reset();
    return ok;
  }

  bool any_read() const { return offset_ > 0 || read_before_; }

 private:
  bool read_once(bool first) {
    rotated_ = false;
    stopped_ = false;
    const std::uint64_t known = offset_;
    const std::uint64_t compare_from = known - fingerprint_.size();
    std::uint64_t seen = 0;
    tail_ = first && options_.tail_lines ? std::optional<std::size_t>(static_cast<std::size_t>(
                                               std::max<std::int64_t>(*options_.tail_lines, 0)))
                                         : std::nullopt;
    held_.clear();
    file_.flink->read_log_file(
        file_.taskmanager_id, file_.file,
        [&](std::string_view chunk) {
          const std::uint64_t at = seen;
          seen += chunk.size();
          if (at < known) {
            const std::uint64_t from = std::max(at, compare_from);
            const std::uint64_t to = std::min<std::uint64_t>(at + chunk.size(), known);
            if (from < to && chunk.substr(from - at, to - from) !=
                                 std::string_view(fingerprint_).substr(from - compare_from, to - from)) {
              rotated_ = true;
              return false;
            }
            if (at + chunk.size() <= known) return true;
            chunk.remove_prefix(known - at);
          }
          return take(chunk);
        },
        run_.cancel_token());
    if (stopped_) return false;
    if (!rotated_ && seen < known) rotated_ = true;  // shorter than what was read: a new file
    read_before_ = true;
    if (tail_) {
      for (auto& line : held_) {
        if (!run_.push(std::move(line))) return false;
      }
      held_.clear();
      tail_.reset();
    }
    return true;
  }

  // New bytes of the file.
  bool take(std::string_view chunk) {
    offset_ += chunk.size();
    if (chunk.size() >= kFingerprint) {
      fingerprint_.assign(chunk.substr(chunk.size() - kFingerprint));
    } else {
      fingerprint_.append(chunk);
      if (fingerprint_.size() > kFingerprint) fingerprint_.erase(0, fingerprint_.size() - kFingerprint);
    }
    const bool go_on = lines_.feed(chunk, [&](std::string_view line) { return deliver(line, true); });
    if (!go_on || run_.cancelled()) {
      stopped_ = true;
      return false;
    }
    return true;
  }

  bool deliver(std::string_view raw, bool may_hold) {
    auto line = ingest_.line(raw);
    if (!line) return true;
    if (may_hold && tail_) {
      // The first read of a --tail: only the last N lines survive it.
      held_.push_back(std::move(line));
      if (held_.size() > *tail_) held_.pop_front();
      return true;
    }
    return run_.push(std::move(line));
  }

  SourceRun& run_;
  const RestLogFile& file_;
  const FollowOptions& options_;
  LogIngest ingest_;
  http::LineSplitter lines_;
  std::uint64_t offset_ = 0;  // bytes of the file read so far (the unterminated last line included)
  std::string fingerprint_;   // the bytes just before offset_
  bool rotated_ = false;
  bool stopped_ = false;
  bool read_before_ = false;
  std::optional<std::size_t> tail_;
  std::deque<std::shared_ptr<LogLine>> held_;
};

}  // namespace

std::shared_ptr<LogOrigin> rest_origin(const RestLogFile& file) {
  auto origin = std::make_shared<LogOrigin>();
  origin->kind = LogSourceKind::RestFile;
  origin->taskmanager_id = file.taskmanager_id;
  origin->file = file.file;
  origin->pod = file.pod;
  if (file.flink) origin->endpoint = file.flink->endpoint().describe();
  if (!file.pod.empty()) {
    origin->label = file.pod;
  } else {
    origin->label = file.taskmanager_id.empty() ? "jobmanager" : "taskmanager " + file.taskmanager_id;
  }
  if (!file.file.empty()) origin->label += "/" + file.file;
  return origin;
}

void follow_rest_file(SourceRun& run, const RestLogFile& file, const FollowOptions& options,
                      const std::string& note) {
  if (!file.flink) {
    run.set_state(SourceState::Failed, "no Flink REST API to read the log file from", ErrorKind::Usage);
    return;
  }
  const std::string where = fmt::format("the {} of {} via {}", file_name(file), process_name(file),
                                        file.flink->endpoint().describe());
  const std::string streaming = note.empty() ? "reading " + where : note;
  FileReader reader(run, file, options);
  sync::Backoff backoff(options.backoff_initial, options.backoff_max);
  std::optional<std::vector<flink::LogFileInfo>> listed;
  bool first = true;
  while (!run.cancelled()) {
    try {
      // The list is small; the file may be large: read the file only when the list changed.
      bool changed = true;
      if (options.follow) {
        try {
          auto files = file.flink->log_files(file.taskmanager_id, run.cancel_token());
          changed = !listed || files != *listed;
          listed = std::move(files);
        } catch (const Error& e) {
          if (e.kind() == ErrorKind::Cancelled || e.kind() == ErrorKind::NotFound) throw;
          changed = true;  // no list (older Flink, a proxy that hides it): read the file anyway
        }
      }
      if (first) run.set_state(SourceState::Connecting, streaming);
      if (changed && !reader.read(first)) return;
      first = false;
      backoff.reset();
      run.set_state(SourceState::Streaming, streaming);
      if (!options.follow) {
        if (!reader.finish()) return;
        run.set_state(SourceState::Ended, "end of " + where);
        return;
      }
      if (!run.pause(options.rest_refresh)) return;
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::Cancelled || run.cancelled()) return;
      if (e.kind() == ErrorKind::NotFound) {
        if (reader.any_read()) {
          run.set_state(SourceState::Ended,
                        fmt::format("{} is gone ({})", process_name(file), text::one_line(e.what(), 200)));
        } else {
          run.set_state(SourceState::Failed, text::one_line(e.what()), ErrorKind::NotFound);
        }
        return;
      }
      if (e.kind() == ErrorKind::Forbidden || e.kind() == ErrorKind::Unauthorized ||
          e.kind() == ErrorKind::Usage) {
        run.set_state(SourceState::Failed, text::one_line(e.what()), e.kind());
        return;
      }
      const auto delay = backoff.next();
      run.set_state(SourceState::Reconnecting,
                    fmt::format("reading {} failed ({}); trying again in {:.1f}s", where,
                                text::one_line(e.what(), 200), static_cast<double>(delay.count()) / 1000.0));
      if (!run.pause(delay)) return;
    }
  }
}

std::optional<RestLogFile> find_rest_log(const PodLogTarget& pod, http::CancelToken* cancel) {
  if (!pod.flink) return std::nullopt;
  if (pod.jobmanager) return RestLogFile{pod.flink, "", "", pod.name};
  const std::vector<flink::TaskManager> taskmanagers = pod.flink->taskmanagers(cancel);
  for (const auto& tm : taskmanagers) {
    if (tm.id == pod.name) return RestLogFile{pod.flink, tm.id, "", pod.name};
  }
  if (pod.pod_ip.empty()) return std::nullopt;
  for (const auto& tm : taskmanagers) {
    for (const std::string& address : {tm.endpoint, flink::address_of_rpc_path(tm.path)}) {
      if (address.substr(0, address.rfind(':')) == pod.pod_ip)
        return RestLogFile{pod.flink, tm.id, "", pod.name};
    }
  }
  return std::nullopt;
}

}  // namespace flinktop::logs
