// Dialog: No is the default, Esc is No, y/n/Tab/arrows/Enter, the text-field variant, and the
// boxes as drawn.
#include "tui/widgets/dialog.hpp"

#include <gtest/gtest.h>

#include "snapshot.hpp"

namespace flinktop::tui {
namespace {

using K = Key::Kind;

DialogContent cancel_job() {
  DialogContent c;
  c.title = "Cancel job";
  c.body = {"Cancel this job? Its state is lost unless a savepoint or checkpoint is kept."};
  c.target = "orders-enrichment (7f3a2c9e41d04b0f9c1e6a5b2d8f0a11) on flink-prod/orders";
  return c;
}

DialogContent savepoint() {
  DialogContent c;
  c.title = "Stop with savepoint";
  c.body = {"Stop the job after writing a savepoint to:"};
  c.target = "payments-fraud-score (0b9d1e77c2a54f3e8d6b1c0a9f8e7d22) on flink-prod/payments";
  c.yes = "Stop";
  c.no = "Cancel";
  c.field_label = "Directory:";
  c.field_value = "s3://flink-savepoints/payments";
  return c;
}

TEST(DialogKeys, DefaultsToNoAndEnterPressesIt) {
  Dialog d(cancel_job());
  EXPECT_EQ(d.focus(), Dialog::Focus::No);
  EXPECT_EQ(d.handle_key(Key::named(K::Enter)), Dialog::Outcome::No);
}

TEST(DialogKeys, EscapeIsNo) {
  Dialog d(cancel_job());
  d.handle_key(Key::named(K::Left));
  EXPECT_EQ(d.focus(), Dialog::Focus::Yes);
  EXPECT_EQ(d.handle_key(Key::named(K::Escape)), Dialog::Outcome::No);
  EXPECT_EQ(d.handle_key(Key::character('y')), Dialog::Outcome::No);  // decided: stays decided
}

TEST(DialogKeys, YesNeedsYOrAMove) {
  Dialog d(cancel_job());
  EXPECT_EQ(d.handle_key(Key::character('y')), Dialog::Outcome::Yes);
  Dialog e(cancel_job());
  EXPECT_EQ(e.handle_key(Key::character('n')), Dialog::Outcome::No);
  Dialog f(cancel_job());
  f.handle_key(Key::named(K::Tab));
  EXPECT_EQ(f.focus(), Dialog::Focus::Yes);
  f.handle_key(Key::named(K::Right));
  EXPECT_EQ(f.focus(), Dialog::Focus::No);
  f.handle_key(Key::named(K::Right));
  EXPECT_EQ(f.focus(), Dialog::Focus::Yes);
  EXPECT_EQ(f.handle_key(Key::character('x')), Dialog::Outcome::Open);
  EXPECT_EQ(f.handle_key(Key::named(K::Enter)), Dialog::Outcome::Yes);
}

TEST(DialogField, TypesIntoTheFieldThenMovesToTheButtons) {
  Dialog d(savepoint());
  EXPECT_TRUE(d.has_field());
  EXPECT_EQ(d.focus(), Dialog::Focus::Field);
  EXPECT_EQ(d.field_value(), "s3://flink-savepoints/payments");
  EXPECT_EQ(d.handle_key(Key::character('n')), Dialog::Outcome::Open);  // typed, not "No"
  EXPECT_EQ(d.handle_key(Key::character('y')), Dialog::Outcome::Open);
  EXPECT_EQ(d.field_value(), "s3://flink-savepoints/paymentsny");
  d.handle_key(Key::named(K::Backspace));
  d.handle_key(Key::named(K::Backspace));
  d.handle_key(Key::ctrl('w'));
  for (char c : std::string_view("s3://other/dir"))
    d.handle_key(Key::character(static_cast<unsigned char>(c)));
  EXPECT_EQ(d.field_value(), "s3://other/dir");
  EXPECT_EQ(d.handle_key(Key::named(K::Enter)), Dialog::Outcome::Open);
  EXPECT_EQ(d.focus(), Dialog::Focus::Yes);
  EXPECT_EQ(d.handle_key(Key::named(K::Enter)), Dialog::Outcome::Yes);
  EXPECT_EQ(d.field_value(), "s3://other/dir");
}

TEST(DialogField, EscapeCancelsFromTheField) {
  Dialog d(savepoint());
  EXPECT_EQ(d.handle_key(Key::named(K::Escape)), Dialog::Outcome::No);
}

void render(const Dialog& d, int w, int h, const std::string& name, bool unicode = true) {
  const Theme theme = Theme::builtin();
  Canvas c(w, h);
  d.draw(c, {0, 0, w, h}, {theme, unicode, {}});
  testing::expect_snapshot(c, name);
}

TEST(DialogSnapshot, Confirm) {
  Dialog d(cancel_job());
  render(d, 80, 24, "dialog_confirm_80x24");
  render(d, 160, 48, "dialog_confirm_160x48");
  render(d, 50, 16, "dialog_confirm_ascii_50x16", false);  // wrapped, ASCII border
}

TEST(DialogSnapshot, WithField) {
  Dialog d(savepoint());
  render(d, 80, 24, "dialog_field_80x24");
  d.handle_key(Key::named(K::Tab));
  d.handle_key(Key::named(K::Tab));
  render(d, 160, 48, "dialog_field_160x48");
}

}  // namespace
}  // namespace flinktop::tui
