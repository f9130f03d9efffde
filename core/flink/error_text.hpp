// Flink's error texts made into one line a user can read. Flink answers errors as
// {"errors": ["<Java exception>: <message>\n\tat ...stack trace..."]} and reports a failed savepoint
// as a serialized exception with a "stack-trace": the human part is the message of the first line,
// without the exception class names in front of it.
#pragma once

#include <string>
#include <string_view>

namespace flinktop::flink {

// "java.util.concurrent.CompletionException: org.apache...CheckpointException: Checkpoint expired
// before completing.\n\tat ..." → "Checkpoint expired before completing.". When the first line has
// no message of its own, the innermost "Caused by:" that has one; else the exception's simple name.
// Sanitised (no control characters) and cut to one line.
std::string java_message(std::string_view text);

// The message of an error body: Flink's {"errors": [...]} (preferring a detailed entry over a bare
// "Internal server error."), a Kubernetes Status (from the service proxy), or the first line of
// anything else. "" for an empty body.
std::string error_body_message(std::string_view body);

}  // namespace flinktop::flink
