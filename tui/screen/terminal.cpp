// The one file that calls ncurses: start/stop, colour pairs, the flush of changed cells, key
// decoding, resize, and the restore paths for signals, std::terminate and exit().
#include "tui/screen/terminal.hpp"

#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/epoll.h>
#endif

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tui/screen/clipboard.hpp"
#include "tui/screen/emergency_restore.hpp"
#include "tui/screen/glyphs.hpp"
#include "tui/screen/palette.hpp"

#define NCURSES_WIDECHAR 1
#define NCURSES_NOMACROS 1  // curses.h would otherwise turn clear(), erase(), timeout() into macros
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

namespace flinktop::tui {
namespace {

using Clock = std::chrono::steady_clock;

struct UniqueFd {
  int fd = -1;
  UniqueFd() = default;
  explicit UniqueFd(int f) : fd(f) {}
  UniqueFd(UniqueFd&& o) noexcept : fd(std::exchange(o.fd, -1)) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept {
    std::swap(fd, o.fd);
    return *this;
  }
  ~UniqueFd() {
    if (fd >= 0) ::close(fd);
  }
};
struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
struct ScreenDeleter {
  void operator()(SCREEN* s) const { delscreen(s); }
};
struct WindowDeleter {
  void operator()(WINDOW* w) const { delwin(w); }
};

bool terminfo_exists(const char* name, int fd);  // at the end of this file, after <term.h>

Terminal::Impl* g_active = nullptr;  // not owned: the live Terminal, for the atexit restore

// A terminfo string without its $<delay> padding (which only tputs understands).
std::string capability(const char* name) {
  const char* value = tigetstr(name);
  std::string out;
  if (value == nullptr || value == reinterpret_cast<char*>(-1)) return out;
  for (const char* p = value; *p != 0; ++p) {
    if (p[0] == '$' && p[1] == '<') {
      const char* end = std::strchr(p, '>');
      if (end != nullptr) {
        p = end;
        continue;
      }
    }
    out += *p;
  }
  return out;
}

// ncurses 6.1 added pair numbers beyond 32767 (and direct RGB colours in them).
#if NCURSES_VERSION_MAJOR > 6 || (NCURSES_VERSION_MAJOR == 6 && NCURSES_VERSION_MINOR >= 1)
int define_pair(int pair, int fg, int bg) {
  return init_extended_pair(pair, fg, bg);
}
void set_cell(cchar_t& cc, const wchar_t* text, attr_t attrs, int pair) {
  setcchar(&cc, text, attrs, 0, &pair);
}
#else
int define_pair(int pair, int fg, int bg) {
  if (pair > 0x7FFF || fg > 0x7FFF || bg > 0x7FFF) return ERR;
  return init_pair(static_cast<short>(pair), static_cast<short>(fg), static_cast<short>(bg));
}
void set_cell(cchar_t& cc, const wchar_t* text, attr_t attrs, int pair) {
  setcchar(&cc, text, attrs, static_cast<short>(pair), nullptr);
}
#endif

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != 0;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// Named keys ncurses decodes, and the xterm "modified key" names (kUP5 = ctrl-up) it reports
// with codes above KEY_MAX.
Key from_key_code(int code) {
  using K = Key::Kind;
  switch (code) {
    case KEY_UP: return Key::named(K::Up);
    case KEY_DOWN: return Key::named(K::Down);
    case KEY_LEFT: return Key::named(K::Left);
    case KEY_RIGHT: return Key::named(K::Right);
    case KEY_HOME:
    case KEY_A1: return Key::named(K::Home);
    case KEY_END:
    case KEY_C1: return Key::named(K::End);
    case KEY_PPAGE:
    case KEY_A3: return Key::named(K::PageUp);
    case KEY_NPAGE:
    case KEY_C3: return Key::named(K::PageDown);
    case KEY_IC: return Key::named(K::Insert);
    case KEY_DC: return Key::named(K::Delete);
    case KEY_BACKSPACE: return Key::named(K::Backspace);
    case KEY_ENTER: return Key::named(K::Enter);
    case KEY_BTAB: return Key::named(K::BackTab);
    case KEY_SR: return Key::named(K::Up, Key::kShift);
    case KEY_SF: return Key::named(K::Down, Key::kShift);
    case KEY_SLEFT: return Key::named(K::Left, Key::kShift);
    case KEY_SRIGHT: return Key::named(K::Right, Key::kShift);
    case KEY_SHOME: return Key::named(K::Home, Key::kShift);
    case KEY_SEND: return Key::named(K::End, Key::kShift);
    case KEY_SPREVIOUS: return Key::named(K::PageUp, Key::kShift);
    case KEY_SNEXT: return Key::named(K::PageDown, Key::kShift);
    case KEY_SDC: return Key::named(K::Delete, Key::kShift);
    case KEY_RESIZE: return Key::named(K::Resize);
    default: break;
  }
  if (code >= KEY_F(1) && code <= KEY_F(12)) {
    return Key::named(static_cast<K>(static_cast<int>(K::F1) + code - KEY_F(1)));
  }
  const char* name = keyname(code);
  if (name == nullptr) return Key::none();
  static constexpr std::array<std::pair<std::string_view, K>, 10> kModified{{
      {"kUP", K::Up},
      {"kDN", K::Down},
      {"kLFT", K::Left},
      {"kRIT", K::Right},
      {"kHOM", K::Home},
      {"kEND", K::End},
      {"kPRV", K::PageUp},
      {"kNXT", K::PageDown},
      {"kDC", K::Delete},
      {"kIC", K::Insert},
  }};
  const std::string_view n(name);
  for (const auto& [prefix, kind] : kModified) {
    if (n.size() == prefix.size() + 1 && n.substr(0, prefix.size()) == prefix) {
      const int m = n.back() - '1';  // xterm: 1 + (shift 1 | alt 2 | ctrl 4)
      if (m < 1 || m > 7) return Key::none();
      std::uint8_t mods = 0;
      if (m & 1) mods |= Key::kShift;
      if (m & 2) mods |= Key::kAlt;
      if (m & 4) mods |= Key::kCtrl;
      return Key::named(kind, mods);
    }
  }
  return Key::none();
}

Key from_char(wint_t ch) {
  using K = Key::Kind;
  switch (ch) {
    case L'\r':
    case L'\n': return Key::named(K::Enter);
    case L'\t': return Key::named(K::Tab);
    case 0x7F:
    case 0x08: return Key::named(K::Backspace);
    case 0x1B: return Key::named(K::Escape);
    case 0x00: return Key::character(U' ', Key::kCtrl);
    default: break;
  }
  if (ch >= 1 && ch <= 26) return Key::ctrl(static_cast<char>('a' + ch - 1));
  if (ch >= 0x1C && ch <= 0x1F) return Key::character(static_cast<char32_t>(ch + 0x40), Key::kCtrl);
  if (ch < 0x20 || (ch >= 0x80 && ch < 0xA0) || ch > 0x10FFFF) return Key::none();
  return Key::character(static_cast<char32_t>(ch));
}

}  // namespace

struct Terminal::Impl {
  TerminalOptions options;
  UniqueFd tty;  // /dev/tty when we opened it
  UniqueFd winch_read, winch_write;
  UniqueFd events;  // epoll over the input and the resize pipe
  std::unique_ptr<FILE, FileCloser> in, out;
  std::unique_ptr<SCREEN, ScreenDeleter> screen;
  std::unique_ptr<WINDOW, WindowDeleter> input;  // never drawn, so reading never refreshes
  int in_fd = -1, out_fd = -1;
  bool unicode = false;
  ColorDepth depth = ColorDepth::None;
  int colors = 0;
  bool running = false;  // in full-screen mode
  bool suspended = false;
  bool repaint = true;  // the next present() writes every cell
  Canvas shown;         // what the terminal shows, as far as present() knows
  std::unordered_map<std::uint64_t, int> pairs;
  int next_pair = 1;

