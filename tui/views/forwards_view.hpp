// `:pf`: every port-forward started in this session — where it listens, what it forwards to and
// which pod serves it now, its state (and why, when it is not active), open connections, bytes
// from the pod (IN) and to it (OUT), and uptime. `r` starts the selected one again; ctrl-d stops
// it (the Ui confirms); `o` opens its URL in the browser; Y copies its URL.
#pragma once

#include <functional>

#include "tui/views/view.hpp"

namespace flinktop::tui {

// What the keys of the list ask of the Ui, which owns the forwards (they outlive this view).
struct ForwardActions {
  std::function<void(const std::string& id)> restart;  // r
  std::function<void(const std::string& id)> stop;     // ctrl-d (the Ui confirms)
  // o: opens the URL; the line says what opened it, or why nothing did.
  std::function<std::pair<Severity, std::string>(const std::string& url)> open;
};

class ForwardsView : public TableView {
 public:
  explicit ForwardsView(ForwardActions actions);
  std::string title() const override { return "Port-forwards"; }
  std::string crumb() const override { return "port-forwards"; }
  std::vector<KeyHint> hints() const override;
  bool claims_key(const Key& key) const override { return key.is('r') || key.is('o') || key == Key::ctrl('d'); }
  bool handle_key(const Key& key) override;
  std::optional<std::pair<Severity, std::string>> take_message() override;
  CopyTarget copy_target() override;
  void refresh(const ViewData& data, WidgetClock::time_point now) override;

 protected:
  model::RowTable rows(const ViewData& data) const override;

 private:
  const sync::ForwardReport* selected_forward();

  ForwardActions actions_;
  std::vector<sync::ForwardReport> forwards_;  // as last refreshed: the selected row's URL
  std::optional<std::pair<Severity, std::string>> message_;
};

// One line for the status line about a forward that just started listening (or failed to).
std::string forward_started_line(const sync::ForwardReport& report);

}  // namespace flinktop::tui
