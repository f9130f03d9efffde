#include "tui/app/app.hpp"

#include <fmt/format.h>
#include <poll.h>

#include <atomic>
#include <optional>
#include <thread>
#include <vector>

#include "core/actions/cluster_endpoint.hpp"
#include "core/flink/client.hpp"
#include "core/model/cluster_discovery.hpp"
#include "core/sync/context_watch.hpp"
#include "core/sync/flink_poller.hpp"
#include "core/sync/pod_usage_poller.hpp"
#include "flinktop/version.hpp"
#include "tui/app/action_threads.hpp"
#include "tui/app/edit_flow.hpp"
#include "tui/app/editor.hpp"
#include "tui/app/log_session.hpp"
#include "tui/app/ui.hpp"
#include "tui/screen/terminal.hpp"

namespace flinktop::tui {

namespace {

using namespace std::chrono_literals;

// Log lines arriving in a burst repaint at most this often; keys are still answered at once.
constexpr auto kLogFrameInterval = 33ms;

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

// The network side of the UI: the Kubernetes watches feeding the Store, the Flink poller that
// follows the cluster on screen, the action threads; and the loop that hands keys and data to
// the Ui and its frames to the Terminal.
class App {
 public:
  App(AppOptions options, std::shared_ptr<actions::Journal> journal)
      : options_(std::move(options)), journal_(std::move(journal)), outbox_(std::make_shared<ActionOutbox>()),
        ui_(ui_settings(options_), UiHooks{[this] { refresh_now(); },
                                           [this](const JobActionRequest& r) { run_action(r); },
                                           [this](const std::string& text) {
                                             return terminal_ && terminal_->copy_to_clipboard(text);
                                           },
                                           [this](const ObjectRequest& r) { object_action(r); }}) {
    outbox_->store = &store_;
  }

  ~App() {
    std::lock_guard lock(outbox_->mutex);
    outbox_->store = nullptr;
  }

  int run() {
    terminal_ = std::make_unique<Terminal>();
    theme_ = terminal_->color() ? options_.theme : Theme::monochrome();
    for (const AppTarget& target : options_.targets) {
      watches_.push_back(std::make_unique<sync::ContextWatch>(target.client, store_, target.namespace_));
    }
    while (ui_.running()) {
      pollfd fds[2] = {{terminal_->fd(), POLLIN, 0}, {store_.wake_fd(), POLLIN, 0}};
      // While log lines pour in, the next frame waits for its turn (or a key) rather than
      // repainting per batch.
      const auto since_frame = WidgetClock::now() - last_frame_;
      if (log_woken_.load() && since_frame < kLogFrameInterval) {
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
        if (poller_) poller_->poll_now();
        journal_stale_ = true;  // the action just wrote its outcome there
        input = true;
      }
      frame(input || editing || edit_ != nullptr);
    }
    // A confirmed edit still on its way: let it land (and be journaled) before the process ends.
    const auto give_up = std::chrono::steady_clock::now() + 30s;
    while (edit_ && edit_->sending() && std::chrono::steady_clock::now() < give_up) std::this_thread::sleep_for(20ms);
    edit_.reset();
    usage_pollers_.clear();
    log_session_.reset();
    watches_.clear();
    poller_.reset();
    // An action still running (a savepoint being waited for) ends now, journaled as cancelled
    // (Flink may still complete it); ~App joins it, at once since every call it makes takes the token.
    actions_.cancel_all();
    return 0;
  }

 private:
  // True when the view on screen was refreshed.
  bool refresh_data(WidgetClock::time_point now) {
    bool changed = false;
    const std::uint64_t generation = store_.generation();
    if (generation != seen_generation_) {
      seen_generation_ = generation;
      std::vector<std::shared_ptr<const model::ContextSnapshot>> snapshots;
      bool rediscovered = clusters_ == nullptr;
      for (std::size_t i = 0; i < options_.targets.size(); ++i) {
        snapshots.push_back(store_.snapshot(options_.targets[i].client->context()));
        // Unchanged clusters come back as the same list: an Event or the pods' usage changes none.
        auto found = discoveries_[i].run(*snapshots.back());
        rediscovered = rediscovered || found != discovered_[i];
        discovered_[i] = std::move(found);
      }
      if (rediscovered) {
        auto clusters = std::make_shared<model::ClusterList>();
        for (const auto& found : discovered_) clusters->insert(clusters->end(), found->begin(), found->end());
        if (flink_url_cluster_) clusters->push_back(flink_url_cluster_);
        clusters_ = std::move(clusters);
      }
      contexts_ = std::move(snapshots);
      changed = true;
    }
    follow_focus();
    follow_pod_usage();
    if (follow_logs()) changed = true;
    if (follow_journal()) changed = true;
    auto flink = poller_ ? poller_->snapshot() : nullptr;
    if (flink != seen_flink_) {
      seen_flink_ = flink;
      changed = true;
    }
    return ui_.refresh(ViewData{clusters_, flink, std::chrono::system_clock::now(), contexts_, journal_savepoints_,
                                log_session_ ? log_session_->feed() : nullptr},
                       changed, now);
  }

