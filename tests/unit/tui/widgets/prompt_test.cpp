// Prompt and its LineEditor: editing keys, history, Tab completion with the greyed hint, and the
// prompt line as drawn.
#include "tui/widgets/prompt.hpp"

#include <gtest/gtest.h>

#include "snapshot.hpp"

namespace flinktop::tui {
namespace {

void type(Prompt& p, std::string_view text) {
  for (const char c : text) p.handle_key(Key::character(static_cast<unsigned char>(c)));
}
void type(LineEditor& e, std::u32string_view text) {
  for (const char32_t c : text) e.handle_key(Key::character(c));
}
Key named(Key::Kind k) {
  return Key::named(k);
}

TEST(PromptEditor, InsertMoveAndDelete) {
  LineEditor e;
  type(e, U"savepoint");
  EXPECT_EQ(e.text(), "savepoint");
  EXPECT_EQ(e.cursor(), 9u);
  e.handle_key(named(Key::Kind::Left));
  e.handle_key(named(Key::Kind::Left));
  type(e, U"X");
  EXPECT_EQ(e.text(), "savepoiXnt");
  e.handle_key(named(Key::Kind::Backspace));
  EXPECT_EQ(e.text(), "savepoint");
  e.handle_key(Key::ctrl('a'));
  EXPECT_EQ(e.cursor(), 0u);
  e.handle_key(named(Key::Kind::Delete));
  EXPECT_EQ(e.text(), "avepoint");
  e.handle_key(Key::ctrl('e'));
  EXPECT_EQ(e.cursor(), e.text().size());
  EXPECT_FALSE(e.handle_key(Key::ctrl('z')));        // not an editing key
  EXPECT_FALSE(e.handle_key(Key::alt('x')));         // nor is alt-x text
  EXPECT_FALSE(e.handle_key(Key::character(0x1b)));  // a control character never enters the text
  EXPECT_EQ(e.text(), "avepoint");
}

TEST(PromptEditor, KillKeys) {
  LineEditor e("ctx kind-dev  prod");
  e.handle_key(Key::ctrl('w'));
  EXPECT_EQ(e.text(), "ctx kind-dev  ");
  e.handle_key(Key::ctrl('w'));  // spaces, then the word
  EXPECT_EQ(e.text(), "ctx ");
  e.set_text("jobs --all");
  for (int i = 0; i < 5; ++i) e.handle_key(named(Key::Kind::Left));
  e.handle_key(Key::ctrl('u'));
  EXPECT_EQ(e.text(), "--all");
  EXPECT_EQ(e.cursor(), 0u);
  e.handle_key(named(Key::Kind::Right));
  e.handle_key(Key::ctrl('k'));
  EXPECT_EQ(e.text(), "-");
}

TEST(PromptEditor, MovesByCodePoint) {
  LineEditor e;
  type(e, U"né日");
  EXPECT_EQ(e.text(), "né日");
  e.handle_key(named(Key::Kind::Left));
  EXPECT_EQ(e.cursor(), 3u);  // before the 3-byte 日
  e.handle_key(named(Key::Kind::Backspace));
  EXPECT_EQ(e.text(), "n日");
}

TEST(PromptHistory, UpDownRestoresTheDraft) {
  Prompt p(":");
  p.open();
  type(p, "jobs");
  EXPECT_EQ(p.handle_key(named(Key::Kind::Enter)), Prompt::Outcome::Submitted);
  p.open();
  type(p, "clusters");
  p.handle_key(named(Key::Kind::Enter));
  p.open();
  type(p, "clusters");
  p.handle_key(named(Key::Kind::Enter));  // not stored twice in a row
  EXPECT_EQ(p.history(), (std::vector<std::string>{"jobs", "clusters"}));

  p.open();
  type(p, "tm");
  p.handle_key(named(Key::Kind::Up));
  EXPECT_EQ(p.text(), "clusters");
  p.handle_key(named(Key::Kind::Up));
  EXPECT_EQ(p.text(), "jobs");
  p.handle_key(named(Key::Kind::Up));  // the oldest stays
  EXPECT_EQ(p.text(), "jobs");
  p.handle_key(named(Key::Kind::Down));
  p.handle_key(named(Key::Kind::Down));
  EXPECT_EQ(p.text(), "tm");
}

TEST(PromptOutcome, EscapeAndBackspaceOnEmptyCancel) {
  Prompt p("/");
  p.open("RUN");
  EXPECT_EQ(p.handle_key(named(Key::Kind::Escape)), Prompt::Outcome::Cancelled);
  p.open("a");
  EXPECT_EQ(p.handle_key(named(Key::Kind::Backspace)), Prompt::Outcome::Editing);
  EXPECT_EQ(p.handle_key(named(Key::Kind::Backspace)), Prompt::Outcome::Cancelled);
}

TEST(PromptCompletion, HintAndTabCycle) {
  Prompt p(":");
  p.set_candidates({"jobs", "jobmanagers", "clusters", "ctx kind-dev", "ctx prod"});
  p.open();
  EXPECT_EQ(p.hint(), "");  // nothing typed: no hint
  type(p, "jo");
  EXPECT_EQ(p.hint(), "bs");
  p.handle_key(named(Key::Kind::Tab));
  EXPECT_EQ(p.text(), "jobs");
  p.handle_key(named(Key::Kind::Tab));
  EXPECT_EQ(p.text(), "jobmanagers");
  p.handle_key(named(Key::Kind::Tab));
  EXPECT_EQ(p.text(), "jobs");
  p.handle_key(named(Key::Kind::BackTab));
  EXPECT_EQ(p.text(), "jobmanagers");
  p.open();
  type(p, "CTX p");
  EXPECT_EQ(p.hint(), "rod");
  p.handle_key(named(Key::Kind::Tab));
  EXPECT_EQ(p.text(), "ctx prod");
  p.open();
  type(p, "zzz");
  p.handle_key(named(Key::Kind::Tab));
  EXPECT_EQ(p.text(), "zzz");
  p.handle_key(named(Key::Kind::Left));
  type(p, "j");  // hint only with the cursor at the end
  EXPECT_EQ(p.hint(), "");
}

TEST(PromptSnapshot, CommandWithHint) {
  const Theme theme = Theme::builtin();
  Prompt p(":");
  p.set_candidates({"taskmanagers", "jobs"});
  p.open();
  type(p, "task");
  for (const auto& [w, h] : {std::pair{80, 24}, std::pair{160, 48}}) {
    Canvas c(w, h);
    p.draw(c, {0, h - 2, w, 1}, {theme, true, {}});
    testing::expect_snapshot(c, "prompt_command_" + std::to_string(w) + "x" + std::to_string(h));
    // The hint is greyed, the cursor cell reversed.
    EXPECT_EQ(c.at(5, h - 2).ch, U'm');  // ":task" then the cursor over the hint's first letter
    EXPECT_NE(c.at(5, h - 2).style.attrs & kAttrReverse, theme[Role::Prompt].attrs & kAttrReverse);
    EXPECT_EQ(c.at(6, h - 2).style, theme[Role::PromptSuggestion]);
  }
}

TEST(PromptSnapshot, LongFilterScrollsToTheCursor) {
  const Theme theme = Theme::builtin();
  Prompt p("/");
  p.open(std::string(100, 'a') + "END");
  Canvas c(40, 3);
  p.draw(c, {0, 1, 40, 1}, {theme, true, {}});
  EXPECT_NE(c.to_string().find("aaaEND"), std::string::npos) << c.to_string();
  EXPECT_EQ(c.to_string().substr(0, 5), "\n/aaa");
}

}  // namespace
}  // namespace flinktop::tui
