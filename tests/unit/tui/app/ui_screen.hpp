// A Ui driven as a user would, without a terminal: keys in, the whole screen out as text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "../widgets/snapshot.hpp"
#include "ui_fixture.hpp"

namespace flinktop::tui::testing {

class UiScreen {
 public:
  explicit UiScreen(bool readonly = false, ViewData data = view_data(true))
      : UiScreen(settings(readonly), std::move(data)) {}
  UiScreen(UiSettings s, ViewData data)
      : data_(std::move(data)),
        ui_(std::move(s), UiHooks{nullptr, [this](const JobActionRequest& r) { ran.push_back(r); },
                                  [this](const std::string& text) {
                                    copied.push_back(text);
                                    return true;
                                  },
                                  [this](const ObjectRequest& r) { objects.push_back(r); },
                                  [this](const std::string& url) {
                                    opened.push_back(url);
                                    return std::pair{true, "opened " + url + " with firefox"};
                                  }}) {
    ui_.refresh(data_, true, kFrameNow);
  }
  UiScreen(const UiScreen&) = delete;
  UiScreen& operator=(const UiScreen&) = delete;

  // Each byte a key press ('\n' is Enter, '\t' Tab, '\x1b' Esc), then the data is handed over
  // again as the App does every frame.
  void type(std::string_view keys) {
    for (char c : keys) {
      if (c == '\n') press(Key::named(Key::Kind::Enter));
      else if (c == '\t') press(Key::named(Key::Kind::Tab));
      else if (c == '\x1b') press(Key::named(Key::Kind::Escape));
      else press(Key::character(static_cast<unsigned char>(c)));
    }
  }
  void press(const Key& key) {
    ui_.on_key(key);
    ui_.refresh(data_, true, kFrameNow);
  }
  // New data, as a poll would bring it.
  void set_data(ViewData data) {
    data_ = std::move(data);
    ui_.refresh(data_, true, kFrameNow);
  }
  Canvas render(int width, int height, bool unicode = true) {
    Canvas canvas(width, height);
    const Theme theme = Theme::builtin();
    ui_.compose(canvas, DrawContext{theme, unicode, kFrameNow});
    return canvas;
  }
  std::string text(int width = 160, int height = 48) { return render(width, height).to_string(); }
  void expect(const std::string& name) {
    expect_snapshot(render(80, 24), name + "_80x24");
    expect_snapshot(render(160, 48), name + "_160x48");
  }
  Ui& ui() { return ui_; }
  std::string flash() const { return ui_.status().flash ? ui_.status().flash->text : ""; }

  std::vector<JobActionRequest> ran;
  std::vector<std::string> copied;  // what Y sent to the clipboard
  std::vector<ObjectRequest> objects;  // what n, e and a confirmed ctrl-d asked of the App
  std::vector<std::string> opened;     // what o in :pf asked the browser to open

 private:
  ViewData data_;
  Ui ui_;
};

}  // namespace flinktop::tui::testing
