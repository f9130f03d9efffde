// Asserting on flinktop::Error: run a call that must fail, get the error (or its message after
// checking its kind). A call that does not throw is a test failure, never a silent pass.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"

namespace flinktop::test {

template <class F>
Error expect_error(F&& call) {
  try {
    call();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no flinktop::Error was thrown";
  return Error(ErrorKind::Usage, "");
}

// The message of the error `call` throws, after checking that it is of `kind`.
template <class F>
std::string error_of(F&& call, ErrorKind kind = ErrorKind::Config) {
  const Error error = expect_error(std::forward<F>(call));
  EXPECT_EQ(static_cast<int>(error.kind()), static_cast<int>(kind)) << error.what();
  return error.what();
}

}  // namespace flinktop::test
