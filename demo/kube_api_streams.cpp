// KubeApiServer's long-lived responses: watches (events from the history, bookmarks, 410 after
// compaction, and the injected faults) and pod logs (tail, since, timestamps, previous, follow).
// Each holds one server thread and ends when the client goes away, the watch times out, the
// container restarts (logs), or the server stops.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <optional>

#include "demo/kube_api_paths.hpp"
#include "demo/kube_api_server.hpp"
#include "core/logs/log_timestamp.hpp"

namespace flinktop::demo {

using nlohmann::json;
using namespace kube_api;
using Clock = std::chrono::steady_clock;

namespace {

// How long a stream sleeps between looks when nothing wakes it: bounds how late it notices a
// client that went away (a change, a stop or a fault wakes it at once).
constexpr std::chrono::milliseconds kIdleLook{500};

long long number_param(const httplib::Request& req, const char* name, long long fallback) {
  if (!req.has_param(name)) return fallback;
  try {
    return std::stoll(req.get_param_value(name));
  } catch (const std::exception&) {
    return fallback;
  }
}

long long epoch_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// RFC 3339 as the kubelet writes it (Go's RFC3339Nano): fraction digits without trailing zeros.
std::string rfc3339_nano(long long ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[48];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::string fraction = std::to_string(1000 + ms % 1000).substr(1);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return std::string(text) + (fraction.empty() ? "" : "." + fraction) + "Z";
}

}  // namespace

void KubeApiServer::stream_watch(const httplib::Request& req, httplib::Response& res, const kube::ResourceType& type,
                                 const std::string& ns) {
  std::unique_lock lock(mutex_);
  const long long from = number_param(req, "resourceVersion", resource_version_);
  const long long timeout_seconds = number_param(req, "timeoutSeconds", 0);
  const std::string selector = req.get_param_value("labelSelector");
  const int cut_generation = cut_generation_;
  const std::string plural = type.plural;
  lock.unlock();
  auto in_scope = [ns, selector](const json& object) {
    return (ns.empty() || object["metadata"].value("namespace", "") == ns) &&
           (object.value("type", "") == "BOOKMARK" || labels_match(object, selector));
  };
  res.set_chunked_content_provider(
      "application/json",
      [this, from, timeout_seconds, cut_generation, plural, in_scope](std::size_t, httplib::DataSink& sink) {
        const auto deadline = Clock::now() + std::chrono::seconds(timeout_seconds);
        std::unique_lock lock(mutex_);
        long long sent = from;
        long long seen = 0;  // events_ are ordered by seq; compaction only drops old ones
        while (!stopping_ && sink.is_writable()) {
          if (cut_generation_ != cut_generation) {
            const std::string half = R"({"type":"MODIFIED","object":{"metadata":{"na)";
            sink.write(half.data(), half.size());
            return false;  // drop the connection mid-event
          }
          if (!stall_ && sent < compacted_below_ - 1) {
            // The history this watch would continue from is gone, as after an etcd compaction.
            const std::string line =
                json{{"type", "ERROR"},
                     {"object", json::parse(status_body(410, "Expired", "too old resource version: " +
                                                                             std::to_string(sent)))}}
                    .dump() +
                "\n";
            sink.write(line.data(), line.size());
            break;
          }
          if (!stall_) {
            auto next = std::upper_bound(events_.begin(), events_.end(), seen,
                                         [](long long s, const Event& e) { return s < e.seq; });
            std::string lines;
            for (; next != events_.end(); ++next) {
              const Event& event = *next;
              seen = event.seq;
              const bool bookmark = event.type == "BOOKMARK";
              if (event.plural != plural || (!bookmark && !in_scope(event.object))) continue;
              if (bookmark ? event.resource_version < sent : event.resource_version <= sent) continue;
              lines += json{{"type", event.type}, {"object", event.object}}.dump() + "\n";
              sent = std::max(sent, event.resource_version);
            }
            if (!lines.empty()) sink.write(lines.data(), lines.size());
          }
          const auto now = Clock::now();
          if (timeout_seconds > 0 && now >= deadline) break;
          auto wake = now + kIdleLook;
          if (timeout_seconds > 0) wake = std::min(wake, deadline);
          changed_.wait_until(lock, wake);
        }
        sink.done();
        return true;
      });
}

