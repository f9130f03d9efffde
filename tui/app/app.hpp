// The interactive application: one UI thread that waits on the keyboard and on the Store's wake
// fd, lets the current view rebuild its rows from the latest snapshots, composes a frame into a
// Canvas and hands it to the Terminal (which writes only what changed). Network work happens on
// the sync workers (Kubernetes watches, Flink polls) and on action threads — never here.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/actions/journal.hpp"
#include "core/kube/api_client.hpp"
#include "tui/screen/theme.hpp"

namespace flinktop::tui {

struct AppTarget {
  std::shared_ptr<kube::ApiClient> client;
  std::string namespace_;  // empty = all namespaces
};

struct AppOptions {
  std::vector<AppTarget> targets;
  bool readonly = false;
  bool demo = false;
  Theme theme = Theme::builtin();
  std::chrono::milliseconds flink_refresh{2000};
  std::string start_view = "clusters";  // clusters | pods | jobs
};

// Runs until the user quits; returns the process exit code. Throws std::runtime_error when the
// terminal cannot be used (the caller prints it; nothing was drawn).
int run_app(AppOptions options, std::shared_ptr<actions::Journal> journal);

}  // namespace flinktop::tui
