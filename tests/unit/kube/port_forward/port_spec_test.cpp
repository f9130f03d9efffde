// The ports of a forward as typed (`flinktop port-forward TARGET [[LOCAL]:REMOTE]`, the F dialog): kubectl's forms.
#include <gtest/gtest.h>

#include "core/kube/port_forward/port_spec.hpp"
#include "tests/support/expect_error.hpp"

namespace flinktop::kube {
namespace {

TEST(PortSpec, RemoteLocalColonRemoteAndNothing) {
  EXPECT_EQ(parse_port_spec("8081").local, 0);
  EXPECT_EQ(parse_port_spec("8081").remote, 8081);
  EXPECT_EQ(parse_port_spec("9000:8081").local, 9000);
  EXPECT_EQ(parse_port_spec("9000:8081").remote, 8081);
  EXPECT_EQ(parse_port_spec(":8081").local, 0);
  EXPECT_EQ(parse_port_spec(":8081").remote, 8081);
  EXPECT_EQ(parse_port_spec("").remote, 0);
}

TEST(PortSpec, AnythingElseIsAUsageErrorQuotingIt) {
  for (const char* bad : {"0", "65536", "http", "9000:", "80:80:80", "-1", "8081 "}) {
    const std::string why = test::error_of([&] { parse_port_spec(bad); }, ErrorKind::Usage);
    EXPECT_NE(why.find(std::string("\"") + bad + "\" is not a port spec"), std::string::npos) << why;
  }
}

}  // namespace
}  // namespace flinktop::kube
