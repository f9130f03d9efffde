// Asking many clusters (or jobs) at once without one thread each: a 1,000-cluster listing must not
// start a thousand threads. fn(i) runs for every i in [0, count) on at most `threads` threads.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace flinktop::cli {

inline void for_each_parallel(std::size_t count, std::size_t threads, const std::function<void(std::size_t)>& fn) {
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < std::min(count, threads); ++t) {
    workers.emplace_back([&] {
      for (std::size_t i = next++; i < count; i = next++) fn(i);
    });
  }
  for (std::thread& worker : workers) worker.join();
}

// How many REST calls the CLI keeps in flight.
inline constexpr std::size_t kParallelCalls = 8;

}  // namespace flinktop::cli