  // The logs a log view in the stack asks for (the topmost such view): a LogSession while one
  // asks, a new one when it asks for other logs. True when there is something new to show.
  bool follow_logs() {
    const LogRequest* wanted = ui_.log_request();
    if (!wanted) {
      log_session_.reset();
      log_woken_ = false;
      return false;
    }
    bool changed = log_woken_.exchange(false);
    const model::Cluster* c = cluster(wanted->cluster_id);
    if (!log_session_ || !(log_session_->request() == *wanted)) {
      log_session_.reset();
      LogSession::Route route;
      if (c) {
        route.kube = kube_for(*c);
        route.flink = poller_ && poller_->cluster_id() == c->id ? poller_->client() : flink_client_for(c->id);
      }
      LogSession::Options session;
      session.buffer_lines = options_.log_buffer_lines;
      log_session_ = std::make_unique<LogSession>(*wanted, std::move(route), session, [this] {
        log_woken_ = true;
        store_.notify();
      });
      changed = true;
    }
    const model::ContextSnapshot* snapshot = nullptr;
    for (const auto& s : contexts_) {
      if (c && s->context == c->context) snapshot = s.get();
    }
    const auto flink = poller_ && c && poller_->cluster_id() == c->id ? poller_->snapshot() : nullptr;
    const auto before = log_session_->feed();
    log_session_->update(c, snapshot, flink.get());
    // A view opened over the log view does not rebuild for every batch of lines.
    return (changed || log_session_->feed() != before) && ui_.top().log_request() != nullptr;
  }

  // The journal is a local file of at most a few hundred kilobytes: read here, on the UI thread,
  // only when a savepoints list opens and after an action ends (never per frame), rather than
  // keep a thread for it. True when there are new records.
  bool follow_journal() {
    if (!ui_.shows_savepoints()) {
      journal_savepoints_.reset();  // read afresh when a savepoints list opens again
      return false;
    }
    if (journal_savepoints_ && !journal_stale_) return false;
    journal_stale_ = false;
    auto records = std::make_shared<std::vector<model::SavepointRecord>>();
    if (journal_) {
      try {
        *records = actions::journal_savepoints(journal_->read());
      } catch (const std::exception& e) {
        ui_.flash(Severity::Warn, fmt::format("savepoints from the journal are not shown: {}", e.what()));
      }
    }
    journal_savepoints_ = std::move(records);
    return true;
  }

  // The metrics API is listed (every 15 s, per context) only while a pods view shows its figures.
  void follow_pod_usage() {
    if (!ui_.shows_pod_usage()) {
      usage_pollers_.clear();
      return;
    }
    if (!usage_pollers_.empty()) return;
    for (const AppTarget& target : options_.targets) {
      usage_pollers_.push_back(std::make_unique<sync::PodUsagePoller>(target.client, store_, target.namespace_));
    }
  }

  // The Flink REST poller follows the cluster the current view is about.
  void follow_focus() {
    const std::string cluster_id = ui_.focus_cluster();
    if (cluster_id.empty()) {
      poller_.reset();
      return;
    }
    if (!poller_ || poller_->cluster_id() != cluster_id) {
      poller_.reset();
      seen_flink_.reset();
      if (auto client = flink_client_for(cluster_id)) {
        poller_ = std::make_unique<sync::FlinkPoller>(client, cluster_id, [this] { store_.notify(); },
                                                      options_.flink_refresh);
      }
    }
    if (poller_) {
      poller_->open_job(ui_.focus_job());
      poller_->show_taskmanager_load(ui_.shows_taskmanager_load());
    }
  }

