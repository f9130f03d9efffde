// run_logs: resolve TARGET, start a LogTail whose buffer makes the readers wait for a slow stdout
// (a script gets every line), print batches until the log ends (or, with -f, until a signal), and
// tell on stderr what changes: pods joining and leaving, streams cut and resumed, the REST fallback.
#include "cli/logs_command.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>

#include "cli/log_output.hpp"
#include "cli/log_targets.hpp"
#include "cli/stop_signals.hpp"
#include "core/error.hpp"
#include "core/logs/log_filter.hpp"
#include "core/logs/log_tail.hpp"
#include "core/logs/rest_log_follow.hpp"

namespace flinktop::cli {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::seconds kRefreshEvery{5};  // -f on a cluster or job: look for pods that joined or left

bool states_worth_telling(logs::SourceState state) {
  return state != logs::SourceState::Connecting && state != logs::SourceState::Streaming;
}

// Tells each source's state changes once, on stderr.
class StatusReporter {
 public:
  StatusReporter(std::ostream& err, bool follow) : err_(err), follow_(follow) {}

  void report(const std::vector<logs::SourceStatus>& sources) {
    for (const auto& s : sources) {
      const std::string said = fmt::format("{}|{}", static_cast<int>(s.state), s.message);
      auto& last = said_[s.key];
      if (last == said) continue;
      last = said;
      const std::string label = s.origin ? s.origin->label : s.key;
      // A REST file shown instead of a pod says so while it streams.
      if (!states_worth_telling(s.state)) {
        if (!s.message.empty() && told_messages_.insert(s.key + "|" + s.message).second) {
          err_ << "flinktop: " << label << ": " << s.message << '\n';
        }
        continue;
      }
      // The plain end of a log that is not followed is no news.
      if (s.state == logs::SourceState::Ended && !follow_) continue;
      err_ << "flinktop: " << label << ": " << to_string(s.state)
           << (s.message.empty() ? "" : ": " + s.message) << '\n';
    }
    err_.flush();
  }

 private:
  std::ostream& err_;
  bool follow_;
  std::map<std::string, std::string> said_;
  std::set<std::string> told_messages_;
};

int exit_code_of(const std::vector<logs::SourceStatus>& sources) {
  for (const auto& s : sources) {
    if ((s.state == logs::SourceState::Failed || s.state == logs::SourceState::Forbidden) && s.error) {
      return exit_code_for(*s.error);
    }
  }
  return 0;
}

void tell_changes(const LogTargets& before, const LogTargets& after, std::ostream& err) {
  std::set<std::string> old_names, new_names;
  for (const auto& p : before.pods) old_names.insert(p.name);
  for (const auto& p : after.pods) new_names.insert(p.name);
  for (const auto& name : new_names) {
    if (!old_names.count(name)) err << "flinktop: + " << name << " (joined)\n";
  }
  for (const auto& name : old_names) {
    if (!new_names.count(name)) err << "flinktop: - " << name << " (left)\n";
  }
}

bool colour_wanted(const std::ostream& out) {
  const char* no_color = std::getenv("NO_COLOR");
  return &out == &std::cout && ::isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || *no_color == '\0');
}

}  // namespace

std::int64_t parse_since(std::string_view text) {
  const auto bad = [&] {
    return Error(
        ErrorKind::Usage,
        fmt::format("--since \"{}\" is not a duration: use e.g. 90s, 10m, 1h30m, 2h, 1d", std::string(text)));
  };
  if (text.empty()) throw bad();
  std::int64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::int64_t number = 0;
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      number = number * 10 + (text[i] - '0');
      if (number > 100'000'000) throw bad();
      ++i;
    }
    if (i == start || i == text.size()) throw bad();
    switch (text[i++]) {
      case 's': total += number; break;
      case 'm': total += number * 60; break;
      case 'h': total += number * 3600; break;
      case 'd': total += number * 86400; break;
      default: throw bad();
    }
  }
  if (total <= 0) throw bad();
  return total;
}

CLI::App* add_logs_command(CLI::App& app, LogsOptions& options) {
  CLI::App* logs = app.add_subcommand(
      "logs",
      "Print (-f: follow) the logs of a pod, a cluster, a job's TaskManagers or a TaskManager, merged");
  logs->fallthrough();
  logs->add_option(
      "target", options.target,
      "A pod, a cluster (NAME or NAMESPACE/NAME), a job (id, id prefix or name), a TaskManager id; "
      "with --flink-url: jobmanager, a TaskManager id, a job, or nothing for the whole cluster");
  logs->add_option("--cluster", options.cluster,
                   "Look for TARGET in this cluster only (NAME or NAMESPACE/NAME)");
  logs->add_flag("-f,--follow", options.follow,
                 "Follow: keep printing new lines (and pods that join) until Ctrl-C");
  logs->add_option("--tail", options.tail, "Lines of each source's recent log to start with (-1: all)");
  logs->add_option("--since", options.since,
                   "Only lines newer than this (e.g. 90s, 10m, 1h30m; pod logs only)");
  logs->add_option(
      "--grep", options.grep,
      "Only lines matching this RE2 regex (smart case; a leading ! keeps the others); a matching "
      "record keeps its stack trace");
  logs->add_flag("--all-taskmanagers", options.all_taskmanagers,
                 "Every TaskManager of the target's cluster (and only them)");
  logs->add_flag("-p,--previous", options.previous,
                 "The previous (crashed) container's log instead of the running one's");
  logs->add_option("-c,--container", options.container, "The container (default: flink-main-container)");
  logs->add_flag("--timestamps", options.timestamps,
                 "Put each line's time (RFC 3339, from Kubernetes) before it");
  logs->add_option("-o,--output", options.output,
                   "Output format: raw (default) or json (one object per line)")
      ->check(CLI::IsMember({"raw", "json"}));
  return logs;
}

