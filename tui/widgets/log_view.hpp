// The log pane: a live tail of log lines that never lags behind the log. It follows the newest
// line (autoscroll) until the reader moves the cursor up, and goes on following from G. Each line
// shows its source (when several are merged), its time (when asked), its text coloured by level
// with the filter's matches highlighted; long lines are cut or wrapped, Java stack traces can be
// folded under the line that threw, JSON lines pretty-printed.
//
// The filter is an RE2 pattern (`!` inverts) that either hides the lines it does not match
// (grep) or only highlights its matches (less: n/N jump between them). A stack trace goes with
// its record: filtering on ERROR keeps the ERROR lines' traces.
//
// It keeps at most `capacity` lines and `max_bytes` of text (the oldest go). Lines are shared with the LogBuffer they
// came from, never copied; their text was sanitised on ingest and is drawn through the Canvas,
// which would strip a control sequence anyway. Drawing costs the lines on screen, not the lines
// kept: a 1 MB line or 100k lines in the buffer cost a frame nothing more.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/logs/log_filter.hpp"
#include "core/logs/log_line.hpp"
#include "tui/screen/canvas.hpp"
#include "tui/screen/key.hpp"
#include "tui/widgets/draw_context.hpp"

namespace flinktop::tui {

class LogView {
 public:
  // At most `capacity` lines and `max_bytes` of their text (as the LogBuffer they come from).
  explicit LogView(std::size_t capacity = 100'000, std::size_t max_bytes = 256ull * 1024 * 1024);

  // --- lines ---------------------------------------------------------------------------------------
  void append(const std::vector<logs::LogLinePtr>& lines);  // in arrival order
  void clear();
  std::size_t size() const { return lines_.size(); }     // lines kept
  std::size_t shown() const { return entries_.size(); }  // lines on the list (filter, folds)
  std::uint64_t evicted() const { return evicted_; }     // lines that went to keep `capacity`
  std::size_t capacity() const { return capacity_; }

  // --- how they are shown --------------------------------------------------------------------------
  // "" or the filter's one-line error (the pattern is then matched as plain text).
  std::string set_filter(std::string_view text);
  const logs::LogFilter& filter() const { return filter_; }
  // Filtering hides non-matching lines (grep); off, matches are only highlighted (less).
  void set_hide_unmatched(bool on);
  bool hides_unmatched() const { return hide_unmatched_; }
  void set_folded(bool on);  // stack traces folded under the line that threw
  bool folded() const { return folded_; }
  void set_wrap(bool on) { wrap_ = on; }
  bool wrap() const { return wrap_; }
  void set_timestamps(bool on) { timestamps_ = on; }
  bool timestamps() const { return timestamps_; }
  void set_json(bool on) { json_ = on; }  // JSON lines pretty-printed
  bool json() const { return json_; }
  // Each line's source label first: when asked, and once lines came from two sources.
  void set_prefix(bool on) { prefix_ = on; }
  bool prefix() const { return prefix_ || several_sources_; }

  // --- moving ------------------------------------------------------------------------------------
  bool following() const { return following_; }
  void follow();  // to the newest line, and stay with the newest
  void pause();   // stay on the line under the cursor while lines arrive
  // j/k ↑/↓ PgUp/PgDn ctrl-b/ctrl-f g/Home: move the cursor (and stop following); G/End: follow.
  // Moving onto the newest line follows again.
  bool handle_key(const Key& key);
  // n/N: the cursor to the next/previous line the filter matches; false when there is none.
  bool next_match(bool forward);
  // ]/[: the next/previous ERROR record or Java exception; false when there is none.
  bool next_error(bool forward);
  const logs::LogLine* cursor_line() const;  // null when nothing is shown
  // Lines shown below the screen (they arrived while paused); 0 while following.
  std::size_t below() const { return below_; }
  // What a save writes: the lines the filter lets through with their folded traces (every line
  // when no filter hides any), in order.
  std::vector<logs::LogLinePtr> saved_lines() const;

  void draw(Canvas& canvas, Rect area, const DrawContext& ctx);

 private:
  struct Entry {
    logs::LogLinePtr line;
    std::uint32_t folded = 0;  // stack-trace lines hidden under this one
  };
  // Per source: the newest record's first line, whether it was shown, and its entry.
  struct Record {
    bool shown = true;
    std::uint64_t head_seq = 0;
  };
  struct Run {
    std::string_view text;
    Style style;
  };
  using VisualLine = std::vector<Run>;

  bool filtering() const { return hide_unmatched_ && filter_.active(); }
  // Whether the line is on the list (folding aside); keeps its source's `record` up to date.
  bool passes(const logs::LogLine& line, Record& record) const;
  void admit(const logs::LogLinePtr& line);
  void rebuild();
  void evict_oldest();
  void move_cursor(std::size_t to);
  // The entry as it looks: one visual line, more for pretty JSON; at most `max_bytes` of its text
  // are looked at. `store` owns the texts made here.
  std::vector<VisualLine> visual_lines(const Entry& entry, const DrawContext& ctx, bool on_cursor,
                                       std::size_t max_bytes, std::deque<std::string>& store) const;
  // Rows the visual lines take at `width` (at most `max_rows`); drawn from (x, y) when `canvas` is set.
  int lay_out(const std::vector<VisualLine>& lines, Canvas* canvas, int x, int y, int width, int max_rows,
              const DrawContext& ctx) const;
  int rows_of(std::size_t entry, int width, int max_rows, const DrawContext& ctx) const;

  std::size_t capacity_;
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::deque<logs::LogLinePtr> lines_;
  std::deque<Entry> entries_;
  // Keyed by the origin itself (held, so its address is never another source's).
  std::unordered_map<std::shared_ptr<const logs::LogOrigin>, Record> records_;
  // Pretty-printed JSON by line (null: not JSON), so a frame does not parse what it drew before.
  const std::string* pretty_json(const logs::LogLine& line) const;
  mutable std::unordered_map<std::uint64_t, std::shared_ptr<const std::string>> json_cache_;
  std::uint64_t evicted_ = 0;
  logs::LogFilter filter_;
  bool hide_unmatched_ = true;
  bool folded_ = false;
  bool wrap_ = false;
  bool timestamps_ = false;
  bool json_ = false;
  bool prefix_ = false;
  std::size_t label_width_ = 0;  // the widest source label seen: prefixes line up
  std::string first_label_;
  bool several_sources_ = false;
  bool following_ = true;
  std::size_t cursor_ = 0;  // entry index
  std::size_t top_ = 0;     // the first entry on screen
  std::size_t below_ = 0;
  int page_ = 10;  // rows on screen at the last draw
};

}  // namespace flinktop::tui
