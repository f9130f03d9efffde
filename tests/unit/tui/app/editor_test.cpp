// The user's editor: $VISUAL before $EDITOR before vi, run through the shell on the file (so an
// editor with arguments works), its failure said in one line, and our ctrl-c handling back after.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/run_command.hpp"
#include "tui/app/editor.hpp"

namespace flinktop::tui {
namespace {

class EditorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::unsetenv("VISUAL");
    ::unsetenv("EDITOR");
  }
  void TearDown() override { SetUp(); }
  test::TempDir dir;
};

TEST_F(EditorTest, VisualBeforeEditorBeforeVi) {
  EXPECT_EQ(editor_command(), "vi");
  ::setenv("EDITOR", "nano", 1);
  EXPECT_EQ(editor_command(), "nano");
  ::setenv("VISUAL", "code --wait", 1);
  EXPECT_EQ(editor_command(), "code --wait");
}

TEST_F(EditorTest, RunsTheCommandWithItsArgumentsOnTheFile) {
  const std::string file = dir.write("it's a file.yaml", "a: 1\n");  // a quote and a space in the name
  ::setenv("EDITOR", "sed -i s/1/2/", 1);
  EXPECT_EQ(run_editor(file), "");
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "a: 2\n");
}

TEST_F(EditorTest, FailuresAreOneLine) {
  const std::string file = dir.write("f.yaml", "");
  ::setenv("EDITOR", "exit 3; true", 1);
  EXPECT_EQ(run_editor(file), "exit 3; true exited with status 3");
  ::setenv("EDITOR", "no-such-editor-anywhere", 1);
  EXPECT_EQ(run_editor(file), "'no-such-editor-anywhere' was not found: set $EDITOR (or $VISUAL) to your editor");
  ::setenv("EDITOR", "kill -TERM $$; true", 1);
  EXPECT_EQ(run_editor(file), "kill -TERM $$; true ended by signal 15");
}

volatile std::sig_atomic_t g_interrupted = 0;

TEST_F(EditorTest, CtrlCInTheEditorIsNotOursAndOurHandlingIsBackAfterwards) {
  struct sigaction mine {}, before {}, after {};
  g_interrupted = 0;
  mine.sa_handler = [](int) { g_interrupted = 1; };
  sigemptyset(&mine.sa_mask);
  sigaction(SIGINT, &mine, &before);
  ::setenv("EDITOR", "kill -INT $PPID; true", 1);  // ctrl-c while the editor runs: not ours
  EXPECT_EQ(run_editor(dir.write("f.yaml", "")), "");
  EXPECT_EQ(g_interrupted, 0);
  sigaction(SIGINT, &before, &after);
  EXPECT_EQ(after.sa_handler, mine.sa_handler);
}

}  // namespace
}  // namespace flinktop::tui