  const model::Cluster* cluster(const std::string& id) const {
    if (!clusters_) return nullptr;
    for (const auto& c : *clusters_) {
      if (c->id == id) return c.get();
    }
    return nullptr;
  }

  std::shared_ptr<kube::ApiClient> kube_for_context(const std::string& context) const {
    for (const AppTarget& target : options_.targets) {
      if (target.client->context() == context) return target.client;
    }
    return nullptr;
  }

  std::shared_ptr<kube::ApiClient> kube_for(const model::Cluster& c) const { return kube_for_context(c.context); }

  // The route is core/actions' decision, so polls and actions reach a cluster the same way.
  std::shared_ptr<flink::Client> flink_client_for(const std::string& cluster_id) {
    const model::Cluster* c = cluster(cluster_id);
    if (!c) return nullptr;
    if (options_.flink_url && c->id == options_.flink_url->cluster.id) {
      return std::make_shared<flink::Client>(options_.flink_url->endpoint);
    }
    auto endpoint = actions::rest_endpoint_for(kube_for(*c), *c);
    if (!endpoint) return nullptr;
    return std::make_shared<flink::Client>(std::move(endpoint));
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
    if (poller_) poller_->poll_now();
    terminal_->invalidate();
  }

  void run_action(const JobActionRequest& request) {
    actions::ActionContext ctx;
    ctx.kube = kube_for(request.job.cluster);
    ctx.flink = poller_ && poller_->cluster_id() == request.job.cluster.id ? poller_->client()
                                                                           : flink_client_for(request.job.cluster.id);
    ctx.journal = journal_.get();
    ctx.readonly = options_.readonly;
    start_job_action(actions_, request, std::move(ctx), outbox_, journal_);
  }

  // n, e (an EditFlow: the editor, a dry run, a dialog, then the change) and a confirmed ctrl-d.
  void object_action(const ObjectRequest& request) {
    if (options_.readonly) return ui_.flash(Severity::Warn, "read-only: flinktop was started with --readonly");
    if (request.verb == ObjectRequest::Verb::Delete) {
      start_object_delete(actions_, request, kube_for_context(request.key.context), outbox_, journal_);
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
    edit_ = std::make_unique<EditFlow>(request, kube_for_context(request.key.context), std::move(hooks));
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
  model::Store store_;
  std::shared_ptr<ActionOutbox> outbox_;
  Ui ui_;
  std::vector<std::unique_ptr<sync::ContextWatch>> watches_;
  std::unique_ptr<sync::FlinkPoller> poller_;
  std::vector<std::unique_ptr<sync::PodUsagePoller>> usage_pollers_;
  std::unique_ptr<Terminal> terminal_;
  Theme theme_;
  Canvas canvas_;
  // One discovery per context (as options_.targets), what each found last, and all of it together
  // (null before the first discovery, which must run even with no context at all: --flink-url
  // alone still has its cluster).
  std::vector<model::ClusterDiscovery> discoveries_ = std::vector<model::ClusterDiscovery>(options_.targets.size());
  std::vector<std::shared_ptr<const model::ClusterList>> discovered_ =
      std::vector<std::shared_ptr<const model::ClusterList>>(options_.targets.size());
  std::shared_ptr<const model::Cluster> flink_url_cluster_ =
      options_.flink_url ? std::make_shared<const model::Cluster>(options_.flink_url->cluster) : nullptr;
  std::shared_ptr<const model::ClusterList> clusters_;
  std::vector<std::shared_ptr<const model::ContextSnapshot>> contexts_;
  std::uint64_t seen_generation_ = ~0ull;
  std::shared_ptr<const model::FlinkClusterSnapshot> seen_flink_;
  std::shared_ptr<const std::vector<model::SavepointRecord>> journal_savepoints_;
  bool journal_stale_ = false;
  // Declared after what its tasks use through the outbox (the Store), so it is joined first.
  actions::ActionRunner actions_;
  std::unique_ptr<EditFlow> edit_;
  std::string edit_label_;  // "edit FlinkDeployment ns/name": its in-flight line while it is sent
  // Last: its wake callback uses the store and the flag above, so it goes first.
  std::atomic<bool> log_woken_{false};
  WidgetClock::time_point last_frame_{};
  std::unique_ptr<LogSession> log_session_;
};

}  // namespace

int run_app(AppOptions options, std::shared_ptr<actions::Journal> journal) {
  App app(std::move(options), std::move(journal));
  return app.run();
}

}  // namespace flinktop::tui
