#include "tui/widgets/log_view.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/logs/log_level.hpp"
#include "core/logs/log_timestamp.hpp"
#include "tui/screen/glyphs.hpp"

namespace flinktop::tui {

namespace {

using logs::LogLevel;
using logs::LogLine;

constexpr std::size_t kJsonMaxBytes = 64 * 1024;  // a bigger "JSON" line is shown as it is
constexpr int kJsonMaxDepth = 32;                  // deeper: shown as it is (pretty text grows as depth²)
constexpr std::size_t kJsonCacheEntries = 4096;
constexpr int kTimestampWidth = 24;                // "2026-11-22T03:56:21.123Z"

Role level_role(const LogLine& line) {
  if (line.notice) return Role::LogMarker;
  switch (line.level) {
    case LogLevel::Error: return Role::LogError;
    case LogLevel::Warn: return Role::LogWarn;
    case LogLevel::Info: return Role::LogInfo;
    case LogLevel::Debug: case LogLevel::Trace: return Role::LogDebug;
    case LogLevel::Unknown: break;
  }
  return Role::Normal;
}

// Each source in its own colour, as stern does; the first keeps the skin's log_source colour and
// a skin without one (monochrome, NO_COLOR) gets no colours at all.
Style source_style(const logs::LogOrigin* origin, const Theme& theme) {
  Style style = theme[Role::LogSource];
  if (!origin || style.fg.kind == Color::Kind::Default || origin->index == 0) return style;
  static constexpr std::uint8_t kPalette[] = {170, 179, 114, 209, 141, 80, 204, 147};
  style.fg = Color::indexed(kPalette[(origin->index - 1) % std::size(kPalette)]);
  return style;
}

Style selected(Style style, const Theme& theme) {
  const Style& cursor = theme[Role::RowSelected];
  if (cursor.bg.kind != Color::Kind::Default) style.bg = cursor.bg;
  style.attrs |= cursor.attrs;
  return style;
}

// A match stands out from its line, also on the cursor line (whose look may be reverse video).
Style highlighted(Style style, bool on_cursor) {
  style.attrs |= on_cursor ? (kAttrBold | kAttrUnderline) : (kAttrReverse | kAttrBold);
  return style;
}

std::string_view cut_at_code_point(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

bool looks_like_json(std::string_view text) {
  const auto first = text.find_first_not_of(' ');
  const auto last = text.find_last_not_of(' ');
  return first != std::string_view::npos && text.size() <= kJsonMaxBytes &&
         ((text[first] == '{' && text[last] == '}') || (text[first] == '[' && text[last] == ']'));
}

// Where ]/[ stop: an ERROR record, a Java exception's first line (in a record of any level), a
// record whose folded stack trace hides one.
// Nesting no deeper than `max` (strings skipped): a hostile line of 30,000 brackets is not parsed.
bool shallow_json(std::string_view text, int max) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

bool is_error_start(const LogLine& line, std::uint32_t folded) {
  if (line.notice) return false;
  return (!line.continuation && line.level == LogLevel::Error) || folded > 0 ||
         logs::trace_shape(line.text) == logs::TraceShape::ExceptionHeader;
}

}  // namespace

LogView::LogView(std::size_t capacity, std::size_t max_bytes)
    : capacity_(std::max<std::size_t>(capacity, 1)), max_bytes_(max_bytes) {}

// --- lines ------------------------------------------------------------------------------------------

bool LogView::passes(const LogLine& line, Record& record) const {
  if (line.notice) return true;
  if (!line.continuation) {
    record.shown = !filtering() || filter_.matches(line.text);
    record.head_seq = line.seq;
    return record.shown;
  }
  return record.shown || (filtering() && filter_.matches(line.text));
}

void LogView::admit(const logs::LogLinePtr& line) {
  // A source's first line may be in the middle of a trace (its tail began there): such lines pass
  // a hiding filter only on their own merit.
  Record& record = records_.try_emplace(line->origin, Record{!filtering(), 0}).first->second;
  if (!passes(*line, record)) return;
  if (folded_ && line->continuation && record.shown && record.head_seq != 0) {
    // Entries are in arrival order: the record's first line is found by its sequence number.
    auto head = std::lower_bound(entries_.begin(), entries_.end(), record.head_seq,
                                 [](const Entry& e, std::uint64_t seq) { return e.line->seq < seq; });
    if (head != entries_.end() && head->line->seq == record.head_seq) {
      ++head->folded;
      return;
    }
  }
  entries_.push_back({line, 0});
}

void LogView::append(const std::vector<logs::LogLinePtr>& lines) {
  const logs::LogOrigin* last_origin = nullptr;
  for (const logs::LogLinePtr& line : lines) {
    if (!line) continue;
    if (line->origin && line->origin.get() != last_origin) {
      last_origin = line->origin.get();
      label_width_ = std::max(label_width_, static_cast<std::size_t>(text_width(line->origin->label)));
      if (lines_.empty() && first_label_.empty()) first_label_ = line->origin->label;
      several_sources_ = several_sources_ || line->origin->label != first_label_;
    }
    lines_.push_back(line);
    bytes_ += line->text.size();
    admit(line);
    while (lines_.size() > capacity_ || (bytes_ > max_bytes_ && lines_.size() > 1)) evict_oldest();
  }
}

void LogView::evict_oldest() {
  const logs::LogLinePtr oldest = std::move(lines_.front());
  lines_.pop_front();
  bytes_ -= oldest->text.size();
  ++evicted_;
  if (!entries_.empty() && entries_.front().line == oldest) {
    entries_.pop_front();
    if (cursor_ > 0) --cursor_;
    if (top_ > 0) --top_;
  }
}

void LogView::clear() {
  lines_.clear();
  entries_.clear();
  records_.clear();
  json_cache_.clear();
  bytes_ = 0;
  evicted_ = 0;
  following_ = true;  // what comes next is what the reader cleared the view for
  cursor_ = top_ = below_ = 0;
}

void LogView::rebuild() {
  const std::uint64_t at = !following_ && cursor_ < entries_.size() ? entries_[cursor_].line->seq : 0;
  entries_.clear();
  records_.clear();
  for (const logs::LogLinePtr& line : lines_) admit(line);
  if (!following_) {
    // The cursor stays on its line, or the nearest shown above it (the record a trace line was
    // just folded into).
    auto it = std::upper_bound(entries_.begin(), entries_.end(), at,
                               [](std::uint64_t seq, const Entry& e) { return seq < e.line->seq; });
    cursor_ = it == entries_.begin() ? 0 : static_cast<std::size_t>(it - entries_.begin()) - 1;
    top_ = cursor_;
  }
}

std::string LogView::set_filter(std::string_view text) {
  if (text != filter_.text()) {
    filter_ = logs::LogFilter(text);
    rebuild();
  }
  return filter_.error();
}

void LogView::set_hide_unmatched(bool on) {
  if (on == hide_unmatched_) return;
  hide_unmatched_ = on;
  rebuild();
}

void LogView::set_folded(bool on) {
  if (on == folded_) return;
  folded_ = on;
  rebuild();
}

std::vector<logs::LogLinePtr> LogView::saved_lines() const {
  if (!filtering()) return {lines_.begin(), lines_.end()};
  std::vector<logs::LogLinePtr> out;
  std::unordered_map<std::shared_ptr<const logs::LogOrigin>, Record> records;
  for (const logs::LogLinePtr& line : lines_) {
    if (passes(*line, records.try_emplace(line->origin, Record{false, 0}).first->second)) out.push_back(line);
  }
  return out;
}

// --- moving ----------------------------------------------------------------------------------------

void LogView::follow() {
  following_ = true;
  below_ = 0;
}

void LogView::pause() {
  if (!following_) return;
  following_ = false;
  cursor_ = entries_.empty() ? 0 : entries_.size() - 1;
}

void LogView::move_cursor(std::size_t to) {
  pause();
  cursor_ = entries_.empty() ? 0 : std::min(to, entries_.size() - 1);
}

bool LogView::handle_key(const Key& key) {
  using K = Key::Kind;
  const std::size_t page = static_cast<std::size_t>(std::max(1, page_ - 1));
  if (key.kind == K::Up || key.is('k')) {
    pause();
    move_cursor(cursor_ > 0 ? cursor_ - 1 : 0);
  } else if (key.kind == K::Down || key.is('j')) {
    if (!following_) ++cursor_;
  } else if (key.kind == K::PageUp || key == Key::ctrl('b')) {
    pause();
    move_cursor(cursor_ > page ? cursor_ - page : 0);
  } else if (key.kind == K::PageDown || key == Key::ctrl('f')) {
    if (!following_) cursor_ += page;
  } else if (key.kind == K::Home || key.is('g')) {
    move_cursor(0);
    top_ = 0;
  } else if (key.kind == K::End || key.is('G')) {
    follow();
  } else {
    return false;
  }
  if (!following_ && cursor_ + 1 >= entries_.size()) follow();  // down onto the newest line
  return true;
}

bool LogView::next_match(bool forward) {
  if (!filter_.active() || filter_.inverted() || entries_.empty()) return false;
  const std::size_t from = following_ ? entries_.size() - 1 : cursor_;
  for (std::size_t step = 1; step < entries_.size(); ++step) {
    if (!forward && step > from) break;
    const std::size_t i = forward ? from + step : from - step;
    if (i >= entries_.size()) break;
    if (filter_.matches(entries_[i].line->text)) {
      move_cursor(i);
      return true;
    }
  }
  return false;
}

bool LogView::next_error(bool forward) {
  if (entries_.empty()) return false;
  const std::size_t from = following_ ? entries_.size() - 1 : cursor_;
  for (std::size_t step = 1; step < entries_.size(); ++step) {
    if (!forward && step > from) break;
    const std::size_t i = forward ? from + step : from - step;
    if (i >= entries_.size()) break;
    if (is_error_start(*entries_[i].line, entries_[i].folded)) {
      move_cursor(i);
      return true;
    }
  }
  return false;
}

const LogLine* LogView::cursor_line() const {
  if (entries_.empty()) return nullptr;
  return entries_[following_ ? entries_.size() - 1 : std::min(cursor_, entries_.size() - 1)].line.get();
}

// --- drawing ---------------------------------------------------------------------------------------

const std::string* LogView::pretty_json(const LogLine& line) const {
  if (!json_ || line.text.size() > kJsonMaxBytes || !looks_like_json(line.text)) return nullptr;
  if (auto hit = json_cache_.find(line.seq); hit != json_cache_.end()) return hit->second.get();
  std::shared_ptr<const std::string> pretty;
  if (shallow_json(line.text, kJsonMaxDepth)) {
    const nlohmann::json value = nlohmann::json::parse(line.text, nullptr, false);
    if (!value.is_discarded() && value.is_structured()) {
      pretty = std::make_shared<const std::string>(value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    }
  }
  if (json_cache_.size() >= kJsonCacheEntries) json_cache_.clear();
  return json_cache_.emplace(line.seq, std::move(pretty)).first->second.get();
}

std::vector<LogView::VisualLine> LogView::visual_lines(const Entry& entry, const DrawContext& ctx, bool on_cursor,
                                                       std::size_t max_bytes, std::deque<std::string>& store) const {
  const LogLine& line = *entry.line;
  const Theme& theme = ctx.theme;
  auto look = [&](Style style) { return on_cursor ? selected(style, theme) : style; };
  std::vector<VisualLine> out(1);
  VisualLine& first = out.front();
  int lead = 0;  // columns before the text: pretty JSON's further lines start there
  if (prefix()) {
    const std::string& label = line.origin ? line.origin->label : store.emplace_back();
    std::string& padded = store.emplace_back(label);
    padded.append(label_width_ > static_cast<std::size_t>(text_width(label))
                      ? label_width_ - static_cast<std::size_t>(text_width(label))
                      : 0,
                  ' ');
    padded += ' ';
    first.push_back({padded, look(source_style(line.origin.get(), theme))});
    lead += text_width(padded);
  }
  if (timestamps_) {
    std::string& time = store.emplace_back(
        line.time ? logs::format_rfc3339_ns(logs::to_ns(*line.time)).substr(0, kTimestampWidth - 1) + "Z"
                  : std::string(kTimestampWidth, ' '));
    time += ' ';
    first.push_back({time, look(theme[Role::LogTimestamp])});
    lead += kTimestampWidth + 1;
  }
  const Style body = look(theme[level_role(line)]);
  std::string_view text = cut_at_code_point(line.text, max_bytes);
  if (entry.folded > 0) {
    // Before the text, so a line wider than the pane never hides that a trace is folded under it.
    first.push_back({store.emplace_back(fmt::format("[{} trace line{}] ", entry.folded, entry.folded == 1 ? "" : "s")),
                     look(theme[Role::LogMarker])});
  }
  if (const std::string* dumped = pretty_json(line)) {
    const std::string& indent = store.emplace_back(static_cast<std::size_t>(lead), ' ');
    std::string_view rest = *dumped;
    for (bool head = true; !rest.empty(); head = false) {
      const auto nl = rest.find('\n');
      if (!head) out.push_back({{indent, body}});
      out.back().push_back({rest.substr(0, nl), body});
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    }
  } else {
    std::size_t at = 0;
    if (filter_.active() && !filter_.inverted()) {
      for (const logs::MatchSpan& span : filter_.spans(text)) {
        if (span.begin > at) first.push_back({text.substr(at, span.begin - at), body});
        first.push_back({text.substr(span.begin, span.end - span.begin), highlighted(body, on_cursor)});
        at = span.end;
      }
    }
    if (at < text.size()) first.push_back({text.substr(at), body});
  }
  return out;
}

int LogView::lay_out(const std::vector<VisualLine>& lines, Canvas* canvas, int x, int y, int width, int max_rows,
                     const DrawContext& ctx) const {
  int row = 0;
  for (const VisualLine& line : lines) {
    if (row >= max_rows) break;
    int col = 0;
    bool cut = false;
    const Style* last_style = nullptr;
    for (const Run& run : line) {
      last_style = &run.style;
      std::size_t chunk = 0, i = 0;
      int chunk_col = col;
      auto flush = [&](std::size_t end) {
        if (canvas && end > chunk) canvas->text(x + chunk_col, y + row, run.text.substr(chunk, end - chunk), run.style, width - chunk_col);
      };
      while (i < run.text.size()) {
        std::size_t next = i;
        const int w = std::max(0, column_width(decode_utf8(run.text, next)));
        if (col + w > width) {
          flush(i);
          if (!wrap_) {
            cut = true;
            break;
          }
          if (++row >= max_rows) return row;
          col = 0;
          chunk = i;
          chunk_col = 0;
        }
        col += w;
        i = next;
      }
      if (cut) break;
      flush(run.text.size());
    }
    if (cut && canvas && last_style && width > 0) canvas->set(x + width - 1, y + row, glyphs(ctx.unicode).ellipsis, *last_style);
    ++row;
  }
  return std::max(row, 1);
}

int LogView::rows_of(std::size_t entry, int width, int max_rows, const DrawContext& ctx) const {
  const Entry& e = entries_[entry];
  if (!wrap_ && !pretty_json(*e.line)) return 1;
  std::deque<std::string> store;
  const std::size_t bytes = static_cast<std::size_t>(std::max(1, width)) * static_cast<std::size_t>(max_rows) * 4 + 4;
  return std::min(max_rows, lay_out(visual_lines(e, ctx, false, bytes, store), nullptr, 0, 0, width, max_rows, ctx));
}

void LogView::draw(Canvas& canvas, Rect area, const DrawContext& ctx) {
  page_ = std::max(1, area.height);
  below_ = 0;
  if (area.empty() || entries_.empty()) return;
  const std::size_t last = entries_.size() - 1;
  if (following_) cursor_ = last;
  cursor_ = std::min(cursor_, last);
  top_ = std::min(top_, last);
  int used = 0;  // following: rows the entries from top_ take
  if (following_) {
    // The newest line at the bottom, as many before it as fit.
    for (std::size_t i = last;; --i) {
      const int rows = rows_of(i, area.width, area.height, ctx);
      if (used + rows > area.height && i != last) break;
      used += rows;
      top_ = i;
      if (i == 0 || used >= area.height) break;
    }
  } else {
    // Every entry takes a row at least: a cursor further down than a screen moves the top first.
    const std::size_t height = static_cast<std::size_t>(area.height);
    if (cursor_ < top_) top_ = cursor_;
    if (cursor_ >= top_ + height) top_ = cursor_ + 1 - height;
    int rows = 0;
    for (std::size_t i = top_; i <= cursor_; ++i) rows += rows_of(i, area.width, area.height, ctx);
    while (rows > area.height && top_ < cursor_) rows -= rows_of(top_++, area.width, area.height, ctx);
  }
  // Text beyond what the screen can show is never looked at (a 1 MB line costs one screenful).
  const std::size_t max_bytes =
      static_cast<std::size_t>(area.width) * static_cast<std::size_t>(wrap_ ? area.height : 1) * 4 + 4;
  // Following with a screen that holds more than the lines since top_: the newest stays at the bottom.
  int y = area.y + (following_ && top_ > 0 ? std::max(0, area.height - used) : 0);
  std::size_t i = top_;
  std::deque<std::string> store;
  for (; i < entries_.size() && y < area.y + area.height; ++i) {
    const bool on_cursor = !following_ && i == cursor_;
    const auto lines = visual_lines(entries_[i], ctx, on_cursor, max_bytes, store);
    const int room = area.y + area.height - y;
    if (on_cursor) {
      const int rows = std::min(room, lay_out(lines, nullptr, 0, 0, area.width, room, ctx));
      canvas.fill({area.x, y, area.width, rows}, U' ', selected(ctx.theme[Role::Normal], ctx.theme));
    }
    y += lay_out(lines, &canvas, area.x, y, area.width, room, ctx);
    store.clear();
  }
  below_ = entries_.size() - i;
}

}  // namespace flinktop::tui
