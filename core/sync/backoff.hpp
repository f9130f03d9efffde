// Exponential backoff with full jitter, so that many watchers that fail together (an API server
// restart) do not come back together.
#pragma once

#include <algorithm>
#include <chrono>
#include <random>

namespace flinktop::sync {

class Backoff {
 public:
  Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max) : initial_(initial), max_(max) {}

  // The next delay: a random value in [d/2, d] where d doubles after each failure up to max.
  std::chrono::milliseconds next() {
    const auto ceiling = std::min<std::chrono::milliseconds>(max_, initial_ * (1LL << std::min(failures_, 20)));
    ++failures_;
    std::uniform_int_distribution<long long> spread(ceiling.count() / 2, ceiling.count());
    return std::chrono::milliseconds(spread(random_));
  }
  void reset() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  std::chrono::milliseconds initial_;
  std::chrono::milliseconds max_;
  int failures_ = 0;
  std::minstd_rand random_{std::random_device{}()};
};

}  // namespace flinktop::sync
