// OSC 52: base64 as RFC 4648 spells it, the sequence a terminal expects, the length cap, and the
// Terminal writing exactly that sequence to the tty (and nothing when the text is too long).
#include "tui/screen/clipboard.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <clocale>
#include <string>

#include "tests/unit/tui/screen/pty.hpp"
#include "tui/screen/terminal.hpp"

namespace flinktop::tui {
namespace {

TEST(Base64, Rfc4648Vectors) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("foob"), "Zm9vYg==");
  EXPECT_EQ(base64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64(std::string("\x00\xff\xfe\x80", 4)), "AP/+gA==");
  EXPECT_EQ(base64("s3://savepoints/orders/savepoint-a1b2c3-5f1e"),
            "czM6Ly9zYXZlcG9pbnRzL29yZGVycy9zYXZlcG9pbnQtYTFiMmMzLTVmMWU=");
}

TEST(Osc52, SequenceAndCap) {
  EXPECT_EQ(osc52_sequence("foobar"), std::optional<std::string>("\x1b]52;c;Zm9vYmFy\a"));
  // Control characters travel inside the base64, never raw.
  const auto hostile = osc52_sequence("a\x1b]52;c;evil\a");
  ASSERT_TRUE(hostile);
  EXPECT_EQ(hostile->find('\x1b', 1), std::string::npos);
  EXPECT_EQ(hostile->find('\a'), hostile->size() - 1);
  const std::string longest(kClipboardMaxBytes, 'x');
  const auto at_cap = osc52_sequence(longest);
  ASSERT_TRUE(at_cap);
  EXPECT_LE(at_cap->size(), 100'000u);
  EXPECT_FALSE(osc52_sequence(longest + "x"));
}

class ClipboardTerminal : public ::testing::Test {
 protected:
  void SetUp() override { locale_ = std::setlocale(LC_ALL, nullptr); }
  void TearDown() override { std::setlocale(LC_ALL, locale_.c_str()); }
  std::string locale_;
};

TEST_F(ClipboardTerminal, WritesTheSequenceToTheTty) {
  testing::Pty pty(80, 24);
  TerminalOptions o;
  o.fd = pty.slave();
  o.term = "xterm-256color";
  o.locale = "C.UTF-8";
  Terminal terminal(o);
  EXPECT_TRUE(terminal.copy_to_clipboard("a1b2c3d4e5f60718293a4b5c6d7e8f90"));
  // What the terminal received ends with the sequence, whole (the start-up bytes may come first).
  const std::string sequence = "\x1b]52;c;" + base64("a1b2c3d4e5f60718293a4b5c6d7e8f90") + "\a";
  const std::string out = pty.take(std::chrono::milliseconds(200));
  ASSERT_GE(out.size(), sequence.size());
  EXPECT_EQ(out.substr(out.size() - sequence.size()), sequence);
  EXPECT_FALSE(terminal.copy_to_clipboard(std::string(kClipboardMaxBytes + 1, 'x')));
  EXPECT_EQ(pty.take(std::chrono::milliseconds(200)).find("]52;"), std::string::npos);
}

}  // namespace
}  // namespace flinktop::tui
