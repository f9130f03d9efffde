#include "tui/app/app.hpp"

#include <fmt/format.h>
#include <poll.h>

#include <algorithm>
#include <mutex>
#include <thread>

#include "core/actions/job_actions.hpp"
#include "core/flink/endpoint.hpp"
#include "core/model/cluster_discovery.hpp"
#include "core/sync/context_watch.hpp"
#include "core/sync/flink_poller.hpp"
#include "flinktop/version.hpp"
#include "tui/app/key_map.hpp"
#include "tui/screen/terminal.hpp"
#include "tui/views/clusters_view.hpp"
#include "tui/views/job_view.hpp"
#include "tui/views/jobs_view.hpp"
#include "tui/views/placeholder_view.hpp"
#include "tui/views/pods_view.hpp"
#include "tui/views/taskmanagers_view.hpp"
#include "tui/widgets/crumbs.hpp"
#include "tui/widgets/dialog.hpp"
#include "tui/widgets/help_view.hpp"
#include "tui/widgets/prompt.hpp"
#include "tui/widgets/status_line.hpp"

namespace flinktop::tui {

namespace {

using namespace std::chrono_literals;

constexpr auto kFlashFor = 8s;

// What action threads hand back to the UI thread. Shared, so a thread that outlives the App
// (the user quit during a savepoint) still has somewhere to write.
struct ActionOutbox {
  std::mutex mutex;
  std::vector<std::pair<Severity, std::string>> messages;
  std::vector<std::string> finished;  // labels of in-flight actions that ended
  model::Store* store = nullptr;      // to wake the UI; cleared when the App ends
};

class App {
 public:
  App(AppOptions options, std::shared_ptr<actions::Journal> journal)
      : options_(std::move(options)), journal_(std::move(journal)), keys_(KeyMap::defaults()),
        outbox_(std::make_shared<ActionOutbox>()) {
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
    stack_.push_back(std::make_unique<ClustersView>(options_.targets.size() > 1));
    if (options_.start_view == "pods") stack_.push_back(std::make_unique<PodsView>());
    command_.set_candidates({"clusters", "pods", "jobs", "tm", "taskmanagers", "pf", "port-forwards", "logs",
                             "ctx", "ns", "help", "quit", "q"});

    while (running_) {
      pollfd fds[2] = {{terminal_->fd(), POLLIN, 0}, {store_.wake_fd(), POLLIN, 0}};
      ::poll(fds, 2, 250);
      if (fds[1].revents & POLLIN) store_.clear_wake();
      while (Key key = terminal_->read_key(0ms)) on_key(key);
      collect_outbox();
      frame();
    }
    watches_.clear();
    poller_.reset();
    for (std::thread& t : workers_) t.detach();  // still running: they write to the shared outbox
    return 0;
  }

 private:
  enum class Mode { Normal, Command, Filter, Dialog, Help };

  View& top() { return *stack_.back(); }

