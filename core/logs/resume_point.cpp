#include "core/logs/resume_point.hpp"

#include <algorithm>
#include <functional>

#include "core/logs/log_timestamp.hpp"

namespace flinktop::logs {

std::string ResumePoint::since_time() const {
  return last_ns_ ? format_rfc3339_seconds(*last_ns_) : std::string();
}

void ResumePoint::reconnected() {
  seam_ = last_ns_.has_value();
  repeats_ = at_last_;
}

void ResumePoint::reset() {
  last_ns_.reset();
  at_last_.clear();
  repeats_.clear();
  seam_ = false;
}

bool ResumePoint::admit(std::optional<std::int64_t> time_ns, std::string_view text) {
  if (!time_ns) return true;
  const std::size_t hash = std::hash<std::string_view>{}(text);
  if (seam_) {
    if (*time_ns < *last_ns_) return false;
    if (*time_ns == *last_ns_) {
      auto seen = std::find(repeats_.begin(), repeats_.end(), hash);
      if (seen != repeats_.end()) {
        repeats_.erase(seen);
        return false;
      }
    } else {
      seam_ = false;  // past the last kept time: everything from here on is new
    }
  }
  if (!last_ns_ || *time_ns != *last_ns_) {
    last_ns_ = time_ns;
    at_last_.clear();
  }
  // Many lines in one instant (a stack trace) are bounded by what one instant can hold; keep at
  // most a few thousand so a pathological log cannot grow this without limit.
  if (at_last_.size() < 4096) at_last_.push_back(hash);
  return true;
}

}  // namespace flinktop::logs
