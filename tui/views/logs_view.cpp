#include "tui/views/logs_view.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>

#include "core/logs/save_lines.hpp"
#include "tui/widgets/box.hpp"

namespace flinktop::tui {

namespace {

using logs::SourceState;

constexpr std::size_t kMaxSourceLines = 3;  // sources in trouble listed above the log

// "3,402": counts of lines are read exactly, unlike the tables' "3.4k".
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

Role role_for(SourceState state) {
  switch (state) {
    case SourceState::Forbidden: case SourceState::Failed: return Role::StatusError;
    case SourceState::Ended: return Role::StatusInfo;
    default: return Role::StatusWarn;
  }
}

// A file name part from what the view shows: "orders-taskmanager-1-1", "job-fraud-scoring".
std::string file_safe(const std::string& text) {
  std::string out;
  for (const char c : text) out += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '-';
  return out.empty() ? "logs" : out;
}

}  // namespace

LogsView::LogsView(LogsTarget target, std::size_t capacity)
    : request_(std::move(target.request)), subject_(std::move(target.subject)), view_(capacity) {
  static std::atomic<std::uint64_t> views{0};
  request_.view = ++views;
}

std::vector<KeyHint> LogsView::hints() const {
  return {{"f", view_.following() ? "Pause" : "Follow"},
          {"w", "Wrap"},
          {"t", "Timestamps"},
          {"/", "Filter"},
          {"n", "Next match"},
          {"]", "Next error"},
          {"z", "Fold traces"},
          {"J", "Pretty JSON"},
          {"ctrl-s", "Save"},
          {"c", "Clear"},
          {"P", request_.previous ? "Running container" : "Previous container"},
          {"H", view_.hides_unmatched() ? "Highlight only" : "Hide unmatched"},
          {"Y", "Copy line"},
          {"esc", "Back"}};
}

void LogsView::refresh(const ViewData& data, WidgetClock::time_point /*now*/) {
  wall_now_ = data.now;
  collect_save();
  if (!data.logs || !(data.logs->request == request_) || !data.logs->tail) return;  // the App has not caught up
  if (feed_ && feed_->tail != data.logs->tail) {
    view_.clear();  // another tail: another container (P), another set of lines
    dropped_ = 0;
  }
  feed_ = data.logs;
  logs::LogBatch batch = feed_->tail->buffer().take();
  dropped_ += batch.dropped;
  view_.append(batch.lines);
  sources_ = feed_->tail->sources();
  view_.set_prefix(sources_.size() > 1);
}

bool LogsView::claims_key(const Key& key) const {
  if (key == Key::ctrl('s')) return true;
  static constexpr std::string_view kOwn = "fwtnN][zJcPH";
  return std::any_of(kOwn.begin(), kOwn.end(), [&](char c) { return key.is(static_cast<char32_t>(c)); });
}

bool LogsView::handle_key(const Key& key) {
  if (key == Key::ctrl('s')) {
    save();
  } else if (key.is('f')) {
    if (view_.following()) {
      view_.pause();
    } else {
      view_.follow();
    }
  } else if (key.is('w')) {
    view_.set_wrap(!view_.wrap());
  } else if (key.is('t')) {
    view_.set_timestamps(!view_.timestamps());
  } else if (key.is('n') || key.is('N')) {
    if (!view_.filter().active()) {
      say(Severity::Info, "no pattern to look for: / sets one");
    } else if (view_.filter().inverted()) {
      say(Severity::Info, "an inverted filter (!) marks no match for n/N to jump to");
    } else if (!view_.next_match(key.is('n'))) {
      say(Severity::Info, fmt::format("no match for /{}/ {}", view_.filter().text(), key.is('n') ? "below" : "above"));
    }
  } else if (key.is(']') || key.is('[')) {
    if (!view_.next_error(key.is(']'))) say(Severity::Info, fmt::format("no ERROR or exception {}", key.is(']') ? "below" : "above"));
  } else if (key.is('z')) {
    view_.set_folded(!view_.folded());
  } else if (key.is('J')) {
    view_.set_json(!view_.json());
  } else if (key.is('H')) {
    view_.set_hide_unmatched(!view_.hides_unmatched());
    say(Severity::Info, view_.hides_unmatched() ? "the filter hides the lines it does not match"
                                                : "the filter only highlights its matches (n/N jump to them)");
  } else if (key.is('c')) {
    view_.clear();
    if (feed_ && feed_->tail) feed_->tail->buffer().clear();
    dropped_ = 0;
    say(Severity::Info, "log view cleared; new lines keep coming");
  } else if (key.is('P')) {
    request_.previous = !request_.previous;
    say(Severity::Info, request_.previous ? "showing the previous (terminated) containers' logs"
                                          : "following the running containers' logs");
  } else {
    return view_.handle_key(key);
  }
  return true;
}

std::optional<std::pair<Severity, std::string>> LogsView::take_message() {
  auto message = std::move(message_);
  message_.reset();
  return message;
}

CopyTarget LogsView::copy_target() {
  const logs::LogLine* line = view_.cursor_line();
  if (!line) return {};
  return {"log line", logs::plain_line(*line, {view_.prefix(), view_.timestamps()})};
}

void LogsView::save() {
  if (saving_) {
    say(Severity::Info, "still writing the previous file");
    return;
  }
  std::vector<logs::LogLinePtr> lines = view_.saved_lines();
  if (lines.empty()) {
    say(Severity::Info, "nothing to save yet");
    return;
  }
  std::error_code ec;
  std::filesystem::path path = std::filesystem::absolute(save_directory_, ec).lexically_normal();
  if (ec) path = save_directory_;
  const auto ms = std::chrono::floor<std::chrono::milliseconds>(wall_now_);
  path /= fmt::format("flinktop-{}-{:%Y%m%d-%H%M%S}-{:03}.log", file_safe(subject_),
                      std::chrono::floor<std::chrono::seconds>(ms), ms.time_since_epoch().count() % 1000);
  const std::string what =
      fmt::format("{} {}lines", grouped(lines.size()), view_.filter().active() && view_.hides_unmatched() ? "filtered " : "");
  const logs::SaveOptions options{view_.prefix(), view_.timestamps()};
  saving_ = std::make_unique<logs::BackgroundSave>(path, std::move(lines), options);
  saved_as_ = fmt::format("{} to {}", what, path.string());
  say(Severity::Info, "saving " + saved_as_);
}

void LogsView::collect_save() {
  if (!saving_) return;
  if (auto outcome = saving_->outcome()) {
    if (outcome->saved) {
      say(Severity::Ok, "saved " + saved_as_);
    } else {
      say(Severity::Error, std::move(outcome->error));
    }
    saving_.reset();
  }
}

std::vector<std::pair<Role, std::string>> LogsView::state_lines() const {
  std::vector<std::pair<Role, std::string>> out;
  std::string what = feed_ ? feed_->description : "starting";
  if (request_.previous) what += " (previous containers)";
  out.emplace_back(Role::LogMarker, what);
  if (feed_ && !feed_->problem.empty()) out.emplace_back(Role::StatusWarn, feed_->problem);
  std::size_t listed = 0, unlisted = 0;
  for (const logs::SourceStatus& s : sources_) {
    // Connecting is every source's first moment: worth a line only once it lasts.
    const bool quiet = s.state == SourceState::Streaming ||
                       (s.state == SourceState::Connecting && wall_now_ - s.changed < std::chrono::seconds(3));
    if (quiet) continue;
    if (listed == kMaxSourceLines) {
      ++unlisted;
      continue;
    }
    ++listed;
    const std::string label = s.origin ? s.origin->label : s.key;
    out.emplace_back(role_for(s.state), fmt::format("{}: {}{}{}", label, logs::to_string(s.state),
                                                    s.message.empty() ? "" : " — ", s.message));
  }
  if (unlisted > 0) out.emplace_back(Role::StatusWarn, fmt::format("and {} more sources not streaming", unlisted));
  return out;
}

void LogsView::draw(Canvas& canvas, Rect area, const DrawContext& ctx) {
  std::vector<TitlePart> title{{this->title(), Role::Title}};
  title.push_back({view_.shown() == view_.size() ? fmt::format("[{}]", grouped(view_.size()))
                                                 : fmt::format("[{}/{}]", grouped(view_.shown()), grouped(view_.size())),
                   Role::TitleCounter});
  if (view_.filter().active()) title.push_back({"</" + view_.filter().text() + "/>", Role::TitleFilter});
  const Rect inside = draw_box(canvas, area, ctx, Role::BorderFocused, title);
  if (inside.empty()) return;

  // What is followed on the left; on the right the mode and what was lost.
  std::string mode = view_.following() ? "following" : fmt::format("paused, {} below (G follows)", grouped(view_.below()));
  for (const auto& [on, word] : {std::pair{view_.wrap(), "wrap"}, std::pair{view_.timestamps(), "time"},
                                 std::pair{view_.folded(), "folded"}, std::pair{view_.json(), "json"},
                                 std::pair{!view_.hides_unmatched(), "highlight"}}) {
    if (on) mode += std::string(" · ") + word;
  }
  if (dropped_ > 0) mode += fmt::format(" · {} dropped", grouped(dropped_));
  if (view_.evicted() > 0) mode += fmt::format(" · oldest {} let go", grouped(view_.evicted()));

  auto lines = state_lines();
  const int state_rows = std::min<int>(static_cast<int>(lines.size()), std::max(1, inside.height / 3));
  for (int i = 0; i < state_rows; ++i) {
    const auto& [role, text] = lines[static_cast<std::size_t>(i)];
    int right = 0;
    if (i == 0) {
      const int mode_width = std::min(text_width(mode), inside.width / 2);
      right = mode_width + 1;
      canvas.text(inside.x + inside.width - mode_width, inside.y, truncate_to_width(mode, mode_width),
                  ctx.theme[view_.following() ? Role::LogMarker : Role::StatusWarn], mode_width);
    }
    canvas.text(inside.x, inside.y + i, truncate_to_width(text, inside.width - right), ctx.theme[role],
                inside.width - right);
  }
  const Rect body{inside.x, inside.y + state_rows, inside.width, inside.height - state_rows};
  if (view_.shown() == 0 && !body.empty()) {
    const std::string empty =
        view_.size() > 0 ? fmt::format("no line passes the filter /{}/ (of {} kept)", view_.filter().text(), grouped(view_.size()))
                         : "waiting for log lines";
    canvas.text(body.x, body.y, empty, ctx.theme[Role::LogMarker], body.width);
  }
  view_.draw(canvas, body, ctx);
}

}  // namespace flinktop::tui
