// Copying to the user's clipboard through the terminal: OSC 52 ("ESC ] 52 ; c ; <base64> BEL"),
// which xterm, kitty, WezTerm, iTerm2, foot, Alacritty and tmux (with `set-clipboard on`)
// understand — even over ssh, where no local clipboard tool could help. Terminals without it
// ignore the sequence silently, so the UI only ever says it was sent. The encoding lives here,
// pure and testable; only Terminal writes it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace flinktop::tui {

// The longest text sent: its base64 stays under the 100,000 bytes that xterm and hterm accept in
// one sequence (longer ones are dropped whole by them, so flinktop refuses instead).
inline constexpr std::size_t kClipboardMaxBytes = 74'994;

// RFC 4648 base64 with padding.
std::string base64(std::string_view bytes);

// The whole sequence for `text`; nullopt when the text is longer than kClipboardMaxBytes.
std::optional<std::string> osc52_sequence(std::string_view text);

}  // namespace flinktop::tui
