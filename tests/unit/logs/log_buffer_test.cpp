// core/logs/log_buffer: bounded, counted when lines are lost, one wake per batch, and the blocking
// mode the CLI uses. Waits are bounded waits for a condition, never timed assertions.
#include "core/logs/log_buffer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace flinktop::logs {
namespace {

std::shared_ptr<LogLine> line(std::string text) {
  auto l = std::make_shared<LogLine>();
  l->text = std::move(text);
  return l;
}

std::vector<std::string> texts(const LogBatch& batch) {
  std::vector<std::string> out;
  for (const auto& l : batch.lines) out.push_back(l->text);
  return out;
}

template <class F>
bool eventually(F done) {
  for (int i = 0; i < 2000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return done();
}

TEST(LogBuffer, TakeReturnsWhatIsNewInArrivalOrder) {
  LogBuffer buffer;
  buffer.push(line("a"));
  buffer.push(line("b"));
  LogBatch first = buffer.take();
  EXPECT_EQ(texts(first), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(first.lines[0]->seq, 1u);
  EXPECT_EQ(first.lines[1]->seq, 2u);
  EXPECT_TRUE(buffer.take().lines.empty());
  std::vector<std::shared_ptr<LogLine>> batch{line("c"), line("d")};
  buffer.push(batch);
  EXPECT_TRUE(batch.empty());
  EXPECT_EQ(texts(buffer.take(1)), (std::vector<std::string>{"c"}));
  EXPECT_EQ(texts(buffer.take()), (std::vector<std::string>{"d"}));
  EXPECT_EQ(buffer.size(), 4u);  // taken lines stay as history until they are pushed out
}

TEST(LogBuffer, OverflowDropsTheOldestAndCountsThoseNeverTaken) {
  LogBuffer buffer({.max_lines = 3});
  buffer.push(line("1"));
  buffer.push(line("2"));
  EXPECT_EQ(buffer.take().lines.size(), 2u);
  for (int i = 3; i <= 7; ++i) buffer.push(line(std::to_string(i)));
  EXPECT_EQ(buffer.size(), 3u);
  // 1 and 2 had been taken; 3 and 4 were lost before the reader came back.
  EXPECT_EQ(buffer.dropped(), 2u);
  LogBatch batch = buffer.take();
  EXPECT_EQ(texts(batch), (std::vector<std::string>{"5", "6", "7"}));
  EXPECT_EQ(batch.dropped, 2u);
  EXPECT_EQ(buffer.take().dropped, 0u);  // told once
}

TEST(LogBuffer, ByteBudgetBoundsMemoryToo) {
  LogBuffer buffer({.max_lines = 1000, .max_bytes = 100});
  for (int i = 0; i < 50; ++i) buffer.push(line(std::string(10, 'x')));
  EXPECT_LE(buffer.bytes(), 100u);
  EXPECT_EQ(buffer.size(), 10u);
  EXPECT_EQ(buffer.dropped(), 40u);
}

TEST(LogBuffer, WakesOncePerBatch) {
  LogBuffer buffer;
  int wakes = 0;
  buffer.set_on_wake([&] { ++wakes; });
  for (int i = 0; i < 100; ++i) buffer.push(line("x"));
  EXPECT_EQ(wakes, 1);
  buffer.wake();  // a status change while lines wait: still the same batch
  EXPECT_EQ(wakes, 1);
  buffer.take();
  buffer.push(line("y"));
  buffer.push(line("z"));
  EXPECT_EQ(wakes, 2);
  buffer.take();
  buffer.wake();
  EXPECT_EQ(wakes, 3);
}

TEST(LogBuffer, APartialTakeWakesTheReaderAgain) {
  LogBuffer buffer;
  int wakes = 0;
  buffer.set_on_wake([&] { ++wakes; });
  for (int i = 0; i < 10; ++i) buffer.push(line("x"));
  EXPECT_EQ(buffer.take(4).lines.size(), 4u);
  EXPECT_EQ(wakes, 2);
  EXPECT_EQ(buffer.take().lines.size(), 6u);
  EXPECT_EQ(wakes, 2);
}

TEST(LogBuffer, SinceReadsWithoutTakingAndCountsWhatIsGone) {
  LogBuffer buffer({.max_lines = 3});
  for (int i = 1; i <= 5; ++i) buffer.push(line(std::to_string(i)));
  LogBatch from_start = buffer.since(0);
  EXPECT_EQ(texts(from_start), (std::vector<std::string>{"3", "4", "5"}));
  EXPECT_EQ(from_start.dropped, 2u);
  EXPECT_EQ(texts(buffer.since(4)), (std::vector<std::string>{"5"}));
  EXPECT_EQ(buffer.since(4).dropped, 0u);
  EXPECT_EQ(buffer.take().lines.size(), 3u);  // since() took nothing
  EXPECT_EQ(buffer.snapshot().size(), 3u);
}

TEST(LogBuffer, ClearForgetsWithoutCountingDrops) {
  LogBuffer buffer;
  buffer.push(line("a"));
  buffer.clear();
  EXPECT_EQ(buffer.size(), 0u);
  EXPECT_TRUE(buffer.take().lines.empty());
  EXPECT_EQ(buffer.dropped(), 0u);
  buffer.push(line("b"));
  const LogBatch batch = buffer.take();
  ASSERT_EQ(batch.lines.size(), 1u);
  EXPECT_EQ(batch.lines[0]->seq, 2u);
}

TEST(LogBuffer, BlockModeMakesTheProducerWaitAndLosesNothing) {
  LogBuffer buffer({.max_lines = 4, .max_bytes = 1 << 20, .overflow = LogBufferOptions::Overflow::Block});
  constexpr int kLines = 1000;
  std::atomic<int> pushed{0};
  std::thread producer([&] {
    for (int i = 0; i < kLines; ++i) {
      ASSERT_TRUE(buffer.push(line(std::to_string(i))));
      ++pushed;
    }
  });
  // The producer stops at a full buffer until the reader takes.
  ASSERT_TRUE(eventually([&] { return pushed.load() == 4; }));
  std::vector<std::string> got;
  while (got.size() < kLines) {
    buffer.wait(std::chrono::milliseconds(50));
    for (auto& t : texts(buffer.take())) got.push_back(t);
    ASSERT_LE(buffer.size(), 4u);
  }
  producer.join();
  for (int i = 0; i < kLines; ++i) ASSERT_EQ(got[static_cast<std::size_t>(i)], std::to_string(i));
  EXPECT_EQ(buffer.dropped(), 0u);
}

TEST(LogBuffer, CloseReleasesAWaitingProducer) {
  LogBuffer buffer({.max_lines = 1, .max_bytes = 1 << 20, .overflow = LogBufferOptions::Overflow::Block});
  buffer.push(line("a"));
  std::atomic<int> result{-1};
  std::thread producer([&] { result = buffer.push(line("b")) ? 1 : 0; });
  buffer.close();
  producer.join();
  EXPECT_EQ(result.load(), 0);
  EXPECT_FALSE(buffer.push(line("c")));
  EXPECT_EQ(buffer.take().lines.size(), 1u);  // what was there can still be taken
}

TEST(LogBuffer, ManyProducersOneReaderEveryLineOnceInOrderPerProducer) {
  LogBuffer buffer({.max_lines = 64, .max_bytes = 1 << 20, .overflow = LogBufferOptions::Overflow::Block});
  constexpr int kProducers = 8;
  constexpr int kEach = 2000;
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&buffer, p] {
      for (int i = 0; i < kEach; ++i) buffer.push(line(std::to_string(p) + ":" + std::to_string(i)));
    });
  }
  std::vector<int> next(kProducers, 0);
  int total = 0;
  std::uint64_t last_seq = 0;
  while (total < kProducers * kEach) {
    buffer.wait(std::chrono::milliseconds(50));
    for (const auto& l : buffer.take().lines) {
      ASSERT_GT(l->seq, last_seq);
      last_seq = l->seq;
      const auto colon = l->text.find(':');
      const int p = std::stoi(l->text.substr(0, colon));
      ASSERT_EQ(std::stoi(l->text.substr(colon + 1)), next[static_cast<std::size_t>(p)]++);
      ++total;
    }
  }
  for (auto& t : producers) t.join();
}

}  // namespace
}  // namespace flinktop::logs