  void start();
  void shutdown();  // endwin; idempotent
  void arm_restore();
  void resized();
  int color_number(const Color& c, bool foreground, attr_t& attrs) const;
  int pair_for(const Style& style, attr_t& attrs);
  void draw(const Canvas& canvas, int x, int y, int width);
};

Terminal::Terminal(TerminalOptions options) : impl_(std::make_unique<Impl>()) {
  if (g_active != nullptr) throw std::runtime_error("a terminal UI is already running in this process");
  impl_->options = std::move(options);
  impl_->start();
}

void Terminal::Impl::start() {
  // LC_ALL for ncursesw's wide-character output; LC_NUMERIC back to "C" so that no number the
  // rest of the program formats or parses changes with the user's locale.
  std::setlocale(LC_ALL, options.locale ? options.locale->c_str() : "");
  std::setlocale(LC_NUMERIC, "C");
  const std::string codeset = nl_langinfo(CODESET);
  unicode = codeset == "UTF-8" || codeset == "utf8" || codeset == "UTF8";

  if (options.fd >= 0) {
    in_fd = out_fd = options.fd;
  } else if (int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC); fd >= 0) {
    tty = UniqueFd(fd);
    in_fd = out_fd = fd;
  } else if (::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO)) {
    in_fd = STDIN_FILENO, out_fd = STDOUT_FILENO;
  } else {
    throw std::runtime_error(
        "the terminal UI needs a terminal: /dev/tty cannot be opened and "
        "stdin/stdout is not a terminal (use a subcommand such as 'flinktop get')");
  }
  in.reset(::fdopen(::fcntl(in_fd, F_DUPFD_CLOEXEC, 3), "r"));
  out.reset(::fdopen(::fcntl(out_fd, F_DUPFD_CLOEXEC, 3), "w"));
  if (!in || !out) throw std::runtime_error(std::string("cannot open the terminal: ") + std::strerror(errno));
  in_fd = ::fileno(in.get()), out_fd = ::fileno(out.get());

  std::string term = options.term;
  if (term.empty() && std::getenv("TERM") != nullptr) term = std::getenv("TERM");
  if (term.empty())
    throw std::runtime_error("TERM is not set: set it to your terminal's type, e.g. TERM=xterm-256color");
  const bool no_color = options.no_color.value_or(env_set("NO_COLOR"));
  const std::string colorterm = std::getenv("COLORTERM") ? std::getenv("COLORTERM") : "";
  const bool true_color = options.true_color.value_or(colorterm == "truecolor" || colorterm == "24bit");

  termios shell{};
  emergency::prepare(out_fd, ::tcgetattr(in_fd, &shell) == 0 ? &shell : nullptr);
  if (options.handle_signals) {
    // Before newterm, so that ncurses sees our handlers and does not install its own.
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) == 0) {
      winch_read = UniqueFd(pipe_fds[0]);
      winch_write = UniqueFd(pipe_fds[1]);
    }
    emergency::install(winch_write.fd);
  }

  // With COLORTERM asking for 24-bit colour, the terminal's "-direct" terminfo sibling (same
  // capabilities, RGB colour numbers) is used when it is installed; otherwise RGB is mapped to 256.
  std::vector<std::string> names;
  if (true_color && !no_color && !ends_with(term, "-direct")) {
    if (ends_with(term, "-256color")) names.push_back(term.substr(0, term.size() - 9) + "-direct");
    names.push_back(term + "-direct");
  }
  names.push_back(term);
  for (const std::string& name : names) {
    // Probing first: a newterm() that fails leaks ncurses' pre-screen state.
    if (!terminfo_exists(name.c_str(), out_fd)) continue;
    screen.reset(newterm(name.c_str(), out.get(), in.get()));
    if (screen) break;
  }
  if (!screen) {
    if (options.handle_signals) emergency::uninstall();
    throw std::runtime_error("cannot use terminal type '" + term +
                             "' (TERM): install its terminfo entry or run with TERM=xterm-256color");
  }
  set_term(screen.get());
  running = true;
  raw();  // ctrl-c, ctrl-z, ctrl-s arrive as keys, as in k9s
  noecho();
  nonl();
  curs_set(0);
  leaveok(stdscr, TRUE);
  scrollok(stdscr, FALSE);
  set_escdelay(options.escape_delay_ms);
  input.reset(newwin(1, 1, 0, 0));
  keypad(input.get(), TRUE);
  wtimeout(input.get(), 0);

  if (!no_color && has_colors() && start_color() == OK) {
    use_default_colors();
    colors = COLORS;
    depth = colors >= 0x1000000 ? ColorDepth::Direct
            : colors >= 256     ? ColorDepth::Indexed256
            : colors >= 16      ? ColorDepth::Basic16
            : colors >= 8       ? ColorDepth::Basic8
                                : ColorDepth::None;
  }

  std::string bytes = capability("sgr0");
  if (depth != ColorDepth::None) bytes += capability("op");
  bytes += capability("rmkx") + capability("cnorm") + capability("rmcup");
  emergency::set_restore_bytes(bytes);
  g_active = this;
  if (options.handle_signals) {
    // exit() without the destructor: a normal thread of control, so endwin() itself is fine.
    static const bool registered = std::atexit([] {
                                     if (g_active != nullptr) g_active->shutdown();
                                   }) == 0;
    (void)registered;
  }
  arm_restore();

