// What the user sees and what their keys do, without a terminal: the view stack, the modes (`:`
// command, `/` filter, a confirmation dialog, help), the status line, and the frame composed
// into a Canvas. The App feeds it data and keys and writes its Canvas to the Terminal; tests do
// the same with fixed data and a fixed clock.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tui/app/job_confirmation.hpp"
#include "tui/app/key_map.hpp"
#include "tui/app/object_confirmation.hpp"
#include "tui/app/view_stack.hpp"
#include "tui/views/object_view.hpp"
#include "tui/views/templates_view.hpp"
#include "tui/widgets/dialog.hpp"
#include "tui/widgets/header.hpp"
#include "tui/widgets/help_view.hpp"
#include "tui/widgets/prompt.hpp"
#include "tui/widgets/status_line.hpp"

namespace flinktop::tui {

struct UiSettings {
  bool readonly = false;
  bool demo = false;
  bool several_contexts = false;
  std::string flink_url;       // --flink-url: the header names it instead of a context and namespace
  std::string context;         // the header's "Context:" ("2 contexts" when several)
  std::string kube_namespace;  // the header's "Namespace:" ("all" when not one)
  // Where n creates an object when no cluster is selected: the first context and its namespace
  // (empty with --flink-url: n is refused).
  std::string home_context;
  std::string home_namespace;
  std::string flinktop_version;
  std::string start_view = "clusters";  // clusters | pods | jobs
  std::string startup_warning;          // a bad config or skin file: flashed on the first frame
  std::size_t log_buffer_lines = 100'000;  // lines a log view keeps (config.yaml logBufferLines)
  KeyMap keys = KeyMap::defaults();
};

// What the UI asks of the App, which owns the network side.
struct UiHooks {
  std::function<void()> refresh_now;                         // ctrl-r: poll now, repaint everything
  std::function<void(const JobActionRequest&)> run_action;   // the user confirmed an action
  // Y: put the text on the clipboard through the terminal (OSC 52); false when it was not sent.
  std::function<bool(const std::string&)> copy{};
  // n / e: open the editor (the App asks again, with the change, before it sends anything);
  // ctrl-d: the user confirmed the delete.
  std::function<void(const ObjectRequest&)> object_action{};
  // o in :pf: open the URL in the user's browser; the line says what opened it, or why nothing did.
  std::function<std::pair<bool, std::string>(const std::string& url)> open_url{};
};

class Ui {
 public:
  Ui(UiSettings settings, UiHooks hooks);

  // New data (changed == the clusters or the Flink snapshot differ from the last call). The top
  // view rebuilds when the data changed, the view changed, or a second passed (ages move on).
  // True when what the screen shows may have changed: the view was refreshed.
  bool refresh(ViewData data, bool changed, WidgetClock::time_point now);
  void on_key(const Key& key);
  // The whole screen; `canvas` has the terminal's size.
  void compose(Canvas& canvas, const DrawContext& ctx);

  bool running() const { return running_; }
  // What the screen needs fetched now (tui/app/view_stack.hpp), and the port-forwards the user
  // started; the App hands it to core/sync.
  sync::Demand demand() const {
    sync::Demand demand = stack_.demand();
    demand.forwards = forwards_;
    return demand;
  }
  StatusLineData& status() { return status_; }
  const StatusLineData& status() const { return status_; }
  View& top() { return stack_.top(); }
  const View& top() const { return stack_.top(); }
  const std::optional<Dialog>& dialog() const { return dialog_; }
  void flash(Severity severity, std::string text);
  // No prompt, dialog or help open: the App may ask() now.
  bool idle() const { return mode_ == Mode::Normal; }
  // Opens a confirmation (No focused). `yes` gets the text of its field, if it has one; `no`
  // runs on No/Esc (unset: "nothing done").
  void ask(DialogContent content, std::function<void(const std::string& field)> yes, std::function<void()> no = {});

 private:
  enum class Mode { Normal, Command, Filter, Dialog, Help };

  void on_action(Action action, const Key& key);
  void on_prompt(Prompt& prompt, const Key& key, bool command);
  void run_command(const std::string& line);
  void on_dialog(const Key& key);
  void open_help();
  void sort(bool reverse);
  void show(const std::string& refusal);  // a warning, when there is one
  void open_job_confirmation(Action action);
  bool pick_for(Action action, const actions::JobRef& job, const model::FlinkClusterSnapshot* flink,
                LifecycleFacts& facts);
  void open_object_action(Action action);  // n, e, ctrl-d
  void copy();
  void copy(const CopyTarget& target);
  void open_templates(const model::Cluster* c);
  void use_template(TemplatesView& view);
  void open_object(ObjectView::Show show);
  void open_logs();
  // F: the forward dialog for the selected cluster, pod or job's cluster; :pf: the list.
  void open_forward_dialog();
  void open_forwards();
  void start_forward(sync::ForwardRequest request, const std::string& field);
  void announce_forwards();
  void view_key(const Key& key);  // a key for the top view; what it says goes to the status line
  std::optional<ObjectRef> object_target(std::string& refusal);
  std::optional<actions::JobRef> action_target();
  bool shows_jobs() const;
  HeaderInfo header_info();

  UiSettings settings_;
  UiHooks hooks_;
  ViewStack stack_;
  ViewData data_;
  std::size_t seen_depth_ = 0;
  WidgetClock::time_point now_{};
  WidgetClock::time_point last_refresh_{};
  Mode mode_ = Mode::Normal;
  Prompt command_{":"};
  Prompt filter_{"/"};
  HelpView help_;
  std::optional<Dialog> dialog_;
  std::function<void(const std::string& field)> on_yes_;
  std::function<void()> on_no_;
  StatusLineData status_;
  bool running_ = true;
  // The port-forwards the user started: they live until stopped or flinktop quits.
  std::vector<sync::ForwardRequest> forwards_;
  std::set<std::string> announced_;  // id + restarts of the forwards whose start was told
};

}  // namespace flinktop::tui
