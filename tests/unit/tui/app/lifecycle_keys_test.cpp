// P (rescale), R (restart) and r (restore from a picked savepoint): each dialog says the exact
// change, starts on No (or in its field), and Yes starts exactly that change. A job Flink runs
// without the operator gets the route its JobManager's configuration allows — or a refusal that
// names the command line that can do it.
#include <gtest/gtest.h>

#include "tui/app/job_confirmation.hpp"
#include "ui_screen.hpp"

namespace flinktop::tui::testing {
namespace {

using K = Key::Kind;

void clear_field(UiScreen& s) {
  for (int i = 0; i < 8; ++i) s.press(Key::named(K::Backspace));
}

TEST(LifecycleKeys, RescaleOfAnOperatorJobSetsItsParallelismAfterTheDialog) {
  UiScreen s;
  s.type("/orders\n\n\n");  // the clusters view → orders' jobs → the job
  s.type("P");
  ASSERT_TRUE(s.ui().dialog()) << s.flash();
  const Dialog& d = *s.ui().dialog();
  EXPECT_EQ(d.content().title, "Rescale job");
  EXPECT_EQ(d.content().field_label, "Parallelism:");
  EXPECT_EQ(d.content().field_value, "2");  // the job's vertices run at 2
  ASSERT_EQ(d.content().body.size(), 1u);
  EXPECT_EQ(d.content().body[0], "Sets spec.job.parallelism to the number below (now 2); the operator takes a "
                                 "savepoint, then redeploys from it.");
  EXPECT_NE(d.content().target.find(kJobId), std::string::npos);
  clear_field(s);
  s.type("4\ny");
  ASSERT_EQ(s.ran.size(), 1u);
  EXPECT_EQ(s.ran[0].verb, "scale");
  EXPECT_EQ(s.ran[0].parallelism, 4);
  ASSERT_TRUE(s.ran[0].plan);
  EXPECT_EQ(s.ran[0].plan->route, actions::ScaleRoute::Operator);
  EXPECT_EQ(s.ui().status().in_flight.back().label, "scale orders-enrichment");
}

TEST(LifecycleKeys, ARescaleToNothingOrToWordsRunsNothing) {
  for (const char* typed : {"0", "x2", ""}) {
    UiScreen s;
    s.type("/orders\n\nP");
    clear_field(s);
    s.type(std::string(typed) + "\ny");
    EXPECT_TRUE(s.ran.empty()) << typed;
    EXPECT_EQ(s.flash(), "nothing done: the parallelism is a whole number from 1, not \"" + std::string(typed) + "\"");
  }
}

TEST(LifecycleKeys, RestartIsTheOperatorsNonceAndRefusedElsewhere) {
  UiScreen s;
  s.type("/orders\n\nR");
  ASSERT_TRUE(s.ui().dialog()) << s.flash();
  EXPECT_EQ(s.ui().dialog()->content().title, "Restart job");
  EXPECT_EQ(s.ui().dialog()->content().body[0],
            "Sets spec.restartNonce + 1: the operator restarts the job; the operator takes a savepoint, then "
            "redeploys from it.");
  EXPECT_EQ(s.ui().dialog()->focus(), Dialog::Focus::No);
  s.type("y");
  ASSERT_EQ(s.ran.size(), 1u);
  EXPECT_EQ(s.ran[0].verb, "restart");
}

TEST(LifecycleKeys, RestoreOpensTheSavepointPickerThenRestoresFromThePickedOne) {
  UiScreen s(/*readonly=*/false, savepoint_view_data());
  s.type("/orders\n\nr");  // in the jobs view: the job opens on its savepoints
  EXPECT_FALSE(s.ui().dialog());
  EXPECT_EQ(s.flash(), "pick the savepoint to restore from (newest first), then r");
  const std::string screen = s.text();
  EXPECT_NE(screen.find("Restore from it"), std::string::npos) << screen;
  s.type("r");  // the newest, selected first
  ASSERT_TRUE(s.ui().dialog()) << s.flash();
  const DialogContent c = s.ui().dialog()->content();  // a copy: Yes closes the dialog
  EXPECT_EQ(c.title, "Restore from savepoint");
  ASSERT_EQ(c.body.size(), 2u);
  EXPECT_EQ(c.body[0].rfind("From s3://savepoints/orders/", 0), 0u) << c.body[0];
  EXPECT_EQ(c.body[1], "Sets spec.job.initialSavepointPath to it and savepointRedeployNonce + 1: the operator "
                       "redeploys the job from that savepoint, whatever its upgradeMode (operator 1.8+).");
  s.type("y");
  ASSERT_EQ(s.ran.size(), 1u);
  EXPECT_EQ(s.ran[0].verb, "restore");
  // The savepoint sent is the one the dialog named.
  ASSERT_EQ(s.ran[0].savepoint.rfind("s3://savepoints/orders/", 0), 0u) << s.ran[0].savepoint;
  EXPECT_EQ(c.body[0].rfind("From " + s.ran[0].savepoint + " (known to ", 0), 0u) << c.body[0];
}

TEST(LifecycleKeys, ReadonlyRefusesThemAll) {
  for (char key : {'P', 'R', 'r'}) {
    UiScreen s(/*readonly=*/true);
    s.type("/orders\n\n");
    s.type(std::string(1, key));
    EXPECT_FALSE(s.ui().dialog()) << key;
    EXPECT_EQ(s.flash(), "read-only: flinktop was started with --readonly, changes are refused") << key;
  }
}

// A job Flink runs without the operator: the route follows the JobManager's configuration.
actions::JobRef standalone_job() {
  actions::JobRef job;
  job.cluster.context = "dev";
  job.cluster.namespace_ = "etl";
  job.cluster.name = "batch";
  job.cluster.kind = model::ClusterKind::Standalone;
  job.job_id = kJobId;
  job.job_name = "nightly";
  return job;
}

TEST(LifecycleDialogs, TheAdaptiveSchedulerRescalesInPlaceTheDefaultOneNeedsTheCommandLine) {
  const actions::JobRef job = standalone_job();
  actions::ScaleFacts adaptive;
  adaptive.config = {{"jobmanager.scheduler", "adaptive"}};
  LifecycleFacts facts;
  facts.parallelism = 3;
  facts.scale = actions::plan_scale(job, adaptive);
  JobConfirmation in_place = confirm_job_action(Action::Rescale, job, {}, facts);
  ASSERT_TRUE(in_place.dialog) << in_place.refusal;
  EXPECT_EQ(in_place.dialog->body[0], "PUT /jobs/" + std::string(kJobId) +
                                          "/resource-requirements: every vertex's upper bound becomes the number "
                                          "below. Flink rescales the running job in place once its cooldown has "
                                          "passed (same job, state from its last checkpoint).");
  EXPECT_EQ(in_place.dialog->field_value, "3");

  facts.scale = actions::plan_scale(job, actions::ScaleFacts{});  // the default scheduler
  JobConfirmation resubmit = confirm_job_action(Action::Rescale, job, {}, facts);
  EXPECT_FALSE(resubmit.dialog);
  EXPECT_EQ(resubmit.refusal, "nightly runs on Flink's default scheduler: rescaling it is a stop with a savepoint and "
                              "its jar run again — flinktop scale " + std::string(kJobId) +
                              " -p N --jar FILE (or run the cluster with jobmanager.scheduler: adaptive)");

  EXPECT_EQ(confirm_job_action(Action::Restart, job).refusal,
            "restart is the operator's (spec.restartNonce): a job Flink runs without it is stopped with a savepoint "
            "(S) and submitted again");
}

TEST(LifecycleDialogs, RestoringAJobFlinkRunsAloneAsksForItsJar) {
  model::SavepointRecord record;
  record.path = "file:/sp/savepoint-1";
  record.state = "COMPLETED";
  record.sources = {"flink", "journal"};
  LifecycleFacts facts;
  facts.savepoint = &record;
  JobConfirmation restore = confirm_job_action(Action::Restore, standalone_job(), {}, facts);
  ASSERT_TRUE(restore.dialog) << restore.refusal;
  EXPECT_EQ(restore.dialog->field_label, "Jar file:");
  EXPECT_EQ(restore.dialog->body[0], "From file:/sp/savepoint-1 (known to flink, journal).");

  record.state = "FAILED";
  record.path.clear();
  EXPECT_EQ(confirm_job_action(Action::Restore, standalone_job(), {}, facts).refusal,
            "this savepoint is FAILED and has no path: pick a completed one");
}

}  // namespace
}  // namespace flinktop::tui::testing
