// Numbers as people read them in a table cell: sizes in binary units, large counts with a
// suffix, Flink's millisecond durations and epoch-millisecond times as ages. "" for Flink's -1
// ("not yet") so an unknown value shows as an empty cell, never as a wrong one.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace flinktop::text {

std::string bytes(std::int64_t value);                 // "512 B", "1.2 GiB"; "" when negative
std::string count(std::int64_t value);                 // "999", "12.3k", "4.5M", "1.2G"
std::string duration_from_millis(std::int64_t ms);     // "850ms", "2.5s", "3m12s"; "" when negative
std::string age_from_millis(std::int64_t epoch_ms, std::chrono::system_clock::time_point now);  // "" when <= 0

}  // namespace flinktop::text
