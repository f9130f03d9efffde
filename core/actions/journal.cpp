#include "core/actions/journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/text/age.hpp"

namespace flinktop::actions {

namespace {

std::chrono::system_clock::time_point parse_time(const std::string& text) {
  std::tm tm{};
  if (strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm) == nullptr) return {};
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

[[noreturn]] void cannot_write(const std::filesystem::path& path, const std::string& why) {
  throw Error(ErrorKind::Config, fmt::format("cannot write the action journal {}: {}", path.string(), why));
}

}  // namespace

std::filesystem::path Journal::default_path() {
  const char* state = std::getenv("XDG_STATE_HOME");
  if (state != nullptr && *state == '/') return std::filesystem::path(state) / "flinktop" / "actions.log";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr ? home : "/tmp") / ".local" / "state" / "flinktop" / "actions.log";
}

Journal::Journal(std::filesystem::path path) : path_(std::move(path)) {}

void Journal::append(JournalEntry entry) {
  if (entry.time == std::chrono::system_clock::time_point{}) entry.time = std::chrono::system_clock::now();
  nlohmann::ordered_json line{{"time", text::rfc3339(entry.time)},
                              {"context", entry.context},
                              {"namespace", entry.namespace_},
                              {"cluster", entry.cluster},
                              {"job", entry.job},
                              {"action", entry.action},
                              {"result", entry.result},
                              {"savepoint", entry.savepoint},
                              {"message", entry.message}};
  // Replace invalid UTF-8 instead of throwing: the record matters more than a perfect byte.
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";

  std::lock_guard lock(mutex_);
  std::error_code ec;
  std::filesystem::create_directories(path_.parent_path(), ec);
  if (ec) cannot_write(path_, ec.message());
  const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) cannot_write(path_, std::strerror(errno));
  // One write() of one line with O_APPEND: concurrent flinktop processes never interleave lines.
  const ssize_t written = ::write(fd, text.data(), text.size());
  const int write_errno = errno;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(text.size())) cannot_write(path_, std::strerror(write_errno));
  if (!synced) cannot_write(path_, "fsync failed");
}

std::vector<JournalEntry> Journal::read(std::size_t limit) const {
  std::lock_guard lock(mutex_);
  std::ifstream in(path_);
  std::deque<JournalEntry> entries;
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) continue;
    auto field = [&](const char* key) {
      auto it = j.find(key);
      return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    entries.push_back(JournalEntry{parse_time(field("time")), field("context"), field("namespace"), field("cluster"),
                                   field("job"), field("action"), field("result"), field("savepoint"),
                                   field("message")});
    if (entries.size() > limit) entries.pop_front();
  }
  return {entries.begin(), entries.end()};
}

std::vector<model::SavepointRecord> journal_savepoints(const std::vector<JournalEntry>& entries) {
  std::vector<model::SavepointRecord> records;
  for (const JournalEntry& e : entries) {
    if (e.result != "succeeded" || e.savepoint.empty()) continue;
    model::SavepointRecord r;
    r.context = e.context;
    r.namespace_ = e.namespace_;
    r.cluster = e.cluster;
    r.job = e.job;
    r.path = e.savepoint;
    r.state = "COMPLETED";
    r.trigger = e.action;
    r.time = e.time;
    r.sources = {"journal"};
    records.push_back(std::move(r));
  }
  return records;
}

}  // namespace flinktop::actions
