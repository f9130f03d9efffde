#include "core/model/feed_status.hpp"

namespace flinktop::model {

std::string_view to_string(FeedStatus::State state) {
  switch (state) {
    case FeedStatus::State::Loading: return "loading";
    case FeedStatus::State::Fresh: return "fresh";
    case FeedStatus::State::Stale: return "stale";
    case FeedStatus::State::Failed: return "failed";
  }
  return "?";
}

std::optional<FeedStatus> feed_status(const std::string& context, const std::string& kind, const KindStatus& status) {
  if (status.not_served) return std::nullopt;
  FeedStatus out{context, kind, FeedStatus::State::Loading, status.updated, status.error};
  if (!status.error.empty()) {
    out.state = status.synced && !status.forbidden ? FeedStatus::State::Stale : FeedStatus::State::Failed;
  } else if (status.synced) {
    out.state = FeedStatus::State::Fresh;
  }
  return out;
}

FeedStatus feed_status(const std::string& context, const FlinkClusterSnapshot* flink) {
  FeedStatus out{context, "Flink REST", FeedStatus::State::Loading, {}, ""};
  if (!flink) return out;
  out.since = flink->updated;
  out.reason = flink->error;
  const bool had_data = flink->updated != std::chrono::system_clock::time_point{};
  if (!flink->error.empty()) {
    out.state = had_data ? FeedStatus::State::Stale : FeedStatus::State::Failed;
  } else if (had_data) {
    out.state = FeedStatus::State::Fresh;
  }
  return out;
}

}  // namespace flinktop::model
