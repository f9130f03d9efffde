// diff_rows: a lock-step walk with a short look-ahead to step over insertions and deletions,
// then a hash join of the rows that fell out of step.
#include "core/model/row_table.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>

namespace flinktop::model {

namespace {

inline std::uint64_t load64(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Strings keep room for at least 15 characters plus the terminator (the small-string buffer), so
// the first 16 bytes of any string's storage can be read; the bytes past size() are masked out.
static_assert(std::string().capacity() >= 15, "same_text reads 16 bytes of every string's storage");

// 16 x 0xff then 16 x 0x00: the 16 bytes at kMask + 16 - n keep the first n bytes of a load.
constexpr char kMask[32] = {'\xff', '\xff', '\xff', '\xff', '\xff', '\xff', '\xff', '\xff',
                            '\xff', '\xff', '\xff', '\xff', '\xff', '\xff', '\xff', '\xff'};

// The bits where the first n bytes (n <= 16) at p and q differ; zero when they are equal.
inline std::uint64_t short_difference(const char* p, const char* q, std::size_t n) noexcept {
  const char* m = kMask + 16 - n;
  return ((load64(p) ^ load64(q)) & load64(m)) | ((load64(p + 8) ^ load64(q + 8)) & load64(m + 8));
}

// More than 16 bytes (ids are 36-character uids): 8 at a time, the last 16 overlapping if need be.
inline bool same_long(const char* p, const char* q, std::size_t n) noexcept {
  for (std::size_t k = 0; k + 16 < n; k += 8) {
    if (load64(p + k) != load64(q + k)) return false;
  }
  return ((load64(p + n - 16) ^ load64(q + n - 16)) | (load64(p + n - 8) ^ load64(q + n - 8))) == 0;
}

// Equality without a call to memcmp: cells are mostly a few bytes long, where the call costs more
// than the comparison. Up to 16 bytes it is branch-free.
inline bool same_text(const std::string& x, const std::string& y) noexcept {
  const std::size_t n = x.size();
  if (n != y.size()) return false;
  return n <= 16 ? short_difference(x.data(), y.data(), n) == 0 : same_long(x.data(), y.data(), n);
}

inline bool same_cells(const std::vector<std::string>& x, const std::vector<std::string>& y) noexcept {
  const std::size_t count = x.size();
  if (count != y.size()) return false;
  const std::string* xs = x.data();
  const std::string* ys = y.data();
  std::uint64_t difference = 0;  // accumulated: rows are rarely different, so no early exit per cell
  for (std::size_t c = 0; c < count; ++c) {
    const std::size_t n = xs[c].size();
    if (n != ys[c].size()) return false;
    if (n <= 16) {
      difference |= short_difference(xs[c].data(), ys[c].data(), n);
    } else if (!same_long(xs[c].data(), ys[c].data(), n)) {
      return false;
    }
  }
  return difference == 0;
}

// The 128-bit product of a and b, folded to 64 bits: the mixing step of wyhash-like hashes.
inline std::uint64_t fold_multiply(std::uint64_t a, std::uint64_t b) noexcept {
  const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
}

constexpr std::uint64_t kSeed0 = 0xa0761d6478bd642fULL;
constexpr std::uint64_t kSeed1 = 0xe7037ed1a0b428dbULL;
constexpr std::uint64_t kSeed2 = 0x8ebc6af09c88c6e3ULL;

// One cell's hash, its length included. Up to 16 bytes: one block masked to the length (read as
// same_text reads it); longer: 16 at a time, the last 16 overlapping. It does not depend on the
// other cells, so the multiplications of a row's cells overlap in the CPU instead of waiting on
// each other.
inline std::uint64_t cell_hash(const std::string& cell) noexcept {
  const char* p = cell.data();
  const std::size_t n = cell.size();
  std::uint64_t h = n * kSeed2;
  if (n <= 16) {
    const char* m = kMask + 16 - n;
    return fold_multiply((load64(p) & load64(m)) ^ kSeed1 ^ h, (load64(p + 8) & load64(m + 8)) ^ kSeed0);
  }
  for (std::size_t k = 0; k + 16 < n; k += 16) h = fold_multiply(load64(p + k) ^ kSeed1 ^ h, load64(p + k + 8) ^ kSeed0);
  return fold_multiply(load64(p + n - 16) ^ kSeed1 ^ h, load64(p + n - 8) ^ kSeed0);
}

inline bool sealed_same(const Row& x, const Row& y) noexcept {
  return x.fingerprint != 0 && x.fingerprint == y.fingerprint;
}

// How far the walk looks ahead for the other table's id before giving a row up to the hash join.
constexpr std::size_t kLookAhead = 8;
// After this many rows in a row without a resync the walk leaves the rest to the hash join.
constexpr std::size_t kMaxMisses = 16;
// How many rows ahead the walk prefetches.
constexpr std::size_t kPrefetchDistance = 4;
// Below this many candidate pairs a nested loop beats building an index.
constexpr std::size_t kNestedLoopPairs = 64;

class Differ {
 public:
  Differ(const RowTable& before, const RowTable& after, RowDelta& delta)
      : b_(before.rows), a_(after.rows), delta_(delta), columns_changed_(before.columns != after.columns) {}

  void run() {
    walk();
    walk_changes_ = delta_.changed.size();
    join();
    // Both the walk's changes and the join's are ascending; merge them when both exist.
    if (walk_changes_ > 0 && walk_changes_ < delta_.changed.size()) {
      std::inplace_merge(delta_.changed.begin(), delta_.changed.begin() + static_cast<std::ptrdiff_t>(walk_changes_),
                         delta_.changed.end(), [](const CellChange& x, const CellChange& y) { return x.row < y.row; });
    }
  }

 private:
  void compare(const Row& old_row, const Row& new_row, std::size_t new_index) {
    if (!columns_changed_) {
      if (sealed_same(old_row, new_row)) return;
      if ((old_row.fingerprint == 0 || new_row.fingerprint == 0) && same_cells(old_row.cells, new_row.cells)) return;
    }
    CellChange change{new_row.id, new_index, {}};
    const std::size_t n = std::max(old_row.cells.size(), new_row.cells.size());
    for (std::size_t c = 0; c < n; ++c) {
      if (columns_changed_ || c >= old_row.cells.size() || c >= new_row.cells.size() ||
          !same_text(old_row.cells[c], new_row.cells[c])) {
        change.columns.push_back(c);
      }
    }
    delta_.changed.push_back(std::move(change));
  }

  // Ids live all over the heap: ask for a coming row's id (and, when it is not sealed, its cell
  // array: two strings per cache line) while comparing this one; it matters only once the tables
  // outgrow the L2 cache.
  static void prefetch(std::size_t index, const std::vector<Row>& rows) noexcept {
    if (index >= rows.size()) return;
    const Row& row = rows[index];
    __builtin_prefetch(row.id.data());
    if (row.fingerprint != 0) return;
    for (std::size_t c = 0; c < row.cells.size(); c += 2) __builtin_prefetch(row.cells.data() + c);
  }

  void walk() {
    std::size_t i = 0, j = 0, misses = 0;
    const std::size_t nb = b_.size(), na = a_.size();
    while (i < nb && j < na) {
      prefetch(i + kPrefetchDistance, b_);
      prefetch(j + kPrefetchDistance, a_);
      if (same_text(b_[i].id, a_[j].id)) {
        compare(b_[i], a_[j], j);
        ++i;
        ++j;
        misses = 0;
        continue;
      }
      // Out of step: an insertion, a deletion, or a move. Look a little ahead in both tables.
      bool resynced = false;
      for (std::size_t k = 1; k <= kLookAhead && !resynced; ++k) {
        if (i + k < nb && same_text(b_[i + k].id, a_[j].id)) {  // b_[i, i+k) are gone or moved
          for (std::size_t x = i; x < i + k; ++x) pending_before_.push_back(x);
          i += k;
          resynced = true;
        } else if (j + k < na && same_text(a_[j + k].id, b_[i].id)) {  // a_[j, j+k) are new or moved
          for (std::size_t x = j; x < j + k; ++x) pending_after_.push_back(x);
          j += k;
          resynced = true;
        }
      }
      if (resynced) {
        misses = 0;
        continue;
      }
      pending_before_.push_back(i++);
      pending_after_.push_back(j++);
      // Many misses in a row: the order changed (a new sort), so stop looking ahead.
      if (++misses == kMaxMisses) break;
    }
    for (; i < nb; ++i) pending_before_.push_back(i);
    for (; j < na; ++j) pending_after_.push_back(j);
  }

  // Pairs the rows the walk could not pair by position. Ids are unique, so a pending row can only
  // match another pending row.
  void join() {
    if (pending_before_.empty() && pending_after_.empty()) return;
    matched_.assign(pending_before_.size(), 0);
    if (!pending_before_.empty() && !pending_after_.empty()) {
      if (pending_before_.size() * pending_after_.size() <= kNestedLoopPairs) {
        nested_loop_join();
      } else {
        hash_join();
      }
    } else {
      for (const std::size_t j : pending_after_) delta_.added.push_back(j);
    }
    for (std::size_t p = 0; p < pending_before_.size(); ++p) {
      if (!matched_[p]) delta_.removed.push_back(b_[pending_before_[p]].id);
    }
  }

  void pair_or_add(std::size_t j, std::size_t p) {
    if (p == kNone) {
      delta_.added.push_back(j);
      return;
    }
    matched_[p] = 1;
    compare(b_[pending_before_[p]], a_[j], j);
  }

  void nested_loop_join() {
    for (const std::size_t j : pending_after_) {
      std::size_t found = kNone;
      for (std::size_t p = 0; p < pending_before_.size(); ++p) {
        if (!matched_[p] && b_[pending_before_[p]].id == a_[j].id) {
          found = p;
          break;
        }
      }
      pair_or_add(j, found);
    }
  }

  // Open addressing, linear probing, power-of-two capacity: one allocation for the whole index.
  void hash_join() {
    std::size_t capacity = 16;
    while (capacity < pending_before_.size() * 2) capacity *= 2;
    const std::size_t mask = capacity - 1;
    struct Slot {
      std::size_t hash;
      std::size_t pending;  // index into pending_before_, kNone when empty
    };
    std::vector<Slot> slots(capacity, Slot{0, kNone});
    const std::hash<std::string_view> hasher;
    for (std::size_t p = 0; p < pending_before_.size(); ++p) {
      const std::size_t h = hasher(b_[pending_before_[p]].id);
      std::size_t s = h & mask;
      while (slots[s].pending != kNone) s = (s + 1) & mask;
      slots[s] = {h, p};
    }
    for (const std::size_t j : pending_after_) {
      const std::string& id = a_[j].id;
      const std::size_t h = hasher(id);
      std::size_t found = kNone;
      for (std::size_t s = h & mask; slots[s].pending != kNone; s = (s + 1) & mask) {
        if (slots[s].hash == h && b_[pending_before_[slots[s].pending]].id == id) {
          found = slots[s].pending;
          break;
        }
      }
      pair_or_add(j, found);
    }
  }

  static constexpr std::size_t kNone = SIZE_MAX;

  const std::vector<Row>& b_;
  const std::vector<Row>& a_;
  RowDelta& delta_;
  const bool columns_changed_;
  std::size_t walk_changes_ = 0;
  std::vector<std::size_t> pending_before_;  // indices into b_, ascending
  std::vector<std::size_t> pending_after_;   // indices into a_, ascending
  std::vector<char> matched_;                // per pending_before_ entry
};

}  // namespace

std::uint64_t fingerprint_of(const std::vector<std::string>& cells) noexcept {
  // Each cell's hash rotated by its position (23 is odd: 64 distinct rotations), so that equal
  // cells in other places, or two cells swapped, change the result; one multiplication to finish.
  std::uint64_t h = cells.size() * kSeed2;
  for (const std::string& cell : cells) h = std::rotl(h, 23) ^ cell_hash(cell);
  h = fold_multiply(h ^ kSeed0, kSeed1);
  return h == 0 ? 1 : h;
}

void RowTable::seal() {
  for (Row& row : rows) row.fingerprint = fingerprint_of(row.cells);
}

RowDelta diff_rows(const RowTable& before, const RowTable& after) {
  RowDelta delta;
  if (&before == &after) return delta;
#ifndef NDEBUG
  // A cell changed after seal() would hide its change from the diff: catch that in tests.
  for (const RowTable* table : {&before, &after}) {
    for (const Row& row : table->rows) {
      assert((row.fingerprint == 0 || row.fingerprint == fingerprint_of(row.cells)) && "a row changed after seal()");
    }
  }
#endif
  Differ(before, after, delta).run();
  return delta;
}

}  // namespace flinktop::model
