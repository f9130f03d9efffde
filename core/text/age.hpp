// Ages and times as kubectl and k9s print them: "12s", "5m3s", "3h12m", "4d2h", "2y"; RFC 3339.
#pragma once

#include <chrono>
#include <string>

namespace flinktop::text {

// Empty for a zero (unknown) time point; "0s" for times in the future (clock skew).
std::string age(std::chrono::system_clock::time_point since, std::chrono::system_clock::time_point now);
std::string human_duration(std::chrono::seconds duration);
// The first moment after `now` at which age(since, ·) reads differently: "3h12m" changes once a
// minute, "4d" once a day. Lets a table of thousands of ages skip rebuilding while none changes.
std::chrono::system_clock::time_point age_changes_at(std::chrono::system_clock::time_point since,
                                                     std::chrono::system_clock::time_point now);
// "2026-11-21T18:14:54Z"; "" for a zero time point.
std::string rfc3339(std::chrono::system_clock::time_point time);

}  // namespace flinktop::text
