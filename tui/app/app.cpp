#include "tui/app/app.hpp"

#include <fmt/format.h>
#include <poll.h>

#include <cstdlib>
#include <optional>
#include <thread>
#include <vector>

#include "core/sync/supply.hpp"
#include "flinktop/version.hpp"
#include "tui/app/action_threads.hpp"
#include "tui/app/edit_flow.hpp"
#include "tui/app/editor.hpp"
#include "tui/app/ui.hpp"
#include "tui/app/url_opener.hpp"
#include "tui/screen/terminal.hpp"

namespace flinktop::tui {

namespace {

using namespace std::chrono_literals;

// Log lines arriving in a burst repaint at most this often; keys are still answered at once.
constexpr auto kLogFrameInterval = 33ms;

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

UiSettings ui_settings(const AppOptions& options) {
  UiSettings settings;
  settings.readonly = options.readonly;
  settings.demo = options.demo;
  settings.several_contexts = options.targets.size() > 1;
  for (const AppTarget& t : options.targets) {
    settings.context += (settings.context.empty() ? "" : ", ") + t.client->context();
  }
  if (options.targets.size() > 1) settings.context = fmt::format("{} contexts", options.targets.size());
  if (options.flink_url) {
    settings.flink_url = options.flink_url->cluster.id;
    settings.context = "--flink-url " + options.flink_url->cluster.name;
  }
  settings.kube_namespace = options.targets.size() == 1 && !options.targets[0].namespace_.empty()
                                ? options.targets[0].namespace_
                                : "all";
  if (!options.targets.empty()) {
    const kube::ApiClient& first = *options.targets.front().client;
    settings.home_context = first.context();
    settings.home_namespace =
        options.targets.front().namespace_.empty() ? first.config().default_namespace : options.targets.front().namespace_;
  }
  settings.flinktop_version = kVersion;
  settings.start_view = options.start_view;
  settings.keys = options.keys;
  settings.startup_warning = options.startup_warning;
  settings.log_buffer_lines = options.log_buffer_lines;
  return settings;
}

sync::SupplyOptions supply_options(const AppOptions& options, std::shared_ptr<actions::Journal> journal) {
  sync::SupplyOptions supply;
  for (const AppTarget& t : options.targets) supply.targets.push_back({t.client, t.namespace_});
  if (options.flink_url) {
    supply.flink_url_cluster = std::make_shared<const model::Cluster>(options.flink_url->cluster);
    supply.flink_url_endpoint = options.flink_url->endpoint;
  }
  supply.flink_refresh = options.flink_refresh;
  supply.log_buffer_lines = options.log_buffer_lines;
  supply.journal = std::move(journal);
  return supply;
}

// The loop that hands keys and what core/sync supplies to the Ui and its frames to the Terminal;
// the screen's demand goes to the Supply, confirmed actions to the ActionRunner.
class App {
 public:
  App(AppOptions options, std::shared_ptr<actions::Journal> journal)
      : options_(std::move(options)), journal_(std::move(journal)), outbox_(std::make_shared<ActionOutbox>()),
        ui_(ui_settings(options_), UiHooks{[this] { refresh_now(); },
                                           [this](const JobActionRequest& r) { run_action(r); },
                                           [this](const std::string& text) {
                                             return terminal_ && terminal_->copy_to_clipboard(text);
                                           },
                                           [this](const ObjectRequest& r) { object_action(r); },
                                           [this](const std::string& url) {
                                             const OpenResult result = url_opener_.open(url);
                                             return std::pair{result.opened, result.line};
                                           }}) {
    outbox_->store = &store_;
  }

  ~App() {
    std::lock_guard lock(outbox_->mutex);
    outbox_->store = nullptr;
  }

  int run() {
    terminal_ = std::make_unique<Terminal>();
    theme_ = terminal_->color() ? options_.theme : Theme::monochrome();
    supply_ = std::make_unique<sync::Supply>(supply_options(options_, journal_), store_);
    while (ui_.running()) {
      pollfd fds[2] = {{terminal_->fd(), POLLIN, 0}, {store_.wake_fd(), POLLIN, 0}};
      // While log lines pour in, the next frame waits for its turn (or a key) rather than
      // repainting per batch.
      const auto since_frame = WidgetClock::now() - last_frame_;
      if (supply_->log_lines_waiting() && since_frame < kLogFrameInterval) {
        ::poll(fds, 1, static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(kLogFrameInterval - since_frame).count()));
        store_.clear_wake();  // the log wakes that made us wait: the coming frame reads everything
      } else {
        ::poll(fds, 2, 250);
        if (fds[1].revents & POLLIN) store_.clear_wake();
      }
      bool input = false;
      while (Key key = terminal_->read_key(0ms)) {
        ui_.on_key(key);
        input = true;
      }
      const bool editing = edit_ != nullptr;  // an edit ending in this step flashes its outcome
      advance_edit();
      if (collect_outbox(*outbox_, ui_.status(), WidgetClock::now(), copy_key())) {
        supply_->poll_now();  // the action's effect, and its outcome in the journal
        input = true;
      }
      frame(input || editing || edit_ != nullptr);
    }
    // A confirmed edit still on its way: let it land (and be journaled) before the process ends.
    const auto give_up = std::chrono::steady_clock::now() + 30s;
    while (edit_ && edit_->sending() && std::chrono::steady_clock::now() < give_up) std::this_thread::sleep_for(20ms);
    edit_.reset();
    supply_.reset();
    // An action still running (a savepoint being waited for) ends now, journaled as cancelled
    // (Flink may still complete it); ~App joins it, at once since every call it makes takes the token.
    actions_.cancel_all();
    return 0;
  }

