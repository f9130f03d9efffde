// Runs the real flinktop binary (or any command) the way a user or a script would, and captures
// what it printed and how it exited.
#pragma once

#include <string>
#include <vector>

namespace flinktop::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// argv[0] is the program path; no shell is involved. Extra environment entries are "NAME=value".
CommandResult run_command(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {});

// A fresh directory under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // Writes `content` to path()/name and returns the full path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

}  // namespace flinktop::test
