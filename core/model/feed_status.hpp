// How one feed is doing — a Kubernetes watch of a kind, a cluster's Flink REST poll — said the
// same way for all of them, so a view can tell "nothing there" from "not loaded yet" and from
// "could not be had, because …". Derived from what each feed already keeps next to its data (a
// KindStatus in the context's snapshot, the error and time in a FlinkClusterSnapshot).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/model/flink_snapshot.hpp"
#include "core/model/store.hpp"

namespace flinktop::model {

struct FeedStatus {
  enum class State {
    Loading,  // asked, no answer yet
    Fresh,    // the last attempt answered
    Stale,    // the last attempt failed; the data is from `since`
    Failed,   // no data: every attempt so far failed (or is not allowed)
  };
  std::string context;  // the kube context ("" for a cluster known by its REST URL)
  std::string kind;     // what is fed: "pods", "flinkdeployments.flink.apache.org", "Flink REST"
  State state = State::Loading;
  std::chrono::system_clock::time_point since{};  // Fresh, Stale: when the data was last had
  std::string reason;                             // Stale, Failed: one line
  bool operator==(const FeedStatus&) const = default;
};

std::string_view to_string(FeedStatus::State state);

// A watched kind of one context. A kind the API server does not serve (no Flink operator
// installed) is not a failure: nullopt.
std::optional<FeedStatus> feed_status(const std::string& context, const std::string& kind, const KindStatus& status);
// The Flink REST poll of one cluster (null: not polled yet).
FeedStatus feed_status(const std::string& context, const FlinkClusterSnapshot* flink);

}  // namespace flinktop::model