 private:
  // True when the view on screen was refreshed.
  bool refresh_data(WidgetClock::time_point now) {
    supply_->want(ui_.demand());
    const sync::Collected collected = supply_->collect();
    if (auto warning = supply_->take_warning()) ui_.flash(Severity::Warn, std::move(*warning));
    // A view opened over the log view does not rebuild for every batch of lines.
    const bool changed = collected.data || (collected.log_lines && ui_.top().demand().logs);
    return ui_.refresh(ViewData{supply_->supplied(), std::chrono::system_clock::now()}, changed, now);
  }

  // `input`: a key, an action's outcome or an open edit may have changed what is shown.
  void frame(bool input) {
    const auto now = WidgetClock::now();
    const bool refreshed = refresh_data(now);
    const Terminal::Size size = terminal_->size();
    const bool resized = canvas_.width() != size.width || canvas_.height() != size.height;
    // Nothing new to show, nothing composed: a frame would write no byte, but composing it cost
    // ~0.4 ms four times a second. A quiet screen is still composed once a second (a flash or a
    // changed row's highlight ending), and on every wake while an action is in flight (its spinner).
    if (!input && !refreshed && !resized && now - last_frame_ < 1s && ui_.status().in_flight.empty()) return;
    if (resized) canvas_.resize(size.width, size.height);
    ui_.compose(canvas_, DrawContext{theme_, terminal_->unicode(), now});
    terminal_->present(canvas_);
    last_frame_ = now;
  }

  // "Y", or whatever config.yaml bound the copy action to.
  std::string copy_key() const {
    const KeyBinding* binding = options_.keys.binding(Action::Copy);
    return binding ? to_string(binding->key) : "";
  }

  void refresh_now() {
    supply_->poll_now();
    terminal_->invalidate();
  }

  void run_action(const JobActionRequest& request) {
    sync::ClusterRoute route = supply_->route(request.job.cluster);
    actions::ActionContext ctx;
    ctx.kube = std::move(route.kube);
    ctx.flink = std::move(route.flink);
    ctx.journal = journal_.get();
    ctx.readonly = options_.readonly;
    start_job_action(actions_, request, std::move(ctx), outbox_, journal_);
  }

  // n, e (an EditFlow: the editor, a dry run, a dialog, then the change) and a confirmed ctrl-d.
  void object_action(const ObjectRequest& request) {
    if (options_.readonly) return ui_.flash(Severity::Warn, "read-only: flinktop was started with --readonly");
    if (request.verb == ObjectRequest::Verb::Delete) {
      start_object_delete(actions_, request, supply_->kube_for_context(request.key.context), outbox_, journal_);
      return;
    }
    if (edit_) return ui_.flash(Severity::Warn, "an edit is still open: finish it first");
    EditFlow::Hooks hooks;
    hooks.edit = [this](const std::string& path) {
      terminal_->suspend();
      std::string failed = run_editor(path);
      terminal_->resume();
      terminal_->invalidate();
      return failed;
    };
    hooks.wake = [outbox = outbox_] { wake(*outbox); };
    hooks.journal = journal_;
    edit_label_ = action_label(request);
    edit_ = std::make_unique<EditFlow>(request, supply_->kube_for_context(request.key.context), std::move(hooks));
  }

  // One step of the open edit, when no prompt or dialog is in the way.
  void advance_edit() {
    if (!edit_ || !ui_.idle()) return;
    EditFlow::Step step = edit_->step();
    if (step.kind == EditFlow::Step::Kind::Ask) {
      ui_.ask(
          std::move(step.dialog),
          [this](const std::string&) {
            ui_.status().in_flight.push_back({edit_label_, WidgetClock::now()});
            edit_->answer(true);
          },
          [this] { edit_->answer(false); });
    } else if (step.kind == EditFlow::Step::Kind::Done) {
      auto& in_flight = ui_.status().in_flight;
      std::erase_if(in_flight, [&](const InFlight& f) { return f.label == edit_label_; });
      ui_.flash(step.severity, step.message);
      edit_.reset();
    }
  }

  AppOptions options_;
  std::shared_ptr<actions::Journal> journal_;
  UrlOpener url_opener_{env_or_empty("BROWSER"), env_or_empty("PATH")};
  model::Store store_;
  std::shared_ptr<ActionOutbox> outbox_;
  Ui ui_;
  std::unique_ptr<Terminal> terminal_;
  Theme theme_;
  Canvas canvas_;
  WidgetClock::time_point last_frame_{};
  // Declared after what its tasks use through the outbox (the Store), so it is joined first.
  actions::ActionRunner actions_;
  std::unique_ptr<EditFlow> edit_;
  std::string edit_label_;  // "edit FlinkDeployment ns/name": its in-flight line while it is sent
  // Last: its feeds wake through the Store, so they stop first.
  std::unique_ptr<sync::Supply> supply_;
};

}  // namespace

int run_app(AppOptions options, std::shared_ptr<actions::Journal> journal) {
  App app(std::move(options), std::move(journal));
  return app.run();
}

}  // namespace flinktop::tui
