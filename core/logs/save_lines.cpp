// save_lines: mkstemp in the target's directory (same filesystem, so rename is atomic), write,
// fsync, rename; the temporary file is removed on any failure.
#include "core/logs/save_lines.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"
#include "core/logs/log_timestamp.hpp"

namespace flinktop::logs {

namespace {

Error write_error(const std::filesystem::path& path, int error) {
  return Error(ErrorKind::Config, fmt::format("cannot write {}: {}", path.string(), std::strerror(error)));
}

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::string plain_line(const LogLine& line, const SaveOptions& options) {
  std::string text;
  if (options.prefix && line.origin) {
    text += line.origin->label;
    text += ' ';
  }
  if (options.timestamps && line.time) {
    text += format_rfc3339_ns(to_ns(*line.time));
    text += ' ';
  }
  text += line.text;
  return text;
}

void save_lines(const std::filesystem::path& path, const std::vector<LogLinePtr>& lines,
                const SaveOptions& options) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string temp = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw write_error(path, errno);
  auto fail = [&](int error) {
    ::close(fd);
    ::unlink(temp.c_str());
    return write_error(path, error);
  };
  std::string chunk;
  for (const LogLinePtr& line : lines) {
    chunk += plain_line(*line, options);
    chunk += '\n';
    if (chunk.size() >= (1 << 20)) {
      if (!write_all(fd, chunk)) throw fail(errno);
      chunk.clear();
    }
  }
  if (!write_all(fd, chunk) || ::fsync(fd) != 0) throw fail(errno);
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw write_error(path, error);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw write_error(path, error);
  }
}

BackgroundSave::BackgroundSave(std::filesystem::path path, std::vector<LogLinePtr> lines, SaveOptions options)
    : thread_([this, path = std::move(path), lines = std::move(lines), options] {
        Outcome outcome;
        try {
          save_lines(path, lines, options);
          outcome.saved = true;
        } catch (const std::exception& e) {
          outcome.error = e.what();
        }
        std::lock_guard lock(mutex_);
        outcome_ = std::move(outcome);
      }) {}

std::optional<BackgroundSave::Outcome> BackgroundSave::outcome() const {
  std::lock_guard lock(mutex_);
  return outcome_;
}

}  // namespace flinktop::logs
