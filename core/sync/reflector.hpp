// A Reflector keeps one resource kind of one context fresh in the Store, as client-go's does:
// list (paged), then watch from the list's resourceVersion with bookmarks; reconnect with jittered
// backoff after an error; list again after 410 Gone. Events are decoded on the watch thread and
// published in batches (at most every `batch_window`), so a burst of thousands of events costs a
// handful of Store updates, while a single event still shows up within the window.
#pragma once

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/http/cancel_token.hpp"
#include "core/kube/api_client.hpp"
#include "core/model/store.hpp"
#include "core/sync/backoff.hpp"

namespace flinktop::sync {

struct ReflectorOptions {
  std::string namespace_;  // empty = all namespaces
  std::string label_selector;
  std::chrono::milliseconds batch_window{50};
  std::chrono::milliseconds backoff_initial{500};
  std::chrono::milliseconds backoff_max{30'000};
  // Forbidden or not served: nothing will change soon, so ask again rarely.
  std::chrono::milliseconds denied_retry{60'000};
  int watch_timeout_seconds = 300;
};

class Reflector {
 public:
  virtual ~Reflector() = default;
  virtual void start() = 0;
  virtual void stop() = 0;
};

template <class T>
class KindReflector final : public Reflector {
 public:
  using Member = model::SharedObjects<T> model::ContextSnapshot::*;

  KindReflector(std::shared_ptr<kube::ApiClient> client, model::Store& store, kube::ResourceType type,
                Member member, ReflectorOptions options)
      : client_(std::move(client)), store_(store), type_(std::move(type)), member_(member),
        options_(std::move(options)), backoff_(options_.backoff_initial, options_.backoff_max) {}

  ~KindReflector() override { stop(); }

  void start() override {
    if (watcher_.joinable()) return;
    watcher_ = std::thread([this] { run(); });
    publisher_ = std::thread([this] { publish_loop(); });
  }

  void stop() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    cancel_.cancel();
    if (watcher_.joinable()) watcher_.join();
    if (publisher_.joinable()) publisher_.join();
  }

 private:
  struct Change {
    kube::WatchEventType type;
    std::shared_ptr<const T> object;
  };

  const std::string& context() const { return client_->context(); }

  void run() {
    std::string resource_version;
    bool need_list = true;
    while (!stopping()) {
      try {
        if (need_list) {
          resource_version = list_and_replace();
          need_list = false;
        }
        kube::WatchOptions watch;
        watch.namespace_ = options_.namespace_;
        watch.label_selector = options_.label_selector;
        watch.resource_version = resource_version;
        watch.timeout_seconds = options_.watch_timeout_seconds;
        client_->watch(
            type_, watch,
            [&](kube::WatchEvent&& event) {
              if (auto meta = event.object.find("metadata"); meta != event.object.end() && meta->is_object()) {
                resource_version = meta->value("resourceVersion", resource_version);
              }
              if (event.type != kube::WatchEventType::Bookmark) {
                enqueue(Change{event.type, std::make_shared<const T>(T::from_json(event.object))});
              }
              backoff_.reset();
              return !stopping();
            },
            &cancel_);
        // The server ended the watch (its timeout): watch again from where we are.
      } catch (const Error& error) {
        if (error.kind() == ErrorKind::Cancelled || stopping()) return;
        if (error.kind() == ErrorKind::Gone) {
          need_list = true;  // our resourceVersion was compacted away: relist, replace everything
          continue;
        }
        record_error(error);
        pause(wait_after(error));
      } catch (const std::exception& error) {
        record_error(Error(ErrorKind::Server, error.what()));
        pause(backoff_.next());
      }
    }
  }

  std::chrono::milliseconds wait_after(const Error& error) {
    if (error.kind() == ErrorKind::Forbidden || error.kind() == ErrorKind::NotFound) return options_.denied_retry;
    return backoff_.next();
  }

  std::string list_and_replace() {
    kube::ListOptions list;
    list.namespace_ = options_.namespace_;
    list.label_selector = options_.label_selector;
    auto objects = std::make_shared<model::ObjectMap<T>>();
    // Item by item: the typed objects are a fraction of the size of the JSON they come from.
    const std::string resource_version = client_->list_each(
        type_, list,
        [&](nlohmann::json&& item) {
          auto object = std::make_shared<const T>(T::from_json(item));
          objects->insert_or_assign(object->meta.uid, std::move(object));
        },
        [&] { objects->clear(); }, &cancel_);
    std::lock_guard publish(publish_mutex_);
    {
      std::lock_guard lock(mutex_);
      pending_.clear();  // older than the list we are about to publish
    }
    store_.update(context(), [&](model::ContextSnapshot& snap) {
      snap.*member_ = std::move(objects);
      auto& status = snap.status[type_.qualified_name()];
      status = model::KindStatus{};
      status.synced = true;
      status.updated = std::chrono::system_clock::now();
    });
    backoff_.reset();
    return resource_version;
  }

  void record_error(const Error& error) {
    store_.update(context(), [&](model::ContextSnapshot& snap) {
      auto& status = snap.status[type_.qualified_name()];
      status.error = error.what();
      status.forbidden = error.kind() == ErrorKind::Forbidden;
      status.not_served = error.kind() == ErrorKind::NotFound;
    });
  }

  void enqueue(Change change) {
    {
      std::lock_guard lock(mutex_);
      pending_.push_back(std::move(change));
    }
    wake_.notify_all();
  }

  void publish_loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
      if (stopping_) return;
      // Let a burst gather for one window, then publish it as one Store update.
      wake_.wait_for(lock, options_.batch_window, [&] { return stopping_; });
      if (stopping_) return;
      lock.unlock();
      publish();
      lock.lock();
    }
  }

  void publish() {
    std::lock_guard publish(publish_mutex_);
    std::vector<Change> batch;
    {
      std::lock_guard lock(mutex_);
      batch.swap(pending_);
    }
    if (batch.empty()) return;
    store_.update(context(), [&](model::ContextSnapshot& snap) {
      auto next = snap.*member_ ? std::make_shared<model::ObjectMap<T>>(*(snap.*member_))
                                : std::make_shared<model::ObjectMap<T>>();
      for (Change& change : batch) {
        const std::string& uid = change.object->meta.uid;
        if (change.type == kube::WatchEventType::Deleted) {
          next->erase(uid);
        } else {
          next->insert_or_assign(uid, std::move(change.object));
        }
      }
      snap.*member_ = std::move(next);
      auto& status = snap.status[type_.qualified_name()];
      status.error.clear();
      status.forbidden = false;
      status.not_served = false;
      status.updated = std::chrono::system_clock::now();
    });
  }

  bool stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
  }

  void pause(std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, delay, [&] { return stopping_; });
  }

  std::shared_ptr<kube::ApiClient> client_;
  model::Store& store_;
  kube::ResourceType type_;
  Member member_;
  ReflectorOptions options_;
  Backoff backoff_;
  http::CancelToken cancel_;

  std::mutex mutex_;  // guards stopping_ and pending_
  std::condition_variable wake_;
  bool stopping_ = false;
  std::vector<Change> pending_;
  std::mutex publish_mutex_;  // a list replacement and a batch publication never interleave

  std::thread watcher_;
  std::thread publisher_;
};

}  // namespace flinktop::sync