  // --- data ------------------------------------------------------------------------------------
  void refresh_data(WidgetClock::time_point now) {
    bool changed = false;
    const std::uint64_t generation = store_.generation();
    if (generation != seen_generation_) {
      seen_generation_ = generation;
      clusters_.clear();
      for (const AppTarget& target : options_.targets) {
        auto found = model::discover_clusters(*store_.snapshot(target.client->context()));
        clusters_.insert(clusters_.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
      }
      changed = true;
    }
    follow_focus();
    auto flink = poller_ ? poller_->snapshot() : nullptr;
    if (flink != seen_flink_) {
      seen_flink_ = flink;
      changed = true;
    }
    if (changed || stack_.size() != seen_depth_ || now - last_refresh_ >= 1s) {
      seen_depth_ = stack_.size();
      last_refresh_ = now;
      ViewData data{clusters_, flink, std::chrono::system_clock::now()};
      top().refresh(data, now);
    }
  }

  // The Flink REST poller follows the cluster the current view is about.
  void follow_focus() {
    const std::string cluster_id = top().focus_cluster();
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
    if (poller_) poller_->open_job(top().focus_job());
  }

  const model::Cluster* cluster(const std::string& id) const {
    for (const model::Cluster& c : clusters_) {
      if (c.id == id) return &c;
    }
    return nullptr;
  }

  std::shared_ptr<kube::ApiClient> kube_for(const model::Cluster& c) const {
    for (const AppTarget& target : options_.targets) {
      if (target.client->context() == c.context) return target.client;
    }
    return nullptr;
  }

  // Through the API server's service proxy: the route that needs nothing but the kubeconfig.
  std::shared_ptr<flink::Client> flink_client_for(const std::string& cluster_id) {
    const model::Cluster* c = cluster(cluster_id);
    if (!c || !c->rest) return nullptr;
    auto kube = kube_for(*c);
    if (!kube) return nullptr;
    return std::make_shared<flink::Client>(
        flink::service_proxy_endpoint(kube, c->rest->namespace_, c->rest->name, std::to_string(c->rest->port)));
  }

  // --- frame -----------------------------------------------------------------------------------
  void frame() {
    const auto now = WidgetClock::now();
    refresh_data(now);
    const Terminal::Size size = terminal_->size();
    if (canvas_.width() != size.width || canvas_.height() != size.height) canvas_.resize(size.width, size.height);
    canvas_.clear(theme_[Role::Normal]);
    DrawContext ctx{theme_, terminal_->unicode(), now};

    const int header_h = size.height >= 20 ? 5 : 0;
    if (header_h > 0) draw_header(canvas_, {0, 0, size.width, header_h}, header_info(), ctx);
    Rect body{0, header_h, size.width, std::max(0, size.height - header_h - 2)};
    if (mode_ == Mode::Help) {
      help_.draw(canvas_, body, ctx);
    } else {
      top().draw(canvas_, body, ctx);
    }
    std::vector<std::string> crumbs;
    for (const auto& view : stack_) crumbs.push_back(view->crumb());
    draw_crumbs(canvas_, {0, size.height - 2, size.width, 1}, crumbs, ctx);
    Rect last{0, size.height - 1, size.width, 1};
    if (mode_ == Mode::Command) {
      command_.draw(canvas_, last, ctx);
    } else if (mode_ == Mode::Filter) {
      filter_.draw(canvas_, last, ctx);
    } else {
      status_.data_age.reset();
      if (seen_flink_ && !seen_flink_->error.empty() && top().focus_cluster() == seen_flink_->cluster_id) {
        if (seen_flink_->updated != std::chrono::system_clock::time_point{}) {
          status_.data_age = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() -
                                                                              seen_flink_->updated);
        }
        if (!status_.flash || status_.flash->until < now) {
          status_.flash = Flash{seen_flink_->error, Severity::Warn, now + 1s};
        }
      }
      draw_status_line(canvas_, last, status_, ctx);
    }
    if (mode_ == Mode::Dialog && dialog_) dialog_->draw(canvas_, {0, 0, size.width, size.height}, ctx);
    terminal_->present(canvas_);
  }

  HeaderInfo header_info() {
    HeaderInfo info;
    info.context = options_.targets.size() == 1 ? options_.targets[0].client->context()
                                                : fmt::format("{} contexts", options_.targets.size());
    info.kube_namespace = options_.targets.size() == 1 && !options_.targets[0].namespace_.empty()
                              ? options_.targets[0].namespace_
                              : "all";
    if (const model::Cluster* c = cluster(top().focus_cluster())) info.cluster = c->namespace_ + "/" + c->name;
    if (seen_flink_) info.flink_version = seen_flink_->flink_version;
    info.flinktop_version = kVersion;
    info.demo = options_.demo;
    info.read_only = options_.readonly;
    for (const KeyHint& hint : top().hints()) {
      auto key = parse_key(hint.key);
      const auto bound = key ? keys_.lookup(*key, false) : std::nullopt;
      const KeyBinding* binding = bound ? keys_.binding(*bound) : nullptr;
      if (options_.readonly && binding && binding->mutation) continue;
      info.hints.push_back(hint);
    }
    return info;
  }

  // --- keys ------------------------------------------------------------------------------------
  void flash(Severity severity, std::string text) {
    status_.flash = Flash{std::move(text), severity, WidgetClock::now() + kFlashFor};
  }

