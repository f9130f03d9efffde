// Dialog: focus and keys, then a centred box laid out from its content.
#include "tui/widgets/dialog.hpp"

#include <algorithm>

#include "tui/widgets/box.hpp"
#include "tui/widgets/wrap.hpp"

namespace flinktop::tui {
namespace {

constexpr int kPad = 2;        // columns between the border and the text
constexpr int kMinInner = 24;  // narrowest text area
constexpr int kMaxInner = 72;  // widest text area: longer lines wrap
constexpr int kFieldMin = 30;  // the text field's width when its value is short

}  // namespace

Dialog::Dialog(DialogContent content) : content_(std::move(content)), field_(content_.field_value) {
  focus_ = has_field() ? Focus::Field : Focus::No;
}

void Dialog::next_focus(int step) {
  // Field -> Yes -> No -> Field (without a field: Yes <-> No).
  std::vector<Focus> ring;
  if (has_field()) ring.push_back(Focus::Field);
  ring.push_back(Focus::Yes);
  ring.push_back(Focus::No);
  const auto n = static_cast<int>(ring.size());
  const int at = static_cast<int>(std::find(ring.begin(), ring.end(), focus_) - ring.begin());
  focus_ = ring[static_cast<std::size_t>(((at + step) % n + n) % n)];
}

Dialog::Outcome Dialog::handle_key(const Key& key) {
  using K = Key::Kind;
  if (outcome_ != Outcome::Open) return outcome_;
  if (key == Key::named(K::Escape) || key == Key::ctrl('c')) return outcome_ = Outcome::No;
  if (focus_ == Focus::Field) {
    if (key == Key::named(K::Enter) || key == Key::named(K::Tab) || key == Key::named(K::Down)) {
      next_focus(1);
    } else if (key == Key::named(K::BackTab) || key == Key::named(K::Up)) {
      next_focus(-1);
    } else {
      field_.handle_key(key);
    }
    return outcome_;
  }
  if (key.is('y') || key.is('Y')) return outcome_ = Outcome::Yes;
  if (key.is('n') || key.is('N') || key.is('q')) return outcome_ = Outcome::No;
  if (key == Key::named(K::Tab) || key == Key::named(K::Right) || key.is('l')) {
    next_focus(1);
  } else if (key == Key::named(K::BackTab) || key == Key::named(K::Left) || key.is('h')) {
    next_focus(-1);
  } else if (key == Key::named(K::Enter) || key.is(' ')) {
    outcome_ = focus_ == Focus::Yes ? Outcome::Yes : Outcome::No;
  }
  return outcome_;
}

void Dialog::draw(Canvas& canvas, Rect screen, const DrawContext& ctx) const {
  const Theme& theme = ctx.theme;
  // The focused button is also marked in text, for monochrome terminals: "[ No ]" vs "  Yes  ".
  auto button = [](const std::string& label, bool focused) {
    return focused ? "[ " + label + " ]" : "  " + label + "  ";
  };
  const std::string yes = button(content_.yes, focus_ == Focus::Yes),
                    no = button(content_.no, focus_ == Focus::No);
  const int buttons_w = text_width(yes) + 4 + text_width(no);
  const std::string label = content_.field_label.value_or("");
  const int label_w = has_field() ? text_width(label) + 1 : 0;

  // Width: what the text asks for within [kMinInner, kMaxInner], then within the screen.
  int want = std::max({kMinInner, buttons_w, text_width(content_.title) + 4, text_width(content_.target)});
  for (const auto& line : content_.body) want = std::max(want, text_width(line));
  if (has_field()) want = std::max(want, label_w + std::max(kFieldMin, text_width(field_.text()) + 2));
  const int inner = std::max(1, std::min({want, kMaxInner, screen.width - 2 - 2 * kPad}));

  std::vector<std::string> body;
  for (const auto& line : content_.body) {
    auto wrapped = wrap_text(line, inner);
    body.insert(body.end(), wrapped.begin(), wrapped.end());
  }
  const auto target =
      content_.target.empty() ? std::vector<std::string>{} : wrap_text(content_.target, inner);

  // Rows: border, blank, body, target, (blank, field), blank, buttons, border.
  const int rows = 1 + 1 + static_cast<int>(body.size()) + static_cast<int>(target.size()) +
                   (has_field() ? 2 : 0) + 1 + 1 + 1;
  const int width = inner + 2 + 2 * kPad;
  const int height = std::min(rows, screen.height);
  const Rect box{screen.x + std::max(0, (screen.width - width) / 2),
                 screen.y + std::max(0, (screen.height - height) / 2), std::min(width, screen.width), height};

  canvas.fill(box, U' ', theme[Role::DialogText]);
  draw_box(canvas, box, ctx, Role::DialogBorder, {TitlePart{content_.title, Role::DialogTitle}});
  const int x = box.x + 1 + kPad;
  const int last_row = box.y + box.height - 2;  // the row above the bottom border
  int y = box.y + 2;
  for (const auto& line : body) {
    if (y > last_row) break;
    canvas.text(x, y++, line, theme[Role::DialogText], inner);
  }
  for (const auto& line : target) {
    if (y > last_row) break;
    canvas.text(x + std::max(0, (inner - text_width(line)) / 2), y++, line, theme[Role::DialogTarget], inner);
  }
  if (has_field() && y + 1 <= last_row) {
    ++y;
    canvas.text(x, y, label, theme[Role::DialogText], inner);
    Style field_style = theme[Role::Prompt];
    field_style.attrs |= kAttrUnderline;
    const int field_w = inner - label_w;
    canvas.fill({x + label_w, y, field_w, 1}, U' ', field_style);
    Style cursor = field_style;
    cursor.attrs ^= kAttrReverse;
    field_.draw(canvas, x + label_w, y, field_w, field_style, cursor, focus_ == Focus::Field);
    ++y;
  }
  // The buttons on the last inside row, centred.
  const int by = last_row;
  if (by > box.y) {
    int bx = box.x + std::max(1, (box.width - buttons_w) / 2);
    bx += canvas.text(bx, by, yes, theme[focus_ == Focus::Yes ? Role::ButtonFocused : Role::Button]);
    bx += 4;
    canvas.text(bx, by, no, theme[focus_ == Focus::No ? Role::ButtonFocused : Role::Button]);
  }
}

}  // namespace flinktop::tui