#ifdef __linux__
  events = UniqueFd(::epoll_create1(EPOLL_CLOEXEC));
  for (int fd : {in_fd, winch_read.fd}) {
    if (fd < 0 || events.fd < 0) continue;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    ::epoll_ctl(events.fd, EPOLL_CTL_ADD, fd, &ev);
  }
#endif
}

void Terminal::Impl::arm_restore() {
  emergency::arm(options.handle_signals);
}

void Terminal::Impl::shutdown() {
  if (!running) return;
  emergency::arm(false);
  if (!suspended) {
    // endwin() shows the cursor *before* it leaves the alternate screen, and a terminal that
    // restores the main screen's modes on rmcup (tmux, xterm) brings back the hidden cursor of
    // the moment we started: show it again on the main screen.
    const std::string show_cursor = capability("cnorm");
    endwin();
    std::fflush(out.get());
    [[maybe_unused]] auto written = ::write(out_fd, show_cursor.data(), show_cursor.size());
  }
  running = false;
}

Terminal::~Terminal() {
  Impl& t = *impl_;
  t.shutdown();
  if (t.options.handle_signals) emergency::uninstall();
  g_active = nullptr;
  t.input.reset();
  t.screen.reset();
}

Terminal::Size Terminal::size() const {
  return {getmaxx(stdscr), getmaxy(stdscr)};
}
bool Terminal::unicode() const {
  return impl_->unicode;
}
ColorDepth Terminal::color_depth() const {
  return impl_->depth;
}
int Terminal::fd() const {
  return impl_->events.fd >= 0 ? impl_->events.fd : impl_->in_fd;
}

