// CancelToken: wakes once, and never after the waker was cleared.
#include "core/http/cancel_token.hpp"

#include <gtest/gtest.h>

namespace flinktop::http {
namespace {

TEST(HttpCancelToken, WakesOnceAndIsIdempotent) {
  CancelToken token;
  int wakes = 0;
  token.set_waker([&] { ++wakes; });
  EXPECT_FALSE(token.cancelled());
  token.cancel();
  token.cancel();
  EXPECT_TRUE(token.cancelled());
  EXPECT_EQ(wakes, 1);
}

TEST(HttpCancelToken, ClearedWakerIsNotCalled) {
  CancelToken token;
  int wakes = 0;
  token.set_waker([&] { ++wakes; });
  token.clear_waker();
  token.cancel();
  EXPECT_TRUE(token.cancelled());
  EXPECT_EQ(wakes, 0);
}

}  // namespace
}  // namespace flinktop::http
