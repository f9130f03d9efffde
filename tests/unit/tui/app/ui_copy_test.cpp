// Y (copy): what each view offers — a job's id, a vertex id, a checkpoint's path, a stack trace,
// a savepoint's path — and the path an action just wrote while its message shows; the flash says
// it was sent to the terminal's clipboard (never that it arrived); a text too long is refused.
#include <gtest/gtest.h>

#include "tui/app/action_threads.hpp"
#include "tui/screen/clipboard.hpp"
#include "ui_screen.hpp"

namespace flinktop::tui::testing {
namespace {

TEST(UiCopy, TheSelectedJobsId) {
  UiScreen s;
  s.type("/orders\n\n");
  s.type("Y");
  ASSERT_EQ(s.copied.size(), 1u);
  EXPECT_EQ(s.copied[0], kJobId);
  EXPECT_EQ(s.flash(), std::string("id ") + kJobId +
                           " sent to the terminal's clipboard (OSC 52: terminals without it ignore it)");
}

TEST(UiCopy, WhatEachTabOfAJobOffers) {
  UiScreen s(false, savepoint_view_data());
  s.type("/orders\n\n\n");
  s.type("Y");  // vertices
  s.type("\tY");  // checkpoints: the newest (completed) one's path
  s.type("\tY");  // exceptions: the stack trace
  EXPECT_NE(s.flash().find("stack trace (3 lines) sent"), std::string::npos) << s.flash();
  s.type("\tY");  // savepoints: the newest one's path
  ASSERT_EQ(s.copied.size(), 4u);
  EXPECT_EQ(s.copied[0], "v-source");
  EXPECT_EQ(s.copied[1], "s3://checkpoints/orders/chk-42");
  EXPECT_EQ(s.copied[2].rfind("java.io.IOException: Connection reset by peer\n\tat ", 0), 0u) << s.copied[2];
  EXPECT_EQ(s.copied[3].rfind("s3://savepoints/orders/savepoint-a1b2c3-", 0), 0u) << s.copied[3];
  EXPECT_NE(s.flash().find("savepoint path s3://"), std::string::npos) << s.flash();
}

TEST(UiCopy, TheSavepointAnActionJustWrote) {
  UiScreen s;
  s.type("/orders\n");
  ActionOutbox outbox;
  outbox.messages.push_back({Severity::Ok, "savepoint of orders-enrichment written to s3://sp/savepoint-1", "s3://sp/savepoint-1"});
  collect_outbox(outbox, s.ui().status(), kFrameNow, "Y");
  EXPECT_EQ(s.flash(), "Y copies the path · savepoint of orders-enrichment written to s3://sp/savepoint-1");
  s.type("Y");
  ASSERT_EQ(s.copied.size(), 1u);
  EXPECT_EQ(s.copied[0], "s3://sp/savepoint-1");
  // Once the message is gone, Y copies what the view offers again.
  s.ui().status().flash.reset();
  s.type("Y");
  ASSERT_EQ(s.copied.size(), 2u);
  EXPECT_NE(s.copied[1], "s3://sp/savepoint-1");
}

TEST(UiCopy, NothingSelectedOrTooLong) {
  ViewData data = view_data(true);
  auto flink = std::make_shared<model::FlinkClusterSnapshot>(*data.flink);
  flink->open_job->exceptions->entries[0].stacktrace = std::string(kClipboardMaxBytes + 1, 'x');
  data.flink = flink;
  UiScreen s(false, data);
  s.type("/orders\n\n\n\t\t");  // exceptions
  s.type("Y");
  EXPECT_TRUE(s.copied.empty());
  EXPECT_NE(s.flash().find("not copied: the stack trace is longer than"), std::string::npos) << s.flash();

  UiScreen empty(false, view_data(false));
  empty.type("/nothing-matches\n");
  empty.type("Y");
  EXPECT_TRUE(empty.copied.empty());
  EXPECT_NE(empty.flash().find("nothing to copy"), std::string::npos) << empty.flash();
}

TEST(UiCopy, ListedInHelp) {
  UiScreen s;
  s.type("?");
  EXPECT_NE(s.text().find("Copy the id, path or trace in view (OSC 52)"), std::string::npos) << s.text();
}

}  // namespace
}  // namespace flinktop::tui::testing
