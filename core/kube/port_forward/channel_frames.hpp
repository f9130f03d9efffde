// The framing of a Kubernetes port-forward over WebSocket (subprotocol "v4.channel.k8s.io"), one
// remote port per WebSocket: every binary message starts with its channel byte, 0 for the port's
// data and 1 for its error text. The server opens each channel with the port as a little-endian
// uint16; a client sends its data on channel 0 with no such prefix. Pure: no I/O, no threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace flinktop::kube {

inline constexpr std::string_view kChannelProtocol = "v4.channel.k8s.io";

// One message carrying `bytes` to the remote port (channel 0).
std::string data_message(std::string_view bytes);

// The cause in a kubelet's error-channel text: "error forwarding port 8081 to pod ns/p, uid …:
// CAUSE" → "CAUSE" (the caller already names the pod and port); other text as it is.
std::string_view error_cause(std::string_view error_text);

// Reads what the server sends on one port-forward WebSocket, message by message.
class ChannelDemux {
 public:
  explicit ChannelDemux(std::uint16_t port) : port_(port) {}

  // Views into the message passed to on_message (no copy: this is the path of every byte).
  struct Received {
    std::string_view data;   // bytes for the local connection (without the port prefix)
    std::string_view error;  // error text received (the server's words, e.g. "connection refused")
  };

  // Throws flinktop::Error(Decode) for an empty message, an unknown channel or a channel that
  // opens with another port than the one asked for. A port prefix split over two messages is
  // accepted (the protocol does not promise one message per prefix).
  Received on_message(std::string_view message);

  // The error text received so far (the error channel is written once, before the server closes).
  const std::string& error() const { return error_; }

 private:
  struct Channel {
    std::string prefix;  // the first bytes until the two of the port are in
    bool open = false;
  };
  // Strips the port prefix from `payload` while it is incomplete; returns what follows it.
  std::string_view after_prefix(Channel& channel, std::string_view payload, std::string_view name);

  std::uint16_t port_;
  Channel data_;
  Channel error_channel_;
  std::string error_;
};

}  // namespace flinktop::kube