  void on_key(const Key& key) {
    if (key.kind == Key::Kind::Resize) return;
    switch (mode_) {
      case Mode::Command: return on_prompt(command_, key, true);
      case Mode::Filter: return on_prompt(filter_, key, false);
      case Mode::Dialog: return on_dialog(key);
      case Mode::Help:
        if (key.kind == Key::Kind::Escape || key.is('?') || key.is('q')) {
          mode_ = Mode::Normal;
        } else {
          help_.handle_key(key);
        }
        return;
      case Mode::Normal: break;
    }
    auto action = keys_.lookup(key, options_.readonly);
    if (!action) {
      if (options_.readonly && keys_.lookup(key, false)) {
        flash(Severity::Warn, "read-only: flinktop was started with --readonly, changes are refused");
        return;
      }
      top().handle_key(key);  // view-specific keys (Tab in a job)
      return;
    }
    switch (*action) {
      case Action::Quit: running_ = false; return;
      case Action::Help: open_help(); return;
      case Action::Command:
        command_.open();
        mode_ = Mode::Command;
        return;
      case Action::Filter:
        if (top().table()) {
          filter_.open(top().table()->filter().text());
          mode_ = Mode::Filter;
        }
        return;
      case Action::Back: back(); return;
      case Action::Enter: enter(); return;
      case Action::Up: case Action::Down: case Action::Top: case Action::Bottom: case Action::PageUp:
      case Action::PageDown:
        top().handle_key(key);
        return;
      case Action::SortNext: case Action::SortReverse: sort(*action == Action::SortReverse); return;
      case Action::Refresh:
        if (poller_) poller_->poll_now();
        terminal_->invalidate();
        return;
      case Action::Pods: open_cluster_view<PodsView>(); return;
      case Action::TaskManagers: open_cluster_view<TaskManagersView>(); return;
      case Action::Jobs: open_cluster_view<JobsView>(); return;
      case Action::Logs: push_placeholder("Logs", "logs", "Live TaskManager logs are not built yet (issue: live logs)."); return;
      case Action::PortForward:
        push_placeholder("Port-forwards", "port-forwards", "Port-forwarding to the Web UI is not built yet.");
        return;
      case Action::Cancel: case Action::Savepoint: case Action::StopWithSavepoint: case Action::SuspendResume:
        confirm_job_action(*action);
        return;
      case Action::New: case Action::Edit: case Action::Delete: case Action::Describe: case Action::Yaml:
        flash(Severity::Info, "not built yet: create, edit, delete, describe and YAML come with their own issues");
        return;
    }
  }

  void on_prompt(Prompt& prompt, const Key& key, bool command) {
    const Prompt::Outcome outcome = prompt.handle_key(key);
    if (!command && top().table()) {
      const std::string error = top().table()->set_filter(prompt.text());  // filter as you type
      if (!error.empty()) flash(Severity::Warn, error);
    }
    if (outcome == Prompt::Outcome::Editing) return;
    mode_ = Mode::Normal;
    if (outcome == Prompt::Outcome::Cancelled) {
      if (!command && top().table()) top().table()->set_filter("");
      return;
    }
    if (command) run_command(prompt.text());
  }

  void run_command(std::string line) {
    line.erase(0, line.find_first_not_of(' '));
    const std::string name = line.substr(0, line.find(' '));
    const std::string arg = line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
    if (name == "q" || name == "quit" || name == "q!") {
      running_ = false;
    } else if (name == "clusters" || name == "cl" || name == "cluster") {
      stack_.resize(1);
    } else if (name == "pods" || name == "po") {
      stack_.resize(1);
      stack_.push_back(std::make_unique<PodsView>());
    } else if (name == "jobs" || name == "j") {
      open_cluster_view<JobsView>();
    } else if (name == "tm" || name == "taskmanagers") {
      open_cluster_view<TaskManagersView>();
    } else if (name == "pf" || name == "port-forwards") {
      push_placeholder("Port-forwards", "port-forwards", "Port-forwarding to the Web UI is not built yet.");
    } else if (name == "logs") {
      push_placeholder("Logs", "logs", "Live TaskManager logs are not built yet.");
    } else if (name == "help") {
      open_help();
    } else if (name == "ctx" || name == "context") {
      std::string names;
      for (const AppTarget& t : options_.targets) names += (names.empty() ? "" : ", ") + t.client->context();
      flash(Severity::Info, "contexts in view: " + names + " (start flinktop with --context / --all-contexts to change)");
    } else if (name == "ns" || name == "namespace") {
      if (top().table()) top().table()->set_filter(arg.empty() ? "" : "^" + arg + " ");
      flash(Severity::Info, arg.empty() ? "namespace filter cleared" : "showing namespace " + arg);
    } else if (!name.empty()) {
      flash(Severity::Error, fmt::format("unknown command \"{}\": try :clusters :pods :jobs :tm :ctx :ns :q", name));
    }
  }

  void open_help() {
    std::vector<HelpEntry> entries;
    for (const KeyHint& hint : top().hints()) entries.push_back({hint.key, hint.description, top().title()});
    for (const KeyBinding& b : keys_.bindings()) {
      if (options_.readonly && b.mutation) continue;
      entries.push_back({to_string(b.key), b.description, b.section});
    }
    help_.set_entries(std::move(entries));
    mode_ = Mode::Help;
  }