void KubeApiServer::stream_logs(const httplib::Request& req, httplib::Response& res, const std::string& ns,
                                const std::string& pod) {
  std::shared_ptr<const PodLogSource> source;
  {
    std::lock_guard lock(mutex_);
    source = logs_;
  }
  PodLogQuery query{ns, pod, req.get_param_value("container"), req.get_param_value("previous") == "true"};
  const bool follow =
      !query.previous && (req.get_param_value("follow") == "true" || req.get_param_value("follow") == "1");
  const bool timestamps = req.get_param_value("timestamps") == "true";
  const long long tail = number_param(req, "tailLines", -1);
  const long long limit_bytes = number_param(req, "limitBytes", -1);
  if (!source || !source->state) {
    reply_status(res, 404, "NotFound", "pods \"" + pod + "\" has no log");
    return;
  }
  const PodLogState state = source->state(query);
  if (state.status != 200) {
    reply_status(res, state.status, state.reason, state.message);
    return;
  }
  // sinceTime keeps whole seconds (as the API server's does): lines from the start of that second.
  std::optional<long long> since_ms;
  if (req.has_param("sinceTime")) {
    const auto ns_time = logs::parse_rfc3339_ns(req.get_param_value("sinceTime"));
    if (!ns_time) {
      reply_status(res, 400, "BadRequest", "invalid sinceTime \"" + req.get_param_value("sinceTime") + "\"");
      return;
    }
    since_ms = *ns_time / 1'000'000'000 * 1000;
  } else if (req.has_param("sinceSeconds")) {
    since_ms = epoch_ms() - number_param(req, "sinceSeconds", 0) * 1000;
  }
  long long first = 0;
  if (since_ms && source->time_ms) {
    // The first line written at or after since_ms: times never decrease along a log.
    long long low = 0;
    long long high = state.count;
    while (low < high) {
      const long long mid = low + (high - low) / 2;
      if (source->time_ms(query, mid) < *since_ms) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    first = low;
  }
  if (tail >= 0) first = std::max(first, state.count - tail);
  const long long instance = state.instance;
  const long long end_now = state.count;  // without follow: what is there now, then the end
  int cut_generation = 0;
  {
    std::lock_guard lock(mutex_);
    cut_generation = log_cut_generation_;
  }
  res.set_chunked_content_provider(
      "text/plain", [this, source, query, follow, timestamps, first, limit_bytes, instance, end_now, cut_generation](
                        std::size_t, httplib::DataSink& sink) {
        long long next = first;
        long long written = 0;
        std::unique_lock lock(mutex_);
        while (!stopping_ && sink.is_writable()) {
          if (log_cut_generation_ != cut_generation) {
            const std::string half = "2026-01-01T00:00:00Z half a li";
            sink.write(half.data(), half.size());
            return false;  // drop the connection mid-line
          }
          lock.unlock();
          const PodLogState now = source->state(query);
          // Gone, or restarted: the old container's stream ends, as the kubelet's does.
          if (now.status != 200 || now.instance != instance) {
            lock.lock();
            break;
          }
          const long long available = follow ? now.count : std::min(now.count, end_now);
          std::string chunk;
          // At most a few thousand lines per write, so one huge backlog cannot starve the stop check.
          for (int n = 0; next < available && n < 4096; ++next, ++n) {
            if (timestamps) {
              chunk += rfc3339_nano(source->time_ms ? source->time_ms(query, next) : epoch_ms());
              chunk += ' ';
            }
            chunk += source->line(query, next);
            chunk += '\n';
          }
          if (limit_bytes >= 0 && written + static_cast<long long>(chunk.size()) > limit_bytes) {
            chunk.resize(static_cast<std::size_t>(std::max(0LL, limit_bytes - written)));
            sink.write(chunk.data(), chunk.size());
            lock.lock();
            break;
          }
          if (!chunk.empty()) {
            sink.write(chunk.data(), chunk.size());
            written += static_cast<long long>(chunk.size());
          }
          lock.lock();
          if (next < available) continue;
          if (!follow || !now.running) break;
          // New lines appear on the simulation's clock: look again soon.
          changed_.wait_for(lock, std::chrono::milliseconds(200));
        }
        if (lock.owns_lock()) lock.unlock();
        sink.done();
        return true;
      });
}

}  // namespace flinktop::demo