void Terminal::invalidate() {
  impl_->repaint = true;
  clearok(curscr, TRUE);
}

int Terminal::Impl::color_number(const Color& c, bool foreground, attr_t& attrs) const {
  switch (c.kind) {
    case Color::Kind::Default: return -1;
    case Color::Kind::Indexed:
      if (depth == ColorDepth::Direct) {
        if (c.index < 8) return c.index;  // below 8 a direct-colour entry means the palette
        const Rgb rgb = palette_rgb(c.index);
        return (rgb.r << 16) | (rgb.g << 8) | rgb.b;
      }
      if (c.index < colors) return c.index;
      if (c.index < 16) {  // bright colours on an 8-colour terminal: bold does it for text
        if (foreground) attrs |= WA_BOLD;
        return c.index - 8;
      }
      return nearest_index(palette_rgb(c.index), colors);
    case Color::Kind::Rgb:
      if (depth == ColorDepth::Direct) return std::max(8, (c.r << 16) | (c.g << 8) | c.b);
      return nearest_index({c.r, c.g, c.b}, colors);
  }
  return -1;
}

int Terminal::Impl::pair_for(const Style& style, attr_t& attrs) {
  if (depth == ColorDepth::None) return 0;
  const int fg = color_number(style.fg, true, attrs);
  const int bg = color_number(style.bg, false, attrs);
  if (fg < 0 && bg < 0) return 0;
  const std::uint64_t key = (static_cast<std::uint64_t>(fg + 1) << 32) | static_cast<std::uint32_t>(bg + 1);
  if (auto it = pairs.find(key); it != pairs.end()) return it->second;
  // Past the terminal's pair limit new combinations fall back to the default colours rather
  // than recolouring cells already on screen.
  if (next_pair >= COLOR_PAIRS || define_pair(next_pair, fg, bg) != OK) return 0;
  pairs.emplace(key, next_pair);
  return next_pair++;
}