  void back() {
    if (Table* t = top().table(); t && !t->filter().text().empty()) {
      t->set_filter("");
      return;
    }
    if (stack_.size() > 1) stack_.pop_back();
  }

  void sort(bool reverse) {
    Table* t = top().table();
    if (!t || t->data().columns.empty()) return;
    const std::size_t columns = t->data().columns.size();
    const std::size_t current = t->sort_column().value_or(columns - 1);
    if (reverse) {
      t->toggle_sort(current);
    } else {
      t->sort_by((current + 1) % columns, SortOrder::Ascending);
    }
  }

  const model::Cluster* selected_cluster() {
    if (!top().focus_cluster().empty()) return cluster(top().focus_cluster());
    return cluster(top().selected_id());
  }

  template <class V>
  void open_cluster_view() {
    const model::Cluster* c = selected_cluster();
    if (!c) {
      flash(Severity::Warn, "select a cluster first");
      return;
    }
    stack_.push_back(std::make_unique<V>(c->id, c->name));
  }

  void push_placeholder(std::string title, std::string crumb, std::string line) {
    stack_.push_back(std::make_unique<PlaceholderView>(std::move(title), std::move(crumb),
                                                       std::vector<std::string>{std::move(line), "Esc goes back."}));
  }

  void enter() {
    if (dynamic_cast<ClustersView*>(&top())) return open_cluster_view<JobsView>();
    if (auto* jobs = dynamic_cast<JobsView*>(&top())) {
      const std::string id = jobs->selected_id();
      const model::Cluster* c = cluster(jobs->focus_cluster());
      if (id.empty() || !c) return;
      stack_.push_back(std::make_unique<JobView>(c->id, c->name, id, job_name(id)));
    }
  }

  std::string job_name(const std::string& id) const {
    if (seen_flink_) {
      for (const flink::JobOverview& j : seen_flink_->jobs) {
        if (j.id == id) return j.name;
      }
    }
    return id.substr(0, 8);
  }

  // --- actions ---------------------------------------------------------------------------------
  // The job an action is about: the selected job (jobs view), the open job, or an operator
  // application's job (clusters view).
  std::optional<actions::JobRef> action_target() {
    const model::Cluster* c = selected_cluster();
    if (!c) return std::nullopt;
    if (auto* job = dynamic_cast<JobView*>(&top())) return actions::JobRef{*c, job->job_id(), job_name(job->job_id())};
    if (dynamic_cast<JobsView*>(&top())) {
      const std::string id = top().selected_id();
      if (id.empty()) return std::nullopt;
      return actions::JobRef{*c, id, job_name(id)};
    }
    if (c->operator_status && c->kind == model::ClusterKind::OperatorApplication) {
      return actions::JobRef{*c, c->operator_status->job_id, c->operator_status->job_name};
    }
    return std::nullopt;
  }

  void confirm_job_action(Action action) {
    auto job = action_target();
    if (!job) {
      flash(Severity::Warn, "select a job first (Enter on a cluster lists its jobs)");
      return;
    }
    const model::Cluster& c = job->cluster;
    const bool operator_managed = c.operator_managed();
    const bool suspended = c.operator_status && c.operator_status->desired_job_state == "suspended";
    DialogContent content;
    content.target = fmt::format("context {} · {}/{} · job {} ({})", c.context, c.namespace_, c.name, job->job_name,
                                 job->job_id.empty() ? "no id yet" : job->job_id);
    std::string verb;
    switch (action) {
      case Action::Cancel:
        verb = "cancel";
        content.title = "Cancel job";
        content.body.push_back("Cancel this job? Its state is lost unless a savepoint or retained checkpoint exists.");
        if (operator_managed) {
          content.body.push_back("WARNING: the Flink operator manages this job and will fight a REST cancel "
                                 "(it may restart it). Prefer suspend (u).");
        }
        break;
      case Action::Savepoint:
        verb = "savepoint";
        content.title = "Trigger savepoint";
        content.body.push_back(operator_managed ? "The operator takes it (FlinkStateSnapshot)."
                                                : "Through the JobManager's REST API; the job keeps running.");
        content.field_label = "Directory (empty = the cluster's default)";
        break;
      case Action::StopWithSavepoint:
        verb = "stop";
        content.title = "Stop with savepoint";
        content.body.push_back(operator_managed ? "Suspends the job through the operator (savepoint upgrade mode)."
                                                : "Takes a savepoint, then stops the job.");
        if (!operator_managed) content.field_label = "Directory (empty = the cluster's default)";
        break;
      case Action::SuspendResume:
        if (!operator_managed) {
          flash(Severity::Warn, "suspend/resume works on operator-managed jobs; use S (stop with savepoint)");
          return;
        }
        verb = suspended ? "resume" : "suspend";
        content.title = suspended ? "Resume job" : "Suspend job";
        content.body.push_back(suspended ? "Sets spec.job.state: running." : "Sets spec.job.state: suspended.");
        break;
      default: return;
    }
    content.yes = verb;
    dialog_.emplace(std::move(content));
    pending_ = [this, verb, job = *job](const std::string& directory) { start_action(verb, job, directory); };
    mode_ = Mode::Dialog;
  }

