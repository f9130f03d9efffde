// The v4.channel.k8s.io framing of a port-forward, both ways: what a client sends, and what it
// makes of the server's messages however they are cut.
#include "core/kube/port_forward/channel_frames.hpp"

#include <gtest/gtest.h>

#include "tests/support/expect_error.hpp"

namespace flinktop::kube {
namespace {

using namespace std::string_literals;

// 8081 = 0x1F91, little-endian.
const std::string kPort8081 = "\x91\x1F"s;

TEST(ChannelFrames, DataGoesOutOnChannelZeroWithNoPortPrefix) {
  EXPECT_EQ(data_message("GET / HTTP/1.1\r\n"), "\0GET / HTTP/1.1\r\n"s);
  EXPECT_EQ(data_message(""), "\0"s);
}

TEST(ChannelFrames, ThePortOpeningEachChannelIsNotData) {
  ChannelDemux demux(8081);
  EXPECT_EQ(demux.on_message("\0"s + kPort8081).data, "");
  EXPECT_EQ(demux.on_message("\1"s + kPort8081).error, "");
  EXPECT_EQ(demux.on_message("\0HTTP/1.1 200 OK"s).data, "HTTP/1.1 200 OK");
  // The port comes once per channel: two more bytes are data.
  EXPECT_EQ(demux.on_message("\0"s + kPort8081).data, kPort8081);
}

TEST(ChannelFrames, APortPrefixSplitOverMessagesOrFollowedByDataInOne) {
  ChannelDemux demux(8081);
  EXPECT_EQ(demux.on_message("\0\x91"s).data, "");
  EXPECT_EQ(demux.on_message("\0\x1F{\"a\""s).data, "{\"a\"");
  EXPECT_EQ(demux.on_message("\0:1}"s).data, ":1}");
}

TEST(ChannelFrames, TheErrorChannelsTextIsKeptWhole) {
  ChannelDemux demux(8081);
  demux.on_message("\1"s + kPort8081);
  EXPECT_EQ(demux.on_message("\1error forwarding port 8081: "s).error, "error forwarding port 8081: ");
  demux.on_message("\1connection refused"s);
  EXPECT_EQ(demux.error(), "error forwarding port 8081: connection refused");
}

TEST(ChannelFrames, ErrorTextWithoutItsPortPrefixIsNotTakenForAPort) {
  ChannelDemux demux(8081);
  // A server that skips the prefix: the first two bytes do not spell our port.
  const std::string why = test::error_of([&] { demux.on_message("\1no such pod"s); }, ErrorKind::Decode);
  EXPECT_NE(why.find("error channel for port 28526, not 8081"), std::string::npos) << why;
}

TEST(ChannelFrames, AnotherPortAnUnknownChannelOrAnEmptyMessageIsAnError) {
  ChannelDemux demux(8081);
  EXPECT_NE(test::error_of([&] { demux.on_message("\0\x90\x1F"s); }, ErrorKind::Decode).find("port 8080, not 8081"),
            std::string::npos);
  ChannelDemux second(8081);
  EXPECT_NE(test::error_of([&] { second.on_message("\2xx"s); }, ErrorKind::Decode).find("channel 2"), std::string::npos);
  EXPECT_NE(test::error_of([&] { second.on_message(""); }, ErrorKind::Decode).find("empty message"), std::string::npos);
}

TEST(ChannelFrames, TheCauseOfAKubeletErrorWithoutWhatTheCallerAlreadySays) {
  EXPECT_EQ(error_cause("error forwarding port 8081 to pod orders-x/flink-apps, uid : no forward found for port 8081 in "
                        "pod \"flink-apps/orders-x\""),
            "no forward found for port 8081 in pod \"flink-apps/orders-x\"");
  EXPECT_EQ(error_cause("error forwarding port 8081 to pod 1f2e, uid 1f2e-9a: failed to connect to localhost:8081 inside "
                        "namespace \"abc\": connection refused"),
            "failed to connect to localhost:8081 inside namespace \"abc\": connection refused");
  EXPECT_EQ(error_cause("pod not found"), "pod not found");
  EXPECT_EQ(error_cause("error forwarding port 8081 to pod x, uid y:"), "error forwarding port 8081 to pod x, uid y:");
}

}  // namespace
}  // namespace flinktop::kube