void Terminal::Impl::draw(const Canvas& canvas, int x, int y, int width) {
  const Cell& cell = canvas.at(x, y);
  char32_t ch = cell.ch;
  char32_t mark = cell.mark;
  int cells = 1;
  if (ch == 0) {
    ch = U' ', mark = 0;  // a right half without its wide character
  } else if (column_width(ch) == 2) {
    cells = 2;
    if (x + 1 >= width || canvas.at(x + 1, y).ch != 0) ch = U' ', mark = 0, cells = 1;
  }
  if (!unicode) {
    ch = cells == 2 ? U'?' : ascii_fallback(ch);
    mark = 0;
  } else if (::wcwidth(static_cast<wchar_t>(ch)) != cells) {
    ch = cells == 2 ? U'?' : U'\uFFFD';  // the libc would put the cursor elsewhere than we do
    mark = 0;
  }
  if (mark != 0 && ::wcwidth(static_cast<wchar_t>(mark)) != 0) mark = 0;

  attr_t attrs = WA_NORMAL;
  const std::uint8_t a = cell.style.attrs;
  if (a & kAttrBold) attrs |= WA_BOLD;
  if (a & kAttrDim) attrs |= WA_DIM;
  if (a & kAttrUnderline) attrs |= WA_UNDERLINE;
  if (a & kAttrReverse) attrs |= WA_REVERSE;
  if (a & kAttrItalic) attrs |= WA_ITALIC;
  int pair = pair_for(cell.style, attrs);
  const wchar_t text[3] = {static_cast<wchar_t>(ch), static_cast<wchar_t>(mark), 0};
  cchar_t cc;
  set_cell(cc, text, attrs, pair);
  mvwadd_wch(stdscr, y, x, &cc);
  if (cells == 2 && ch == U'?') {  // a wide character shown narrow: fill its right half
    const wchar_t blank[2] = {L' ', 0};
    set_cell(cc, blank, attrs, pair);
    mvwadd_wch(stdscr, y, x + 1, &cc);
  }
}

namespace {

// Cell equality without the defaulted operator's field-by-field branches: ch and style are 15
// contiguous bytes with no padding, then mark. An unchanged 240x70 frame is 16800 of these.
bool same_cell(const Cell& a, const Cell& b) {
  static_assert(std::is_standard_layout_v<Cell> && sizeof(Style) == 11 && offsetof(Cell, style) == 4);
  constexpr std::size_t kHead = offsetof(Cell, style) + sizeof(Style);
  return std::memcmp(&a, &b, kHead) == 0 && a.mark == b.mark;
}

}  // namespace

void Terminal::present(const Canvas& next) {
  Impl& t = *impl_;
  if (!t.running || t.suspended) return;
  const int width = std::min(getmaxx(stdscr), next.width());
  const int height = std::min(getmaxy(stdscr), next.height());
  const bool force = t.repaint;  // after a resize or invalidate(): the screen must be rewritten
  const bool all = force || t.shown.width() != next.width() || t.shown.height() != next.height();
  bool changed = false;
  for (int y = 0; y < height && width > 0; ++y) {
    const Cell* row = &next.at(0, y);
    const Cell* old = all ? nullptr : &t.shown.at(0, y);
    if (!all) {
      int x = 0;
      while (x < width && same_cell(row[x], old[x])) ++x;
      if (x == width) continue;  // the common case: the row did not change
    }
    for (int x = 0; x < width; ++x) {
      if (row[x].ch == 0 && x > 0 && column_width(row[x - 1].ch) == 2) continue;  // drawn with its left half
      bool differs = all || !same_cell(row[x], old[x]);
      if (!differs && x + 1 < width && row[x + 1].ch == 0) differs = !same_cell(row[x + 1], old[x + 1]);
      if (!differs) continue;
      t.draw(next, x, y, width);
      changed = true;
    }
  }
  t.repaint = false;
  if (!changed && !force) return;  // nothing to say: not a byte
  t.shown = next;
  wnoutrefresh(stdscr);
  doupdate();
}

