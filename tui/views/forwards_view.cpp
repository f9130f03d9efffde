#include "tui/views/forwards_view.hpp"

#include <fmt/format.h>

namespace flinktop::tui {

namespace {
constexpr std::size_t kStateColumn = 4;

Role role_for(const std::string& state) {
  if (state == "failed") return Role::RowError;
  if (state == "waiting" || state == "reconnecting" || state == "failing") return Role::RowWarn;
  return Role::RowOk;
}
}  // namespace

ForwardsView::ForwardsView(ForwardActions actions) : actions_(std::move(actions)) {
  // The URL and the state are what one looks for; the reason (when not active) is why one looks
  // again: the names give way first.
  table_.set_columns({{"TARGET", 16, 0, true, Align::Left},
                      {"CONTEXT", 6, 0, true, Align::Left},
                      {"POD", 10, 0, true, Align::Left},
                      {"URL", 22, 0, false, Align::Left},  // http://127.0.0.1:65535 whole
                      {"STATE", 7, 0, false, Align::Left},
                      {"WHY", 24, 0, false, Align::Left},
                      {"REMOTE", 0, 0, false, Align::Right},
                      {"CONN", 0, 0, false, Align::Right},
                      {"IN", 0, 0, false, Align::Right},
                      {"OUT", 0, 0, false, Align::Right}});
  table_.set_empty_message("No port-forwards: F on a cluster, pod or job starts one");
  table_.set_row_role([](const model::Row& row) {
    return kStateColumn < row.cells.size() ? role_for(row.cells[kStateColumn]) : Role::RowNormal;
  });
}

std::vector<KeyHint> ForwardsView::hints() const {
  return {{"o", "Open URL"}, {"Y", "Copy URL"}, {"r", "Restart"}, {"ctrl-d", "Stop"}, {"esc", "Back"}, {"?", "Help"}};
}

void ForwardsView::refresh(const ViewData& data, WidgetClock::time_point now) {
  forwards_ = data.forwards;
  TableView::refresh(data, now);
}

model::RowTable ForwardsView::rows(const ViewData& data) const {
  model::RowTable table{{"TARGET", "CONTEXT", "POD", "URL", "STATE", "WHY", "REMOTE", "CONN", "IN", "OUT", "AGE"}, {}};
  for (const sync::ForwardReport& f : data.forwards) {
    const std::string pod = !f.serving_pod.empty() ? f.serving_pod : f.status.pod;
    table.rows.push_back({f.request.id(),
                          {f.request.target.describe(), f.request.context, pod, f.url.empty() ? "-" : f.url,
                           std::string(sync::to_string(f.state)), f.reason, std::to_string(f.request.remote_port),
                           std::to_string(f.status.open_connections),
                           bytes(static_cast<std::int64_t>(f.status.bytes_from_pod)),
                           bytes(static_cast<std::int64_t>(f.status.bytes_to_pod)), age_cell(f.started, data.now)}});
  }
  return table;
}

const sync::ForwardReport* ForwardsView::selected_forward() {
  const std::string id = selected_id();
  for (const sync::ForwardReport& f : forwards_) {
    if (f.request.id() == id) return &f;
  }
  return nullptr;
}

bool ForwardsView::handle_key(const Key& key) {
  const bool restart = key.is('r');
  const bool open = key.is('o');
  if (!restart && !open && !(key == Key::ctrl('d'))) return TableView::handle_key(key);
  const std::string id = selected_id();
  if (id.empty()) {
    message_.emplace(Severity::Warn, "no port-forward selected");
  } else if (restart) {
    actions_.restart(id);
    message_.emplace(Severity::Info, "restarting port-forward " + id);
  } else if (open) {
    const sync::ForwardReport* forward = selected_forward();
    if (!forward || forward->url.empty()) {
      message_.emplace(Severity::Warn, "this port-forward does not listen: nothing to open (r restarts it)");
    } else {
      message_ = actions_.open(forward->url);
    }
  } else {
    actions_.stop(id);
  }
  return true;
}

std::optional<std::pair<Severity, std::string>> ForwardsView::take_message() {
  std::optional<std::pair<Severity, std::string>> out;
  out.swap(message_);
  return out;
}

CopyTarget ForwardsView::copy_target() {
  const sync::ForwardReport* forward = selected_forward();
  if (forward && !forward->url.empty()) return {"URL", forward->url};
  return {};
}

std::string forward_started_line(const sync::ForwardReport& report) {
  const std::string target = fmt::format("{} port {}", report.request.target.describe(), report.request.remote_port);
  if (report.state == sync::ForwardState::Failed) return fmt::format("port-forward to {} failed: {}", target, report.reason);
  std::string line = fmt::format("{} → {}", report.url, target);
  if (report.local_port_moved) line += fmt::format(" (local {} was in use)", report.request.remote_port);
  if (report.state == sync::ForwardState::Waiting) line += "; waiting: " + report.reason;
  return line + " — Y on :pf copies it";
}

}  // namespace flinktop::tui
