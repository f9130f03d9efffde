#include "demo/environment.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <system_error>

#include "demo/flink_rest_server.hpp"
#include "demo/kube_api_server.hpp"
#include "demo/simulation.hpp"

namespace flinktop::demo {

namespace {

// Up to this many clusters each get their own REST listener (like real JobManagers); beyond, one
// shared listener serves them all under a path prefix (see flink_rest_server.hpp).
constexpr std::size_t kListenerPerClusterUpTo = 16;

std::filesystem::path make_private_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/flinktop-demo-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::system_error(errno, std::generic_category(), "cannot create a directory for the demo kubeconfig");
  }
  return pattern;
}

void write_private_file(const std::filesystem::path& path, const std::string& text) {
  // 0600 from the start: never a moment in which another user could read it.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot write " + path.string());
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) {
      ::close(fd);
      throw std::system_error(errno, std::generic_category(), "cannot write " + path.string());
    }
    written += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0600);
  ::close(fd);
}

}  // namespace

Environment::Environment(EnvironmentOptions options) {
  KubeApiServerOptions server;
  server.port = options.port;
  kube_ = std::make_unique<KubeApiServer>(server);
  SimulationOptions simulation;  // (not braced: a braced {} would set its tick period to zero)
  simulation.scale = options.scale;
  simulation.seed = options.seed;
  simulation_ = std::make_unique<Simulation>(*kube_, simulation);

  const auto clusters = simulation_->clusters();
  namespace_ = clusters.empty() ? "default" : clusters.front().ns;
  if (clusters.size() <= kListenerPerClusterUpTo) {
    for (const auto& c : clusters) rest_.push_back(std::make_unique<FlinkRestServer>(*simulation_, std::vector{c.key}));
  } else {
    std::vector<std::string> keys;
    for (const auto& c : clusters) keys.push_back(c.key);
    rest_.push_back(std::make_unique<FlinkRestServer>(*simulation_, keys, 8));
  }
  for (const auto& server_ptr : rest_) {
    for (const auto& key : server_ptr->cluster_keys()) {
      for (const auto& c : clusters) {
        if (c.key != key) continue;
        // flinktop names the port by number; kubectl users often by name.
        for (const char* port : {"8081", "rest", "webui"}) kube_->proxy_service(c.ns, c.service, port, server_ptr->url_of(key));
      }
    }
  }

  owned_dir_ = options.kubeconfig_dir.empty() ? make_private_dir() : std::filesystem::path();
  kubeconfig_ = (options.kubeconfig_dir.empty() ? owned_dir_ : options.kubeconfig_dir) / "kubeconfig";
  write_private_file(kubeconfig_, std::string("# flinktop's built-in demo environment (simulated; removed when it stops)\n") +
                                      "apiVersion: v1\nkind: Config\n"
                                      "clusters:\n- name: flinktop-demo\n  cluster:\n    server: " + kube_->url() + "\n"
                                      "users:\n- name: demo\n  user: {}\n"
                                      "contexts:\n- name: " + kContext + "\n  context:\n    cluster: flinktop-demo\n"
                                      "    user: demo\n    namespace: " + namespace_ + "\n"
                                      "current-context: " + kContext + "\n");
  if (options.tick) simulation_->start();
}

Environment::~Environment() {
  // Nothing may call into the simulation once it is gone: stop the servers first.
  for (auto& server : rest_) server->stop();
  kube_->stop();
  simulation_.reset();
  rest_.clear();
  kube_.reset();
  std::error_code ec;
  std::filesystem::remove(kubeconfig_, ec);
  if (!owned_dir_.empty()) std::filesystem::remove_all(owned_dir_, ec);
}

std::string Environment::api_url() const { return kube_->url(); }

std::vector<FlinkEndpoint> Environment::flink_endpoints() const {
  std::vector<FlinkEndpoint> out;
  for (const auto& server : rest_) {
    for (const auto& key : server->cluster_keys()) out.push_back({key, server->url_of(key)});
  }
  return out;
}

int Environment::listeners() const { return 1 + static_cast<int>(rest_.size()); }

}  // namespace flinktop::demo