  void on_dialog(const Key& key) {
    const Dialog::Outcome outcome = dialog_->handle_key(key);
    if (outcome == Dialog::Outcome::Open) return;
    mode_ = Mode::Normal;
    if (outcome == Dialog::Outcome::Yes && pending_) pending_(dialog_->has_field() ? dialog_->field_value() : "");
    if (outcome == Dialog::Outcome::No) flash(Severity::Info, "nothing done");
    dialog_.reset();
    pending_ = nullptr;
  }

  void start_action(const std::string& verb, const actions::JobRef& job, const std::string& directory) {
    actions::ActionContext ctx;
    ctx.kube = kube_for(job.cluster);
    ctx.flink = poller_ && poller_->cluster_id() == job.cluster.id ? poller_->client() : flink_client_for(job.cluster.id);
    ctx.journal = journal_.get();
    ctx.readonly = options_.readonly;
    const std::string label = fmt::format("{} {}", verb, job.job_name);
    status_.in_flight.push_back({label, WidgetClock::now()});
    auto outbox = outbox_;
    auto journal = journal_;  // kept alive by the thread
    workers_.emplace_back([outbox, journal, ctx, verb, job, directory, label] {
      Severity severity = Severity::Ok;
      std::string message;
      try {
        actions::ActionResult result;
        if (verb == "cancel") result = actions::cancel_job(ctx, job, /*force=*/true);
        if (verb == "savepoint") result = actions::savepoint_job(ctx, job, directory);
        if (verb == "stop") result = actions::stop_job(ctx, job, directory, false);
        if (verb == "suspend") result = actions::suspend_job(ctx, job);
        if (verb == "resume") result = actions::resume_job(ctx, job);
        message = result.message;
      } catch (const std::exception& e) {
        severity = Severity::Error;
        message = e.what();
      }
      std::lock_guard lock(outbox->mutex);
      outbox->messages.emplace_back(severity, message);
      outbox->finished.push_back(label);
      if (outbox->store) outbox->store->notify();
    });
  }

  void collect_outbox() {
    std::lock_guard lock(outbox_->mutex);
    for (auto& [severity, message] : outbox_->messages) flash(severity, message);
    for (const std::string& label : outbox_->finished) {
      auto it = std::find_if(status_.in_flight.begin(), status_.in_flight.end(),
                             [&](const InFlight& f) { return f.label == label; });
      if (it != status_.in_flight.end()) status_.in_flight.erase(it);
    }
    if (!outbox_->messages.empty() && poller_) poller_->poll_now();
    outbox_->messages.clear();
    outbox_->finished.clear();
  }

  AppOptions options_;
  std::shared_ptr<actions::Journal> journal_;
  KeyMap keys_;
  model::Store store_;
  std::shared_ptr<ActionOutbox> outbox_;
  std::vector<std::unique_ptr<sync::ContextWatch>> watches_;
  std::unique_ptr<sync::FlinkPoller> poller_;
  std::unique_ptr<Terminal> terminal_;
  Theme theme_;
  Canvas canvas_;
  std::vector<std::unique_ptr<View>> stack_;
  std::vector<model::Cluster> clusters_;
  std::uint64_t seen_generation_ = ~0ull;
  std::shared_ptr<const model::FlinkClusterSnapshot> seen_flink_;
  std::size_t seen_depth_ = 0;
  WidgetClock::time_point last_refresh_{};
  Mode mode_ = Mode::Normal;
  Prompt command_{":"};
  Prompt filter_{"/"};
  HelpView help_;
  std::optional<Dialog> dialog_;
  std::function<void(const std::string&)> pending_;
  StatusLineData status_;
  std::vector<std::thread> workers_;
  bool running_ = true;
};

}  // namespace

int run_app(AppOptions options, std::shared_ptr<actions::Journal> journal) {
  App app(std::move(options), std::move(journal));
  return app.run();
}

}  // namespace flinktop::tui