int run_logs(const GlobalOptions& global, const LogsOptions& options, std::ostream& out, std::ostream& err) {
  const bool rest_only = !global.flink.url.empty();
  logs::FollowOptions follow;
  follow.container = options.container;
  follow.follow = options.follow && !options.previous;
  if (options.tail >= 0) follow.tail_lines = options.tail;
  if (!options.since.empty()) follow.since_seconds = parse_since(options.since);
  follow.previous = options.previous;
  follow.rest_fallback = true;
  if (!options.grep.empty()) {
    logs::LogFilter filter(options.grep);
    if (!filter.error().empty()) {
      std::string why = filter.error();
      const std::string literal = " (matching it as plain text)";
      if (why.size() > literal.size() &&
          why.compare(why.size() - literal.size(), literal.size(), literal) == 0) {
        why.resize(why.size() - literal.size());
      }
      throw Error(ErrorKind::Usage, "--grep: " + why);
    }
    follow.ingest.filter = std::move(filter);
  }
  if (rest_only && options.previous) {
    throw Error(ErrorKind::Usage,
                "--previous needs Kubernetes: the Flink REST log files are the running process's");
  }
  if (options.previous && options.follow)
    err << "flinktop: --previous: the previous container has ended; not following\n";
  if (rest_only && !options.since.empty())
    err << "flinktop: --since applies to pod logs only; ignored for the REST log files\n";

  LogTargetResolver resolver(
      global, {options.target, options.cluster, options.all_taskmanagers, options.container, options.previous},
      err);
  LogTargets targets = resolver.resolve();
  for (const std::string& note : targets.notes) err << "flinktop: " << note << '\n';
  const bool waits_for_pods = follow.follow && resolver.changes();
  if (targets.pods.empty() && targets.rest_files.empty()) {
    const std::string why =
        targets.problem.empty() ? targets.description + " has no pods to read logs from" : targets.problem;
    if (!waits_for_pods) throw Error(ErrorKind::NotFound, why);
    err << "flinktop: " << why << "; waiting for some\n";
  }

  logs::LogBufferOptions buffer;
  buffer.max_lines = 20'000;  // a transfer buffer here: the terminal keeps the history
  buffer.overflow = logs::LogBufferOptions::Overflow::Block;
  logs::LogTail tail(targets.api, follow, buffer);
  StopSignals signals;
  std::size_t label_width = 0;
  for (const auto& pod : targets.pods) label_width = std::max(label_width, pod.name.size());
  for (const auto& file : targets.rest_files)
    label_width = std::max(label_width, logs::rest_origin(file)->label.size());
  LogPrinter printer(out, err,
                     {options.output == "json", options.timestamps,
                      resolver.changes() || targets.pods.size() + targets.rest_files.size() > 1,
                      options.output != "json" && colour_wanted(out), label_width});
  StatusReporter reporter(err, follow.follow);
  tail.set_pods(targets.pods);
  tail.set_rest_files(targets.rest_files);

  auto next_refresh = Clock::now() + kRefreshEvery;
  int exit_code = 0;
  for (;;) {
    const bool finished_before = tail.finished();
    const logs::LogBatch batch = tail.buffer().take(2048);
    printer.print(batch);
    reporter.report(tail.sources());
    if (!out) break;  // the reader went away (EPIPE): nothing more to do, and no error to tell
    if (const int sig = signals.received(); sig != 0) {
      exit_code = 128 + sig;
      break;
    }
    if (finished_before && batch.lines.empty() && !waits_for_pods) {
      exit_code = exit_code_of(tail.sources());
      break;
    }
    if (waits_for_pods && Clock::now() >= next_refresh) {
      try {
        LogTargets fresh = resolver.refresh();
        tell_changes(targets, fresh, err);
        tail.set_pods(fresh.pods);
        tail.set_rest_files(fresh.rest_files);
        targets = std::move(fresh);
      } catch (const Error&) {
        // The cluster is out of reach for a moment: keep following what is followed.
      }
      next_refresh = Clock::now() + kRefreshEvery;
    }
    if (batch.lines.empty()) tail.buffer().wait(std::chrono::milliseconds(100));
  }
  tail.stop();
  return exit_code;
}

}  // namespace flinktop::cli
