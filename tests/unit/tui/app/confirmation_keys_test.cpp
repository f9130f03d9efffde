// Every mutating key, pressed where it applies: the dialog names the exact target (context,
// namespace/cluster, job name and id), starts on No (Enter out of habit does nothing), and Yes
// starts exactly that action. With --readonly each key is refused with one line, and no dialog.
#include <gtest/gtest.h>

#include "tui/app/commands.hpp"
#include "ui_screen.hpp"

namespace flinktop::tui::testing {
namespace {

using K = Key::Kind;

// In the jobs view of the operator application cluster "orders", its running job selected.
void open_orders_jobs(UiScreen& s) { s.type("/orders\n\n"); }

void expect_target(const Dialog& d) {
  const std::string& target = d.content().target;
  EXPECT_NE(target.find("context kind-prod"), std::string::npos) << target;
  EXPECT_NE(target.find("flink/orders"), std::string::npos) << target;
  EXPECT_NE(target.find("orders-enrichment"), std::string::npos) << target;
  EXPECT_NE(target.find(kJobId), std::string::npos) << target;
}

struct JobKey {
  char key;
  const char* title;
  const char* verb;
  bool field;
};

class JobActionKey : public ::testing::TestWithParam<JobKey> {};

TEST_P(JobActionKey, NamesTheTargetAndDefaultsToNo) {
  const JobKey& k = GetParam();
  UiScreen s;
  open_orders_jobs(s);
  s.type(std::string(1, k.key));
  ASSERT_TRUE(s.ui().dialog()) << s.flash();
  const Dialog& d = *s.ui().dialog();
  EXPECT_EQ(d.content().title, k.title);
  EXPECT_EQ(d.content().yes, k.verb);
  expect_target(d);
  EXPECT_EQ(d.has_field(), k.field);
  EXPECT_EQ(d.focus(), k.field ? Dialog::Focus::Field : Dialog::Focus::No);
  if (!k.field) {
    s.press(Key::named(K::Enter));  // on No
    EXPECT_FALSE(s.ui().dialog());
    EXPECT_TRUE(s.ran.empty());
    EXPECT_EQ(s.flash(), "nothing done");
  }
  // The dialog's text is on screen, target included.
  UiScreen again;
  open_orders_jobs(again);
  again.type(std::string(1, k.key));
  EXPECT_NE(again.text().find(kJobId), std::string::npos);
}

TEST_P(JobActionKey, YesRunsExactlyThatAction) {
  const JobKey& k = GetParam();
  UiScreen s;
  open_orders_jobs(s);
  s.type(std::string(1, k.key));
  if (k.field) {
    for (char c : std::string_view("s3://sp/orders")) s.press(Key::character(static_cast<unsigned char>(c)));
    s.press(Key::named(K::Enter));  // to the buttons
  }
  s.type("y");
  ASSERT_EQ(s.ran.size(), 1u);
  EXPECT_EQ(s.ran[0].verb, k.verb);
  EXPECT_EQ(s.ran[0].job.job_id, kJobId);
  EXPECT_EQ(s.ran[0].job.cluster.id, "kind-prod/flink/orders");
  EXPECT_EQ(s.ran[0].directory, k.field ? "s3://sp/orders" : "");
  ASSERT_EQ(s.ui().status().in_flight.size(), 1u);
  EXPECT_EQ(s.ui().status().in_flight[0].label, std::string(k.verb) + " orders-enrichment");
}

INSTANTIATE_TEST_SUITE_P(Keys, JobActionKey,
                         ::testing::Values(JobKey{'c', "Cancel job", "cancel", false},
                                           JobKey{'s', "Trigger savepoint", "savepoint", true},
                                           JobKey{'S', "Stop with savepoint", "stop", false},  // operator: suspends
                                           JobKey{'u', "Suspend job", "suspend", false}),
                         [](const auto& info) { return std::string(info.param.verb); });

TEST(ConfirmationKeys, CancelOfAnOperatorJobWarnsThatTheOperatorFightsIt) {
  UiScreen s;
  open_orders_jobs(s);
  s.type("c");
  ASSERT_TRUE(s.ui().dialog());
  const auto& body = s.ui().dialog()->content().body;
  ASSERT_EQ(body.size(), 2u);
  EXPECT_NE(body[1].find("Prefer suspend (u)"), std::string::npos);
}

TEST(ConfirmationKeys, FromTheClustersViewTheApplicationJobIsTheTarget) {
  UiScreen s;
  s.type("/orders\nu");
  ASSERT_TRUE(s.ui().dialog());
  expect_target(*s.ui().dialog());
}

TEST(ConfirmationKeys, SuspendOnANativeClusterIsRefusedWithAHint) {
  UiScreen s;
  s.type("/adhoc\nu");
  EXPECT_FALSE(s.ui().dialog());
  EXPECT_EQ(s.flash(), "select a job first (Enter on a cluster lists its jobs)");
}

TEST(ConfirmationKeys, EscapeSaysNo) {
  UiScreen s;
  open_orders_jobs(s);
  s.type("S\x1b");
  EXPECT_FALSE(s.ui().dialog());
  EXPECT_TRUE(s.ran.empty());
}

TEST(ReadonlyKeys, EveryMutationIsRefusedWithOneLine) {
  for (const Key& key : {Key::character('c'), Key::character('s'), Key::character('S'), Key::character('u'),
                         Key::ctrl('d'), Key::character('e'), Key::character('n')}) {
    UiScreen s(/*readonly=*/true);
    open_orders_jobs(s);
    s.press(key);
    EXPECT_FALSE(s.ui().dialog()) << to_string(key);
    EXPECT_TRUE(s.ran.empty());
    EXPECT_EQ(s.flash(), "read-only: flinktop was started with --readonly, changes are refused") << to_string(key);
    const std::string screen = s.text(80, 24);
    EXPECT_NE(screen.find("read-only: flinktop was started with --readonly"), std::string::npos) << screen;
  }
}

TEST(ReadonlyKeys, HelpLeavesMutationsOut) {
  UiScreen s(/*readonly=*/true);
  s.type("?");
  const std::string screen = s.text();
  EXPECT_EQ(screen.find("Cancel the job"), std::string::npos) << screen;
  EXPECT_NE(screen.find("Describe"), std::string::npos) << screen;
}

TEST(Commands, AliasesAndArguments) {
  EXPECT_EQ(parse_command("po").kind, CommandKind::Pods);
  EXPECT_EQ(parse_command("  jobs  ").kind, CommandKind::Jobs);
  EXPECT_EQ(parse_command("q!").kind, CommandKind::Quit);
  const Command ns = parse_command("ns   flink-prod");
  EXPECT_EQ(ns.kind, CommandKind::Namespace);
  EXPECT_EQ(ns.arg, "flink-prod");
  EXPECT_EQ(parse_command("").kind, CommandKind::None);
  EXPECT_EQ(parse_command("pdos").kind, CommandKind::Unknown);
}

TEST(DescribeKeys, NativeClusterHasNoOperatorResource) {
  UiScreen s;
  s.type("/adhoc\nd");
  EXPECT_EQ(s.ui().top().crumb(), "clusters");
  EXPECT_NE(s.flash().find("without an operator resource"), std::string::npos) << s.flash();
}

TEST(DescribeKeys, ASessionJobSelectedInTheJobsViewIsDescribed) {
  // The session cluster's job list comes from Flink REST; here the fixture's Flink data is for
  // orders, so the session job is reached through the clusters view: describe the session cluster.
  UiScreen s;
  s.type("/analytics\nd");
  EXPECT_EQ(s.ui().top().title(), "Describe(flink/analytics)");
  EXPECT_NE(s.text().find("FlinkDeployment (session)"), std::string::npos);
}

TEST(DescribeKeys, EventsAreTheObjectsOwnNewestFirst) {
  UiScreen s;
  s.type("/orders\nd");
  const std::string screen = s.text(160, 48);
  const auto warning = screen.find("ClusterDeploymentException");
  const auto normal = screen.find("SavepointTriggered");
  ASSERT_NE(warning, std::string::npos) << screen;
  ASSERT_NE(normal, std::string::npos) << screen;
  EXPECT_LT(warning, normal);
  EXPECT_EQ(screen.find("Unrelated"), std::string::npos);
}

TEST(DescribeKeys, YamlDropsManagedFields) {
  UiScreen s;
  s.type("/orders\ny");
  std::string all;
  for (const PagerLine& line : s.ui().top().pager()->lines()) all += line.text + "\n";
  EXPECT_EQ(all.find("managedFields"), std::string::npos) << all;
  EXPECT_NE(all.find("apiVersion: flink.apache.org/v1beta1"), std::string::npos) << all;
  EXPECT_NE(all.find("resourceVersion: \"4711\""), std::string::npos) << all;
}

}  // namespace
}  // namespace flinktop::tui::testing
