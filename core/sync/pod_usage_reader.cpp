// A SAX reader of PodMetricsList pages: it keeps the path to the current value as a stack and
// picks out the few strings it needs.
#include "core/sync/pod_usage_reader.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/kube/quantity.hpp"

namespace flinktop::sync {

namespace {

using nlohmann::json;

class PodMetricsPageReader : public nlohmann::json_sax<json> {
 public:
  explicit PodMetricsPageReader(model::PodUsageMap& usage) : usage_(usage) {}

  kube::ApiClient::ListPage page;

  bool null() override { return scalar(); }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t) override { return scalar(); }
  bool number_unsigned(number_unsigned_t) override { return scalar(); }
  bool number_float(number_float_t, const string_t&) override { return scalar(); }
  bool binary(binary_t&) override { return scalar(); }

  bool string(string_t& value) override {
    switch (where()) {
      case Place::ItemName: name_ = value; break;
      case Place::ItemNamespace: namespace_ = value; break;
      case Place::ContainerCpu: item_.cpu_cores += kube::parse_quantity(value).value_or(0); break;
      case Place::ContainerMemory: item_.memory_bytes += kube::parse_quantity(value).value_or(0); break;
      case Place::ListContinue: page.continue_token = value; break;
      case Place::ListVersion: page.resource_version = value; break;
      case Place::Elsewhere: break;
    }
    return scalar();
  }

  bool start_object(std::size_t) override {
    if (depth() == 2 && in_items()) {  // an item begins
      item_ = {};
      name_.clear();
      namespace_.clear();
      has_metadata_ = has_containers_ = false;
    }
    if (depth() == 3 && in_items() && key_ == "metadata") has_metadata_ = true;
    return open(false);
  }

  bool start_array(std::size_t) override {
    if (depth() == 3 && in_items() && key_ == "containers") has_containers_ = true;
    return open(true);
  }

  bool key(string_t& key) override {
    key_ = key;
    return true;
  }

  bool end_object() override {
    close();
    if (depth() == 2 && in_items() && has_metadata_ && has_containers_) {
      usage_[namespace_ + "/" + name_] = item_;
    }
    return true;
  }

  bool end_array() override {
    close();
    return true;
  }

  // The parser hands its exception over as the base class; thrown as that, no caller's
  // `catch (json::parse_error&)` would see it. A number too large (out_of_range) is as malformed.
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error) override {
    if (const auto* parse = dynamic_cast<const json::parse_error*>(&error)) throw *parse;
    throw json::parse_error::create(error.id, position, error.what(), nullptr);
  }

 private:
  enum class Place { ItemName, ItemNamespace, ContainerCpu, ContainerMemory, ListContinue, ListVersion, Elsewhere };

  // The containers above the current value: the key each sits under in its parent ("" in an array).
  struct Level {
    std::string key;
    bool array = false;
  };

  std::size_t depth() const { return path_.size(); }
  bool in_items() const { return path_.size() >= 2 && path_[1].key == "items" && path_[1].array; }

  Place where() const {
    const std::size_t d = depth();
    // {"metadata": {"continue": …, "resourceVersion": …}}
    if (d == 2 && path_[1].key == "metadata" && !path_[1].array) {
      if (key_ == "continue") return Place::ListContinue;
      if (key_ == "resourceVersion") return Place::ListVersion;
    }
    if (!in_items()) return Place::Elsewhere;
    // items[i].metadata.{name,namespace}
    if (d == 4 && path_[3].key == "metadata" && !path_[3].array) {
      if (key_ == "name") return Place::ItemName;
      if (key_ == "namespace") return Place::ItemNamespace;
    }
    // items[i].containers[j].usage.{cpu,memory}
    if (d == 6 && path_[3].key == "containers" && path_[3].array && path_[5].key == "usage" && !path_[5].array) {
      if (key_ == "cpu") return Place::ContainerCpu;
      if (key_ == "memory") return Place::ContainerMemory;
    }
    return Place::Elsewhere;
  }

  bool scalar() {
    key_.clear();
    return true;
  }

  bool open(bool array) {
    const bool parent_is_array = !path_.empty() && path_.back().array;
    path_.push_back({parent_is_array ? std::string() : key_, array});
    key_.clear();
    return true;
  }

  void close() {
    path_.pop_back();
    key_.clear();
  }

  model::PodUsageMap& usage_;
  std::vector<Level> path_;  // path_[0] is the document's own object
  std::string key_;          // the key of the value coming next, in an object
  model::PodUsage item_;
  std::string name_, namespace_;
  bool has_metadata_ = false, has_containers_ = false;
};

}  // namespace

kube::ApiClient::ListPage read_pod_usage_page(std::string_view page, model::PodUsageMap& usage) {
  PodMetricsPageReader reader(usage);
  json::sax_parse(page, &reader);
  return reader.page;
}

}  // namespace flinktop::sync
