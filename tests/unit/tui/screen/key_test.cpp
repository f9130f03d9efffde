// Key names for key maps and help, and the colour arithmetic behind the Terminal's fallbacks.
#include "tui/screen/key.hpp"

#include <gtest/gtest.h>

#include "tui/screen/glyphs.hpp"
#include "tui/screen/palette.hpp"

namespace flinktop::tui {
namespace {

TEST(TerminalKeyNames, PrintAsUsersWriteThem) {
  EXPECT_EQ(to_string(Key::character(U'q')), "q");
  EXPECT_EQ(to_string(Key::character(U'G')), "G");
  EXPECT_EQ(to_string(Key::character(U'é')), "é");
  EXPECT_EQ(to_string(Key::ctrl('d')), "ctrl-d");
  EXPECT_EQ(to_string(Key::alt(U'x')), "alt-x");
  EXPECT_EQ(to_string(Key::character(U' ')), "space");
  EXPECT_EQ(to_string(Key::named(Key::Kind::Enter)), "enter");
  EXPECT_EQ(to_string(Key::named(Key::Kind::Escape)), "esc");
  EXPECT_EQ(to_string(Key::named(Key::Kind::BackTab)), "shift-tab");
  EXPECT_EQ(to_string(Key::named(Key::Kind::PageDown)), "pgdn");
  EXPECT_EQ(to_string(Key::named(Key::Kind::Up, Key::kCtrl)), "ctrl-up");
  EXPECT_EQ(to_string(Key::named(Key::Kind::F5)), "f5");
}

TEST(TerminalKeyNames, ParseWhatToStringPrintsAndCommonSpellings) {
  for (const Key& key :
       {Key::character(U'q'), Key::character(U'G'), Key::ctrl('c'), Key::alt(U'x'), Key::character(U' '),
        Key::named(Key::Kind::Enter), Key::named(Key::Kind::Escape), Key::named(Key::Kind::BackTab),
        Key::named(Key::Kind::PageUp), Key::named(Key::Kind::Left, Key::kShift), Key::named(Key::Kind::F12),
        Key::character(U'日')}) {
    EXPECT_EQ(parse_key(to_string(key)), key) << to_string(key);
  }
  EXPECT_EQ(parse_key("Ctrl+C"), Key::ctrl('c'));
  EXPECT_EQ(parse_key("C-d"), Key::ctrl('d'));
  EXPECT_EQ(parse_key("<ctrl-d>"), Key::ctrl('d'));
  EXPECT_EQ(parse_key("PgDn"), Key::named(Key::Kind::PageDown));
  EXPECT_EQ(parse_key("escape"), Key::named(Key::Kind::Escape));
  EXPECT_EQ(parse_key("/"), Key::character(U'/'));
  EXPECT_EQ(parse_key(""), std::nullopt);
  EXPECT_EQ(parse_key("ctrl-"), std::nullopt);
  EXPECT_EQ(parse_key("hyper-x"), std::nullopt);
  EXPECT_TRUE(Key::character(U'q').is(U'q'));
  EXPECT_FALSE(Key::ctrl('q').is(U'q'));
  EXPECT_FALSE(Key::none());
}

TEST(TerminalPalette, NearestColours) {
  EXPECT_EQ(palette_rgb(196), (Rgb{255, 0, 0}));
  EXPECT_EQ(palette_rgb(244), (Rgb{128, 128, 128}));
  EXPECT_EQ(nearest_index({255, 135, 0}, 256), 208);
  EXPECT_EQ(nearest_index({128, 128, 128}, 256), 244);
  EXPECT_EQ(nearest_index({0, 0x2b, 0x36}, 256), 234);  // Solarized base03, as Solarized itself maps it
  EXPECT_EQ(nearest_index({250, 10, 10}, 8), 1);
  EXPECT_EQ(nearest_index({250, 10, 10}, 16), 9);
  for (int i = 16; i < 256; ++i) {
    EXPECT_EQ(nearest_index(palette_rgb(static_cast<std::uint8_t>(i)), 256), i) << i;
  }
}

TEST(TerminalGlyphs, AsciiFallbacks) {
  EXPECT_EQ(ascii_fallback(U'a'), U'a');
  EXPECT_EQ(ascii_fallback(U'─'), U'-');
  EXPECT_EQ(ascii_fallback(U'│'), U'|');
  EXPECT_EQ(ascii_fallback(U'┼'), U'+');
  EXPECT_EQ(ascii_fallback(U'█'), U'#');
  EXPECT_EQ(ascii_fallback(U'…'), U'~');
  EXPECT_EQ(ascii_fallback(U'日'), U'?');
  for (char32_t g : {kAsciiGlyphs.horizontal, kAsciiGlyphs.top_left, kAsciiGlyphs.ellipsis})
    EXPECT_LT(g, 0x80U);
  for (char32_t g : kAsciiGlyphs.bars) EXPECT_LT(g, 0x80U);
}

}  // namespace
}  // namespace flinktop::tui
