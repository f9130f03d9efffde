// Endpoints: a direct URL (base path, auth header, no credentials in describe()) and the
// Kubernetes service proxy (the path on the API server, the context's token, describe()).
#include "core/flink/endpoint.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/kube/api_client.hpp"
#include "core/kube/credentials.hpp"
#include "fake_flink.hpp"

namespace flinktop::flink {
namespace {

using fake::FakeFlink;

http::Request get(std::string path) {
  http::Request r;
  r.url = std::move(path);
  return r;
}

TEST(FlinkEndpoint, DirectSendsToTheBaseUrlWithAuthorization) {
  FakeFlink flink;
  flink.routes().Get("/prefix/overview", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"taskmanagers":1})", "application/json");
  });
  flink.start();
  auto endpoint = direct_endpoint(flink.url() + "/prefix/", {}, basic_authorization("flink", "s3cret"));
  EXPECT_EQ(endpoint->describe(), flink.url() + "/prefix");
  http::Response r = endpoint->send(get("/overview"), nullptr);
  EXPECT_EQ(r.status, 200);
  auto requests = flink.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].authorization, "Basic Zmxpbms6czNjcmV0");
  EXPECT_EQ(endpoint->describe().find("s3cret"), std::string::npos);
  EXPECT_EQ(bearer_authorization("t0k"), "Bearer t0k");
}

TEST(FlinkEndpoint, DirectRefusesUrlsItCannotUseSafely) {
  for (const char* bad :
       {"127.0.0.1:8081", "ftp://host", "http://user:pw@host:8081", "http://", "http://h/?x=1"}) {
    try {
      direct_endpoint(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Usage) << bad;
      EXPECT_EQ(std::string(e.what()).find("pw"), std::string::npos);
    }
  }
}

TEST(FlinkEndpoint, ForwardedEndpointDescribesItselfAndKeepsItsOwnerAlive) {
  FakeFlink flink;
  flink.routes().Get("/config", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{}", "application/json");
  });
  flink.start();
  auto owner = std::make_shared<int>(7);
  std::weak_ptr<int> watch = owner;
  auto endpoint = direct_endpoint(ForwardedEndpoint{
      flink.url(), "port-forward flink/jm-0:8081 (context kind)", nullptr, std::move(owner)});
  EXPECT_EQ(endpoint->describe(), "port-forward flink/jm-0:8081 (context kind)");
  EXPECT_EQ(endpoint->send(get("/config"), nullptr).status, 200);
  EXPECT_FALSE(watch.expired());
  endpoint.reset();
  EXPECT_TRUE(watch.expired());
}

TEST(FlinkEndpoint, ServiceProxyPath) {
  EXPECT_EQ(service_proxy_path("flink", "basic-rest", "rest", "/jobs/overview"),
            "/api/v1/namespaces/flink/services/basic-rest:rest/proxy/jobs/overview");
  EXPECT_EQ(service_proxy_path("ns", "https:svc", "8081", "/jobs/a/metrics?get=x,y"),
            "/api/v1/namespaces/ns/services/https:svc:8081/proxy/jobs/a/metrics?get=x,y");
  EXPECT_EQ(service_proxy_path("n s", "a/b", "r", "overview"),
            "/api/v1/namespaces/n%20s/services/a%2Fb:r/proxy/overview");
}

TEST(FlinkEndpoint, ServiceProxyGoesThroughTheApiServerWithTheContextsToken) {
  FakeFlink apiserver;  // poses as the Kubernetes API server
  apiserver.routes().Get(R"(/api/v1/namespaces/flink/services/basic-rest:rest/proxy/jobs/overview)",
                         [](const httplib::Request&, httplib::Response& res) {
                           res.set_content(R"({"jobs":[]})", "application/json");
                         });
  apiserver.start();
  kube::RestConfig config;
  config.context = "kind-dev";
  config.server = apiserver.url();
  config.credentials = kube::make_static_token("k8s-token", "bearer token of user \"dev\"");
  auto api = std::make_shared<kube::ApiClient>(config);
  auto endpoint = service_proxy_endpoint(api, "flink", "basic-rest", "rest");
  EXPECT_EQ(endpoint->describe(), "service proxy flink/basic-rest:rest (context kind-dev)");
  http::Response r = endpoint->send(get("/jobs/overview"), nullptr);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"jobs":[]})");
  auto requests = apiserver.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].authorization, "Bearer k8s-token");
}

}  // namespace
}  // namespace flinktop::flink