bool Terminal::copy_to_clipboard(std::string_view text) {
  Impl& t = *impl_;
  if (!t.running || t.suspended) return false;
  const auto sequence = osc52_sequence(text);
  if (!sequence) return false;
  // Straight to the terminal, past ncurses (which knows no such sequence): it moves no cursor and
  // draws nothing, so ncurses' idea of the screen stays true. Flushed first so it cannot land
  // inside a half-written frame.
  std::fflush(t.out.get());
  std::fwrite(sequence->data(), 1, sequence->size(), t.out.get());
  std::fflush(t.out.get());
  return true;
}

void Terminal::Impl::resized() {
  char drain[64];
  while (winch_read.fd >= 0 && ::read(winch_read.fd, drain, sizeof drain) > 0) {
  }
  winsize ws{};
  if (::ioctl(out_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
    resize_term(ws.ws_row, ws.ws_col);
  wclear(stdscr);  // the terminal reflowed what it showed: clear once, then repaint everything
  repaint = true;
}

Key Terminal::read_key(std::chrono::milliseconds timeout) {
  Impl& t = *impl_;
  if (!t.running || t.suspended) return Key::none();
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (emergency::take_resize()) {
      t.resized();
      return Key::named(Key::Kind::Resize);
    }
    // Read without waiting inside ncurses (it would not notice SIGWINCH); ncurses still waits
    // up to ESCDELAY for the rest of an escape sequence.
    wint_t ch = 0;
    const int r = wget_wch(t.input.get(), &ch);
    if (r == KEY_CODE_YES) {
      const Key key = from_key_code(static_cast<int>(ch));
      if (key.kind == Key::Kind::Resize) {
        t.resized();
        return key;
      }
      if (key) return key;
      continue;  // a key we do not know: skip it
    }
    if (r == OK) {
      Key key = from_char(ch);
      if (key.kind == Key::Kind::Escape) {
        // ESC followed at once by a character is alt-<character>.
        wint_t next = 0;
        const int r2 = wget_wch(t.input.get(), &next);
        const Key second = r2 == OK ? from_char(next) : Key::none();
        if (second.kind == Key::Kind::Char && second.modifiers == 0) return Key::alt(second.ch);
        if (r2 == OK) unget_wch(static_cast<wchar_t>(next));
        if (r2 == KEY_CODE_YES) ungetch(static_cast<int>(next));
      }
      if (key) return key;
      continue;
    }
    const auto now = Clock::now();
    if (timeout.count() >= 0 && now >= deadline) return Key::none();
    const int wait_ms =
        timeout.count() < 0
            ? -1
            : static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count());
    std::array<pollfd, 2> fds{{{t.in_fd, POLLIN, 0}, {t.winch_read.fd, POLLIN, 0}}};
    const int n = ::poll(fds.data(), t.winch_read.fd >= 0 ? 2 : 1, wait_ms);
    if (n == 0) return Key::none();
    if (n < 0 && errno != EINTR) return Key::none();
    if (n > 0 && (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) && !(fds[0].revents & POLLIN))
      return Key::none();
  }
}

void Terminal::suspend() {
  Impl& t = *impl_;
  if (!t.running || t.suspended) return;
  emergency::arm(false);
  def_prog_mode();
  endwin();
  t.suspended = true;
}

void Terminal::resume() {
  Impl& t = *impl_;
  if (!t.running || !t.suspended) return;
  t.suspended = false;
  t.arm_restore();
  clearok(curscr, TRUE);  // whatever ran meanwhile drew over us
  curs_set(0);
  wnoutrefresh(stdscr);
  doupdate();
}

}  // namespace flinktop::tui

// <term.h> defines hundreds of lower-case macros (lines, columns, tab, ...): included last, so
// that nothing above can collide with them.
#if __has_include(<ncursesw/term.h>)
#include <ncursesw/term.h>
#else
#include <term.h>
#endif

namespace flinktop::tui {
namespace {

// Whether terminfo knows `name`, without touching the current terminal.
bool terminfo_exists(const char* name, int fd) {
  TERMINAL* const current = set_curterm(nullptr);
  int error = 0;
  const bool found = setupterm(name, fd, &error) == OK;
  TERMINAL* const probe = set_curterm(current);
  if (found && probe != nullptr && probe != current) del_curterm(probe);
  return found;
}

}  // namespace
}  // namespace flinktop::tui
