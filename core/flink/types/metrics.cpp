#include "core/flink/types/metrics.hpp"

#include <cmath>

#include "core/flink/json_read.hpp"

namespace flinktop::flink {

using namespace json_read;

std::optional<double> MetricValue::number() const {
  for (const auto* v : {&value, &sum, &max, &avg, &min}) {
    if (*v) return *v;
  }
  return std::nullopt;
}

MetricMap decode_metrics(const json& j) {
  MetricMap out;
  if (!j.is_array()) return out;
  for (const auto& item : j) {
    std::string id = string(item, "id");
    if (id.empty()) continue;
    MetricValue m;
    if (const json* v = find(item, "value")) {
      if (v->is_string()) {
        m.text = v->get<std::string>();
        m.value = parse_number(m.text);
      } else if (v->is_number()) {
        m.value = v->get<double>();
        m.text = v->dump();
      }
    }
    m.min = optional_number(item, "min");
    m.max = optional_number(item, "max");
    m.avg = optional_number(item, "avg");
    m.sum = optional_number(item, "sum");
    m.skew = optional_number(item, "skew");
    out[std::move(id)] = std::move(m);
  }
  return out;
}

std::optional<double> metric_number(const MetricMap& metrics, std::string_view name) {
  auto it = metrics.find(name);
  if (it == metrics.end()) return std::nullopt;
  return it->second.number();
}

std::vector<GarbageCollector> garbage_collectors(const MetricMap& metrics) {
  std::map<std::string, GarbageCollector> by_name;
  for (auto it = metrics.lower_bound(metric::kGarbageCollectorPrefix); it != metrics.end(); ++it) {
    std::string_view key = it->first;
    if (key.substr(0, metric::kGarbageCollectorPrefix.size()) != metric::kGarbageCollectorPrefix) break;
    key.remove_prefix(metric::kGarbageCollectorPrefix.size());
    auto dot = key.rfind('.');
    if (dot == std::string_view::npos) continue;
    std::string name(key.substr(0, dot));
    std::string_view field = key.substr(dot + 1);
    auto n = it->second.number();
    if (!n || !std::isfinite(*n)) continue;
    GarbageCollector& gc = by_name[name];
    gc.name = name;
    if (field == "Count") gc.count = static_cast<std::int64_t>(*n);
    if (field == "Time") gc.time_ms = static_cast<std::int64_t>(*n);
  }
  std::vector<GarbageCollector> out;
  for (auto& [name, gc] : by_name) out.push_back(std::move(gc));
  return out;
}

bool is_no_watermark(double value) noexcept {
  return value <= -9.2e18;
}

}  // namespace flinktop::flink
