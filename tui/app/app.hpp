// The interactive application: one UI thread that waits on the keyboard and on the Store's wake
// fd, hands keys and the latest snapshots to the Ui (tui/app/ui.hpp), and gives the frame it
// composes to the Terminal (which writes only what changed). Network work happens in core: the
// feeds of sync::Supply (what the screen demands) and the actions' ActionRunner — never here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/actions/journal.hpp"
#include "core/flink/endpoint.hpp"
#include "core/kube/api_client.hpp"
#include "core/model/cluster.hpp"
#include "core/sync/supply.hpp"
#include "tui/app/key_map.hpp"
#include "tui/screen/theme.hpp"

namespace flinktop::tui {

using AppTarget = sync::KubeTarget;  // a context to watch, in one namespace or ("") all

// --flink-url: one cluster that no Kubernetes describes, reached straight through its REST API.
struct FlinkUrlTarget {
  model::Cluster cluster;
  std::shared_ptr<flink::Endpoint> endpoint;
};

struct AppOptions {
  std::vector<AppTarget> targets;
  std::optional<FlinkUrlTarget> flink_url;
  bool readonly = false;
  bool demo = false;
  Theme theme = Theme::builtin();
  std::chrono::milliseconds flink_refresh{2000};
  std::string start_view = "clusters";  // clusters | pods | jobs
  KeyMap keys = KeyMap::defaults();     // with the config file's overrides
  std::size_t log_buffer_lines = 100'000;  // lines a log view keeps (config.yaml logBufferLines)
  std::string startup_warning;            // a bad config or skin file: flashed on the first frame
};

// Runs until the user quits; returns the process exit code. Throws std::runtime_error when the
// terminal cannot be used (the caller prints it; nothing was drawn).
int run_app(AppOptions options, std::shared_ptr<actions::Journal> journal);

}  // namespace flinktop::tui
