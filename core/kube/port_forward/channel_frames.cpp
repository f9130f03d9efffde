#include "core/kube/port_forward/channel_frames.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace flinktop::kube {

namespace {
constexpr unsigned char kDataChannel = 0;
constexpr unsigned char kErrorChannel = 1;
}  // namespace

std::string data_message(std::string_view bytes) {
  std::string message;
  message.reserve(bytes.size() + 1);
  message.push_back(static_cast<char>(kDataChannel));
  message.append(bytes);
  return message;
}

std::string_view error_cause(std::string_view error_text) {
  if (error_text.rfind("error forwarding port ", 0) != 0) return error_text;
  const auto uid = error_text.find(", uid ");
  if (uid == std::string_view::npos) return error_text;
  const auto colon = error_text.find(": ", uid);
  if (colon == std::string_view::npos || colon + 2 >= error_text.size()) return error_text;
  return error_text.substr(colon + 2);
}

std::string_view ChannelDemux::after_prefix(Channel& channel, std::string_view payload, std::string_view name) {
  if (channel.open) return payload;
  const std::size_t wanted = 2 - channel.prefix.size();
  const std::size_t taken = std::min(wanted, payload.size());
  channel.prefix.append(payload.substr(0, taken));
  payload.remove_prefix(taken);
  if (channel.prefix.size() < 2) return {};
  const auto port = static_cast<std::uint16_t>(static_cast<unsigned char>(channel.prefix[0]) |
                                               static_cast<unsigned char>(channel.prefix[1]) << 8);
  if (port != port_) {
    throw Error(ErrorKind::Decode,
                fmt::format("port-forward: the server opened the {} channel for port {}, not {}", name, port, port_));
  }
  channel.open = true;
  return payload;
}

ChannelDemux::Received ChannelDemux::on_message(std::string_view message) {
  if (message.empty()) throw Error(ErrorKind::Decode, "port-forward: the server sent an empty message (no channel byte)");
  const auto channel = static_cast<unsigned char>(message.front());
  message.remove_prefix(1);
  Received received;
  switch (channel) {
    case kDataChannel:
      received.data = after_prefix(data_, message, "data");
      break;
    case kErrorChannel:
      received.error = after_prefix(error_channel_, message, "error");
      error_ += received.error;
      break;
    default:
      throw Error(ErrorKind::Decode,
                  fmt::format("port-forward: the server sent on channel {}; one port uses channels 0 and 1", channel));
  }
  return received;
}

}  // namespace flinktop::kube
