// Small helpers shared by the core/http tests.
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/http/request.hpp"

namespace flinktop::http::test_util {

using Clock = std::chrono::steady_clock;

inline long long ms_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// A GET of `url` (designated initializers of Request trip g++ 12's -Wmissing-field-initializers).
inline http::Request get_request(std::string url) {
  http::Request r;
  r.url = std::move(url);
  return r;
}

// Runs `fn`, which must throw flinktop::Error; returns it (or nullopt after recording a failure).
inline std::optional<Error> catch_error(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected a flinktop::Error, got none";
  return std::nullopt;
}

inline std::string lower_copy(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline const char* kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Connect: return "Connect";
    case ErrorKind::Tls: return "Tls";
    case ErrorKind::Timeout: return "Timeout";
    case ErrorKind::Cancelled: return "Cancelled";
    case ErrorKind::Config: return "Config";
    case ErrorKind::Usage: return "Usage";
    default: return "other";
  }
}

}  // namespace flinktop::http::test_util
