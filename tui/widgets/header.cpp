// draw_header: the info block, the key hint columns, the badges.
#include "tui/widgets/header.hpp"

#include <algorithm>
#include <vector>
#include <string_view>

namespace flinktop::tui {
namespace {

constexpr int kGap = 3;        // between the info block and hint columns, and between columns
constexpr int kMaxValue = 32;  // a long cluster name is cut rather than pushing the hints away

}  // namespace

void draw_header(Canvas& canvas, Rect area, const HeaderInfo& info, const DrawContext& ctx) {
  if (area.empty()) return;
  const Theme& theme = ctx.theme;
  canvas.fill(area, U' ', theme[Role::Header]);

  // Badges first: they are what must not be missed, so they claim their columns before the hints.
  int right = area.x + area.width;
  int badge_y = area.y;
  auto badge = [&](std::string_view text, Role role) {
    const int w = text_width(text) + 2;
    if (badge_y >= area.y + area.height || w > area.width) return;
    canvas.fill({area.x + area.width - w, badge_y, w, 1}, U' ', theme[role]);
    canvas.text(area.x + area.width - w + 1, badge_y, text, theme[role]);
    right = std::min(right, area.x + area.width - w - 1);
    ++badge_y;
  };
  if (info.demo) badge("DEMO", Role::Demo);
  if (info.read_only) badge("READ-ONLY", Role::ReadOnly);

  // Info block.
  std::vector<std::pair<std::string_view, const std::string*>> lines;
  if (info.flink_url.empty()) {
    lines = {{"Context:", &info.context},
             {"Cluster:", &info.cluster},
             {"Namespace:", &info.kube_namespace},
             {"Flink:", &info.flink_version},
             {"flinktop:", &info.flinktop_version}};
  } else {
    lines = {{"URL:", &info.flink_url},
             {"Cluster:", &info.cluster},
             {"Flink:", &info.flink_version},
             {"flinktop:", &info.flinktop_version}};
  }
  int label_w = 0, value_w = 0;
  for (const auto& [label, value] : lines) {
    label_w = std::max(label_w, text_width(label));
    value_w = std::max(value_w, std::min(kMaxValue, text_width(value->empty() ? "-" : *value)));
  }
  const int rows = std::min<int>(area.height, static_cast<int>(lines.size()));
  const int info_x = area.x + 1;
  for (int i = 0; i < rows; ++i) {
    const auto& [label, value] = lines[static_cast<std::size_t>(i)];
    const int y = area.y + i;
    canvas.text(info_x, y, label, theme[Role::HeaderLabel], right - info_x);
    const std::string shown = value->empty() ? "-" : truncate_to_width(*value, kMaxValue);
    const int vx = info_x + label_w + 1;
    canvas.text(vx, y, shown, theme[Role::HeaderValue], std::max(0, right - vx));
  }

  // Key hints, in columns of area.height rows.
  int x = info_x + label_w + 1 + value_w + kGap;
  const auto per_column = static_cast<std::size_t>(area.height);
  for (std::size_t first = 0; first < info.hints.size(); first += per_column) {
    const std::size_t last = std::min(info.hints.size(), first + per_column);
    int key_w = 0, desc_w = 0;
    for (std::size_t i = first; i < last; ++i) {
      key_w = std::max(key_w, text_width(info.hints[i].key) + 2);
      desc_w = std::max(desc_w, text_width(info.hints[i].description));
    }
    if (x + key_w + 1 + desc_w > right) break;
    for (std::size_t i = first; i < last; ++i) {
      const int y = area.y + static_cast<int>(i - first);
      canvas.text(x, y, "<" + info.hints[i].key + ">", theme[Role::HeaderKey]);
      canvas.text(x + key_w + 1, y, info.hints[i].description, theme[Role::HeaderKeyHint]);
    }
    x += key_w + 1 + desc_w + kGap;
  }
}

}  // namespace flinktop::tui
