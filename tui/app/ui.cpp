#include "tui/app/ui.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/actions/create_objects.hpp"
#include "core/actions/job_lifecycle.hpp"
#include "core/actions/templates.hpp"
#include "core/actions/savepoint_dir.hpp"
#include "core/text/one_line.hpp"
#include "tui/app/commands.hpp"
#include "tui/screen/clipboard.hpp"
#include "tui/views/clusters_view.hpp"
#include "tui/views/job_view.hpp"
#include "tui/views/jobs_view.hpp"
#include "tui/views/logs_view.hpp"
#include "tui/views/object_view.hpp"
#include "tui/views/pods_view.hpp"
#include "tui/views/taskmanagers_view.hpp"
#include "tui/views/templates_view.hpp"
#include "tui/widgets/crumbs.hpp"

namespace flinktop::tui {

namespace {

using namespace std::chrono_literals;

constexpr auto kFlashFor = 8s;
constexpr const char* kReadonlyRefusal = "read-only: flinktop was started with --readonly, changes are refused";

}  // namespace

Ui::Ui(UiSettings settings, UiHooks hooks)
    : settings_(std::move(settings)), hooks_(std::move(hooks)),
      stack_(std::make_unique<ClustersView>(settings_.several_contexts, settings_.flink_url)) {
  if (settings_.start_view == "pods") stack_.push(std::make_unique<PodsView>());
  command_.set_candidates(command_candidates());
}

void Ui::flash(Severity severity, std::string text) {
  status_.flash = Flash{std::move(text), severity, now_ + kFlashFor};
}

void Ui::show(const std::string& refusal) {
  if (!refusal.empty()) flash(Severity::Warn, refusal);
}

bool Ui::refresh(ViewData data, bool changed, WidgetClock::time_point now) {
  data_ = std::move(data);
  now_ = now;
  if (!settings_.startup_warning.empty()) {
    // Longer than a flash: a warning about the user's own file must not vanish unread.
    status_.flash = Flash{std::move(settings_.startup_warning), Severity::Warn, now + 30s};
    settings_.startup_warning.clear();
  }
  const bool tick = now - last_refresh_ >= 1s && stack_.top().clock_due(data_.now);
  if (changed || stack_.depth() != seen_depth_ || tick) {
    stack_.top().refresh(data_, now);
    if (auto message = stack_.top().take_message()) flash(message->first, std::move(message->second));
    // The jobs start view needs a cluster: the first one the clusters table shows, once known.
    if (settings_.start_view == "jobs" && stack_.depth() == 1 && !data_.cluster_list().empty()) {
      settings_.start_view.clear();
      stack_.open_for_selected_cluster<JobsView>(data_);
      stack_.top().refresh(data_, now);
    }
    seen_depth_ = stack_.depth();
    last_refresh_ = now;
    announce_forwards();
    return true;
  }
  return false;
}

// --- frame -------------------------------------------------------------------------------------

void Ui::compose(Canvas& canvas, const DrawContext& ctx) {
  const int width = canvas.width(), height = canvas.height();
  canvas.clear(ctx.theme[Role::Normal]);
  const int header_h = height >= 20 ? 5 : 0;
  if (header_h > 0) draw_header(canvas, {0, 0, width, header_h}, header_info(), ctx);
  Rect body{0, header_h, width, std::max(0, height - header_h - 2)};
  if (mode_ == Mode::Help) {
    help_.draw(canvas, body, ctx);
  } else {
    stack_.top().draw(canvas, body, ctx);
  }
  draw_crumbs(canvas, {0, height - 2, width, 1}, stack_.crumbs(), ctx);
  Rect last{0, height - 1, width, 1};
  if (mode_ == Mode::Command) {
    command_.draw(canvas, last, ctx);
  } else if (mode_ == Mode::Filter) {
    filter_.draw(canvas, last, ctx);
  } else {
    // A Flink cluster that stopped answering: say so, with the age of what is still shown.
    const auto& flink = data_.flink;
    status_.data_age.reset();
    if (flink && !flink->error.empty() && stack_.top().demand().flink_cluster == flink->cluster_id) {
      if (flink->updated != std::chrono::system_clock::time_point{}) {
        status_.data_age = std::chrono::duration_cast<std::chrono::seconds>(data_.now - flink->updated);
      }
      if (!status_.flash || status_.flash->until < ctx.now) status_.flash = Flash{flink->error, Severity::Warn, ctx.now + 1s};
    }
    draw_status_line(canvas, last, status_, ctx);
  }
  if (mode_ == Mode::Dialog && dialog_) dialog_->draw(canvas, {0, 0, width, height}, ctx);
}

HeaderInfo Ui::header_info() {
  HeaderInfo info;
  info.flink_url = settings_.flink_url;
  info.context = settings_.context;
  info.kube_namespace = settings_.kube_namespace;
  if (const model::Cluster* c = data_.cluster(stack_.top().demand().flink_cluster)) {
    info.cluster = c->namespace_.empty() ? c->name : c->namespace_ + "/" + c->name;  // --flink-url: host:port
  }
  if (data_.flink) info.flink_version = data_.flink->flink_version;
  info.flinktop_version = settings_.flinktop_version;
  info.demo = settings_.demo;
  info.read_only = settings_.readonly;
  for (const KeyHint& hint : stack_.top().hints()) {
    auto key = parse_key(hint.key);
    const auto bound = key ? settings_.keys.lookup(*key, false) : std::nullopt;
    const KeyBinding* binding = bound ? settings_.keys.binding(*bound) : nullptr;
    // A view's own key (the log view's c, n) is not the global action it shadows.
    if (settings_.readonly && binding && binding->mutation && !stack_.top().claims_key(*key)) continue;
    info.hints.push_back(hint);
  }
  return info;
}

// --- keys --------------------------------------------------------------------------------------

void Ui::on_key(const Key& key) {
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
  if (stack_.top().claims_key(key)) {  // a log view's own keys
    view_key(key);
    return;
  }
  auto action = settings_.keys.lookup(key, settings_.readonly);
  if (!action) {
    if (settings_.readonly && settings_.keys.lookup(key, false)) {
      flash(Severity::Warn, kReadonlyRefusal);
      return;
    }
    view_key(key);  // view-specific keys (Tab in a job)
    return;
  }
  on_action(*action, key);
}

void Ui::on_action(Action action, const Key& key) {
  switch (action) {
    case Action::Quit: running_ = false; return;
    case Action::Help: open_help(); return;
    case Action::Command:
      command_.open();
      mode_ = Mode::Command;
      return;
    case Action::Filter:
      if (stack_.top().table()) {
        filter_.open(stack_.top().table()->filter().text());
        mode_ = Mode::Filter;
      } else if (stack_.top().pager()) {
        filter_.open();
        mode_ = Mode::Filter;
      } else if (LogView* logs = stack_.top().log_view()) {
        filter_.open(logs->filter().text());
        mode_ = Mode::Filter;
      }
      return;
    case Action::Back: stack_.back(); return;
    case Action::Enter:
      if (auto* templates = dynamic_cast<TemplatesView*>(&stack_.top())) return use_template(*templates);
      show(stack_.drill_down(data_));
      return;
    case Action::Up: case Action::Down: case Action::Top: case Action::Bottom: case Action::PageUp:
    case Action::PageDown:
      view_key(key);
      return;
    case Action::SortNext: case Action::SortReverse: sort(action == Action::SortReverse); return;
    case Action::Refresh:
      if (hooks_.refresh_now) hooks_.refresh_now();
      return;
    case Action::Pods: show(stack_.open_for_selected_cluster<PodsView>(data_)); return;
    case Action::TaskManagers: show(stack_.open_for_selected_cluster<TaskManagersView>(data_)); return;
    case Action::Jobs: show(stack_.open_for_selected_cluster<JobsView>(data_)); return;
    case Action::Logs: open_logs(); return;
    case Action::PortForward: open_forward_dialog(); return;
    case Action::Cancel: case Action::Savepoint: case Action::StopWithSavepoint: case Action::SuspendResume:
    case Action::Rescale: case Action::Restart: case Action::Restore:
      open_job_confirmation(action);
      return;
    case Action::Describe: case Action::Yaml:
      open_object(action == Action::Describe ? ObjectView::Show::Describe : ObjectView::Show::Yaml);
      return;
    case Action::Copy: copy(); return;
    case Action::New: case Action::Edit: case Action::Delete: open_object_action(action); return;
  }
}

void Ui::on_prompt(Prompt& prompt, const Key& key, bool command) {
  const Prompt::Outcome outcome = prompt.handle_key(key);
  Table* table = stack_.top().table();
  if (!command && table) {
    const std::string error = table->set_filter(prompt.text());  // filter as you type
    if (!error.empty()) flash(Severity::Warn, error);
  }
  LogView* logs = stack_.top().log_view();
  if (!command && logs) {
    const std::string error = logs->set_filter(outcome == Prompt::Outcome::Cancelled ? "" : prompt.text());
    if (!error.empty()) flash(Severity::Warn, error);
  }
  TextPager* pager = stack_.top().pager();
  if (!command && pager && outcome != Prompt::Outcome::Editing) {
    // Searched when submitted: jumping while typing would throw the page around.
    const std::string text = outcome == Prompt::Outcome::Cancelled ? "" : prompt.text();
    if (!pager->search(text)) flash(Severity::Warn, "not found: " + text);
  }
  if (outcome == Prompt::Outcome::Editing) return;
  mode_ = Mode::Normal;
  if (outcome == Prompt::Outcome::Cancelled) {
    if (!command && table) table->set_filter("");
    return;
  }
  if (command) run_command(prompt.text());
}

void Ui::run_command(const std::string& line) {
  const Command command = parse_command(line);
  switch (command.kind) {
    case CommandKind::None: return;
    case CommandKind::Quit: running_ = false; return;
    case CommandKind::Clusters: stack_.to_root(); return;
    case CommandKind::Pods:
      stack_.to_root();
      stack_.push(std::make_unique<PodsView>());
      return;
    case CommandKind::Jobs: show(stack_.open_for_selected_cluster<JobsView>(data_)); return;
    case CommandKind::TaskManagers: show(stack_.open_for_selected_cluster<TaskManagersView>(data_)); return;
    case CommandKind::PortForwards: open_forwards(); return;
    case CommandKind::Logs: open_logs(); return;
    case CommandKind::Help: open_help(); return;
    case CommandKind::Contexts:
      flash(Severity::Info, "contexts in view: " + settings_.context +
                                " (start flinktop with --context / --all-contexts to change)");
      return;
    case CommandKind::Namespace:
      if (Table* table = stack_.top().table()) table->set_filter(command.arg.empty() ? "" : "^" + command.arg + " ");
      flash(Severity::Info, command.arg.empty() ? "namespace filter cleared" : "showing namespace " + command.arg);
      return;
    case CommandKind::Unknown: flash(Severity::Error, unknown_command_message(command.name)); return;
  }
}

void Ui::view_key(const Key& key) {
  stack_.top().handle_key(key);
  if (auto message = stack_.top().take_message()) flash(message->first, std::move(message->second));
}

void Ui::open_logs() {
  auto target = stack_.top().logs_target(data_);
  if (!target) {
    flash(Severity::Info, "select a cluster, pod, TaskManager or job to see its logs");
    return;
  }
  stack_.push(std::make_unique<LogsView>(std::move(*target), settings_.log_buffer_lines));
}

void Ui::open_help() {
  std::vector<HelpEntry> entries;
  for (const KeyHint& hint : stack_.top().hints()) entries.push_back({hint.key, hint.description, stack_.top().title()});
  for (const KeyBinding& b : settings_.keys.bindings()) {
    if (settings_.readonly && b.mutation) continue;
    if (stack_.top().claims_key(b.key)) continue;  // the view's own meaning is listed above
    entries.push_back({to_string(b.key), b.description, b.section});
  }
  help_.set_entries(std::move(entries));
  mode_ = Mode::Help;
}

void Ui::sort(bool reverse) {
  Table* t = stack_.top().table();
  if (!t || t->data().columns.empty()) return;
  const std::size_t columns = t->data().columns.size();
  const std::size_t current = t->sort_column().value_or(columns - 1);
  if (reverse) {
    t->toggle_sort(current);
  } else {
    t->sort_by((current + 1) % columns, SortOrder::Ascending);
  }
}

// --- actions -----------------------------------------------------------------------------------

// A jobs list or one job is on top: the selected job is what job-related keys are about.
bool Ui::shows_jobs() const {
  return dynamic_cast<const JobView*>(&stack_.top()) || dynamic_cast<const JobsView*>(&stack_.top());
}

// The job an action is about: the selected job (jobs view), the open job, or an operator
// application's job (clusters view).
std::optional<actions::JobRef> Ui::action_target() {
  const model::Cluster* c = stack_.selected_cluster(data_);
  if (!c) return std::nullopt;
  if (shows_jobs()) {
    const std::string id = stack_.selected_job_id();
    if (id.empty()) return std::nullopt;
    return actions::JobRef{*c, id, job_name(data_, id)};
  }
  if (c->operator_status && c->kind == model::ClusterKind::OperatorApplication) {
    return actions::JobRef{*c, c->operator_status->job_id, c->operator_status->job_name};
  }
  return std::nullopt;
}

// d / y: the operator resource of the cluster in view (or the FlinkSessionJob of the selected
// job), or the selected pod.
void Ui::open_object(ObjectView::Show what) {
  std::string refusal;
  if (auto ref = object_target(refusal)) {
    stack_.push(std::make_unique<ObjectView>(std::move(*ref), what, stack_.top().demand().flink_cluster));
  } else {
    show(refusal);
  }
}

std::optional<ObjectRef> Ui::object_target(std::string& refusal) {
  // A describe or YAML screen is about exactly one object: that one, not its cluster.
  if (const auto* shown = dynamic_cast<const ObjectView*>(&stack_.top())) return shown->object();
  if (dynamic_cast<PodsView*>(&stack_.top())) {
    if (const SelectedPod selected = selected_pod(stack_.top(), data_); selected.pod) {
      return ObjectRef{selected.cluster->context, "Pod", selected.pod->namespace_, selected.pod->name};
    }
    refusal = "select a pod first";
    return std::nullopt;
  }
  const model::Cluster* c = stack_.selected_cluster(data_);
  if (!c) {
    refusal = "select a cluster or a pod first";
    return std::nullopt;
  }
  const std::string job_id = stack_.selected_job_id();
  for (const model::SessionJobSummary& job : c->session_jobs) {
    if (!job_id.empty() && job.job_id == job_id) return ObjectRef{c->context, "FlinkSessionJob", c->namespace_, job.name};
  }
  if (c->operator_managed()) return ObjectRef{c->context, "FlinkDeployment", c->namespace_, c->name};
  refusal = fmt::format("{}/{} is a {} cluster without an operator resource: describe its pods (p, then d)",
                        c->namespace_, c->name, model::to_string(c->kind));
  return std::nullopt;
}

void Ui::open_job_confirmation(Action action) {
  auto job = action_target();
  actions::SavepointDirDefault directory;
  const model::FlinkClusterSnapshot* flink =
      job && data_.flink && data_.flink->cluster_id == job->cluster.id ? data_.flink.get() : nullptr;
  // What the JobManager says wins over what Kubernetes suggests (an image tag); --flink-url has only it.
  if (flink && !flink->flink_version.empty()) job->cluster.flink_version = flink->flink_version;
  if (job && (action == Action::Savepoint || action == Action::StopWithSavepoint)) {
    const model::ContextSnapshot* context = nullptr;
    for (const auto& snapshot : data_.contexts) {
      if (snapshot && snapshot->context == job->cluster.context) context = snapshot.get();
    }
    directory = actions::default_savepoint_dir(*job, flink, context);
  }
  LifecycleFacts facts;
  if (job && (action == Action::Rescale || action == Action::Restore) && !pick_for(action, *job, flink, facts)) return;
  JobConfirmation confirmation = confirm_job_action(action, job, directory, facts);
  if (!confirmation.dialog) return show(confirmation.refusal);
  const std::string default_dir = confirmation.dialog->field_value;
  JobActionRequest request;
  request.verb = confirmation.verb;
  request.job = *job;
  request.plan = facts.scale;
  if (facts.savepoint) request.savepoint = facts.savepoint->path;
  ask(std::move(*confirmation.dialog), [this, request, default_dir](const std::string& typed) mutable {
    if (request.verb == "scale") {
      long long parallelism = 0;
      const auto [end, ec] = std::from_chars(typed.data(), typed.data() + typed.size(), parallelism);
      if (ec != std::errc() || end != typed.data() + typed.size() || parallelism < 1) {
        return flash(Severity::Warn, fmt::format("nothing done: the parallelism is a whole number from 1, not \"{}\"",
                                                 text::one_line(typed, 40)));
      }
      request.parallelism = parallelism;
    } else if (request.verb == "restore" && !actions::operator_manages(request.job)) {
      if (typed.empty()) return flash(Severity::Warn, "nothing done: the job's jar file is needed to run it again");
      request.jar = typed;
    } else {
      // Left as pre-filled: the cluster's own default, which it uses when asked for none — so an
      // operator without FlinkStateSnapshots (which cannot take a path) still takes it.
      request.directory = typed == default_dir ? "" : typed;
    }
    status_.in_flight.push_back({action_label(request), now_});
    if (hooks_.run_action) hooks_.run_action(request);
  });
}

// P: the job's parallelism and, when the JobManager's configuration is known, the route. r: the
// savepoint picked in the job view's savepoints tab — elsewhere r opens that tab to pick one
// (false: nothing more to do now).
bool Ui::pick_for(Action action, const actions::JobRef& job, const model::FlinkClusterSnapshot* flink,
                  LifecycleFacts& facts) {
  auto* job_view = dynamic_cast<JobView*>(&stack_.top());
  if (job_view && job_view->job_id() != job.job_id) job_view = nullptr;
  if (action == Action::Restore) {
    if (job_view && (facts.savepoint = job_view->picked_savepoint())) return true;
    if (!job_view) {
      if (!dynamic_cast<JobsView*>(&stack_.top()) || job.job_id.empty()) return true;  // the dialog says how
      show(stack_.drill_down(data_));
      job_view = dynamic_cast<JobView*>(&stack_.top());
      if (!job_view) return false;
    }
    job_view->show_savepoints();
    flash(Severity::Info, "pick the savepoint to restore from (newest first), then r");
    return false;
  }
  if (job_view) facts.parallelism = job_view->parallelism();  // the jobs view's overview has none
  if (actions::operator_manages(job)) {
    facts.scale = actions::plan_scale(job, actions::ScaleFacts{});
  } else if (flink && flink->jobmanager_config) {
    actions::ScaleFacts known;
    known.config = *flink->jobmanager_config;
    known.version = flink::parse_flink_version(flink->flink_version);
    known.web_submit = flink->web_submit;
    facts.scale = actions::plan_scale(job, known);
  }
  return true;
}

// n outside a jobs view: the templates, for the selected cluster's context and namespace (else the
// first context's), and its name when it is an operator session (a session job's deployment).
void Ui::open_templates(const model::Cluster* c) {
  NewObjectPlace place{settings_.home_context, settings_.home_namespace.empty() ? "default" : settings_.home_namespace, ""};
  if (c && !c->context.empty()) {
    place = {c->context, c->namespace_, c->kind == model::ClusterKind::OperatorSession ? c->name : ""};
  }
  std::vector<actions::Template> templates;
  try {
    templates = actions::load_templates(actions::template_dirs());
  } catch (const Error& e) {
    return flash(Severity::Error, e.what());
  }
  stack_.push(std::make_unique<TemplatesView>(std::move(templates), std::move(place)));
}

// Enter in the templates view: the template rendered for its place, opened in the editor (the App
// then dry-runs, asks and creates every object); a native cluster's command is shown to copy.
void Ui::use_template(TemplatesView& view) {
  const actions::Template* t = view.selected_template();
  if (!t) return show("select a template first");
  const NewObjectPlace place = view.place();
  actions::Rendered rendered;
  try {
    rendered = actions::render(*t, place_values(*t, place));
  } catch (const Error& e) {
    return flash(Severity::Error, e.what());
  }
  if (t->command) {
    DialogContent content;
    content.title = "Flink's client creates native clusters";
    content.target = fmt::format("template {} · context {} · namespace {}", t->name, place.context, place.namespace_);
    content.body = {"flinktop does not run it: run this where Flink is installed, with access to the cluster "
                    "(flinktop create " + t->name + " --set KEY=VALUE … prints it with other values)."};
    content.body.insert(content.body.end(), rendered.command.begin(), rendered.command.end());
    content.yes = "copy";
    const std::string command = actions::command_text(rendered.command);
    ask(std::move(content), [this, command](const std::string&) { copy(CopyTarget{"command", command}); });
    return;
  }
  if (rendered.objects.empty()) return show("the template " + t->name + " has no objects");
  ObjectRequest request;
  request.verb = ObjectRequest::Verb::Create;
  request.key = {place.context, rendered.objects.front().value("kind", ""), place.namespace_, ""};
  request.template_yaml = actions::manifest_yaml(rendered.objects);
  stack_.pop();  // the editor, the dry run and the dialog follow; then the clusters again
  if (hooks_.object_action) hooks_.object_action(request);
}

void Ui::open_object_action(Action action) {
  std::string refusal;
  if (action == Action::Edit) {
    auto ref = object_target(refusal);
    if (!ref) return show(refusal);
    if (hooks_.object_action) hooks_.object_action(ObjectRequest{ObjectRequest::Verb::Edit, std::move(*ref), ""});
    return;
  }
  if (action == Action::New) {
    if (settings_.home_context.empty()) return show("n creates Kubernetes objects: it needs a kubeconfig context");
    const bool jobs_view = shows_jobs();
    const model::Cluster* c = stack_.selected_cluster(data_);
    if (!jobs_view || !c) return open_templates(c);
    // A jobs view: a job for its cluster (a FlinkSessionJob of an operator session).
    ObjectRequest request = create_request(c->context, c->namespace_, c, refusal);
    if (request.key.kind.empty()) return show(refusal);
    if (hooks_.object_action) hooks_.object_action(request);
    return;
  }
  // Delete: the selected pod, or what the cluster (or the job selected in it) is on Kubernetes.
  std::optional<ObjectRef> target;
  if (dynamic_cast<PodsView*>(&stack_.top()) || dynamic_cast<ObjectView*>(&stack_.top())) {
    target = object_target(refusal);
  } else if (const model::Cluster* c = stack_.selected_cluster(data_)) {
    const std::string job_id = shows_jobs() ? stack_.selected_job_id() : "";
    ObjectRef key = actions::deletion_target(*c, job_id, refusal);
    if (!key.kind.empty()) {
      target = std::move(key);
    } else if (!job_id.empty()) {
      refusal += " (c cancels it; ctrl-d in the clusters view deletes the cluster)";
    } else if (c->kind == model::ClusterKind::Standalone) {
      refusal += ", or delete one pod from its pods view (p, then ctrl-d)";
    }
  } else {
    refusal = "select a cluster, a job or a pod first";
  }
  if (!target) return show(refusal);
  ObjectRequest request{ObjectRequest::Verb::Delete, *target, ""};
  DialogContent content = confirm_delete(*target);
  for (const auto& snapshot : data_.contexts) {
    if (!snapshot || snapshot->context != target->context) continue;
    for (const std::string& line : actions::disposed_savepoints(*snapshot, *target)) {
      content.body.push_back("Its FlinkStateSnapshot " + line + " goes with it and disposes of that savepoint.");
    }
  }
  ask(std::move(content), [this, request](const std::string&) {
    status_.in_flight.push_back({action_label(request), now_});
    if (hooks_.object_action) hooks_.object_action(request);
  });
}

void Ui::ask(DialogContent content, std::function<void(const std::string& field)> yes, std::function<void()> no) {
  dialog_.emplace(std::move(content));
  on_yes_ = std::move(yes);
  on_no_ = std::move(no);
  mode_ = Mode::Dialog;
}

// The savepoint path an action just wrote (while its message shows), else what the view offers.
void Ui::copy() {
  CopyTarget target;
  if (status_.flash && status_.flash->until > now_ && !status_.flash->copy.empty()) {
    target = {"savepoint path", status_.flash->copy};
  } else {
    target = stack_.top().copy_target();
  }
  copy(target);
}

void Ui::copy(const CopyTarget& target) {
  if (target.text.empty()) return flash(Severity::Warn, "nothing to copy here: select a row first");
  if (target.text.size() > kClipboardMaxBytes) {
    return flash(Severity::Warn, fmt::format("not copied: the {} is longer than the {} bytes terminals accept",
                                             target.what, kClipboardMaxBytes));
  }
  if (!hooks_.copy || !hooks_.copy(target.text)) return flash(Severity::Warn, "not copied: no terminal to send it to");
  const auto lines = std::count(target.text.begin(), target.text.end(), '\n');
  const std::string shown = lines > 0 ? fmt::format("({} lines)", lines + 1) : text::one_line(target.text, 200);
  flash(Severity::Ok, fmt::format("{} {} sent to the terminal's clipboard (OSC 52: terminals without it ignore it)",
                                  target.what, shown));
}

void Ui::on_dialog(const Key& key) {
  const Dialog::Outcome outcome = dialog_->handle_key(key);
  if (outcome == Dialog::Outcome::Open) return;
  mode_ = Mode::Normal;
  // Taken out first: a callback may open the next dialog.
  const std::string field = dialog_->has_field() ? dialog_->field_value() : "";
  auto yes = std::move(on_yes_);
  auto no = std::move(on_no_);
  dialog_.reset();
  on_yes_ = nullptr;
  on_no_ = nullptr;
  if (outcome == Dialog::Outcome::Yes) {
    if (yes) yes(field);
  } else if (no) {
    no();
  } else {
    flash(Severity::Info, "nothing done");
  }
}

}  // namespace flinktop::tui
