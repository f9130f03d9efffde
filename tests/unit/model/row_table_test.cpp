// diff_rows: what a refresh must repaint (added rows, changed cells, removed rows), and nothing
// when only the order changed.
#include "core/model/row_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace flinktop::model {
namespace {

RowTable table(std::vector<Row> rows) { return {{"NAME", "STATUS", "AGE"}, std::move(rows)}; }

std::vector<std::size_t> cols(const RowDelta& d, const std::string& id) {
  for (const auto& c : d.changed) {
    if (c.id == id) return c.columns;
  }
  return {};
}

TEST(RowTable, IdenticalTablesAreEmpty) {
  const auto t = table({{"a", {"a", "Running", "1d"}}, {"b", {"b", "Running", "2d"}}});
  EXPECT_TRUE(diff_rows(t, t).empty());
  const auto copy = t;
  EXPECT_TRUE(diff_rows(t, copy).empty());
  EXPECT_TRUE(diff_rows(RowTable{}, RowTable{}).empty());
}

TEST(RowTable, ReorderOnlyIsEmpty) {
  const auto before = table({{"a", {"a", "x", "1"}}, {"b", {"b", "y", "2"}}, {"c", {"c", "z", "3"}}});
  const auto after = table({{"c", {"c", "z", "3"}}, {"a", {"a", "x", "1"}}, {"b", {"b", "y", "2"}}});
  EXPECT_TRUE(diff_rows(before, after).empty());
}

TEST(RowTable, AddedChangedRemoved) {
  const auto before = table({{"a", {"a", "Running", "1d"}}, {"b", {"b", "Running", "2d"}}, {"c", {"c", "Pending", "3d"}}});
  const auto after = table({{"a", {"a", "Running", "1d"}}, {"c", {"c", "Running", "4d"}}, {"d", {"d", "Pending", "0s"}}});
  const auto d = diff_rows(before, after);
  EXPECT_FALSE(d.empty());
  EXPECT_EQ(d.added, (std::vector<std::size_t>{2}));
  ASSERT_EQ(d.changed.size(), 1u);
  EXPECT_EQ(d.changed[0].id, "c");
  EXPECT_EQ(d.changed[0].row, 1u);
  EXPECT_EQ(d.changed[0].columns, (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(d.removed, (std::vector<std::string>{"b"}));
}

TEST(RowTable, EmptyToFullAndBack) {
  const auto full = table({{"a", {"a"}}, {"b", {"b"}}});
  const auto empty = table({});
  const auto grow = diff_rows(empty, full);
  EXPECT_EQ(grow.added, (std::vector<std::size_t>{0, 1}));
  EXPECT_TRUE(grow.changed.empty());
  EXPECT_TRUE(grow.removed.empty());
  const auto shrink = diff_rows(full, empty);
  EXPECT_TRUE(shrink.added.empty());
  EXPECT_EQ(shrink.removed, (std::vector<std::string>{"a", "b"}));
}

TEST(RowTable, DuplicateCellValuesCountAsChanges) {
  // Two cells swap values: both changed, although the row holds the same multiset of values.
  const auto before = table({{"a", {"x", "x", "y"}}});
  const auto after = table({{"a", {"x", "y", "x"}}});
  const auto d = diff_rows(before, after);
  ASSERT_EQ(d.changed.size(), 1u);
  EXPECT_EQ(d.changed[0].columns, (std::vector<std::size_t>{1, 2}));
}

TEST(RowTable, CellCountChangeMarksExtraColumns) {
  const auto before = table({{"a", {"a", "b"}}});
  const auto after = table({{"a", {"a", "b", "c"}}});
  EXPECT_EQ(cols(diff_rows(before, after), "a"), (std::vector<std::size_t>{2}));
  EXPECT_EQ(cols(diff_rows(after, before), "a"), (std::vector<std::size_t>{2}));
}

TEST(RowTable, ColumnHeaderChangeMarksEveryCell) {
  auto before = table({{"a", {"1", "2", "3"}}});
  auto after = before;
  after.columns[2] = "CPU";
  EXPECT_EQ(cols(diff_rows(before, after), "a"), (std::vector<std::size_t>{0, 1, 2}));
}

RowTable sealed(RowTable t) {
  t.seal();
  return t;
}

TEST(RowTable, ComparesTextOfEveryLength) {
  // Lengths around the 4/8/16-byte comparison boundaries, differing in the first and last byte;
  // by their cells, and by their fingerprints.
  for (const bool seal : {false, true}) {
    const auto make = [&](const std::string& cell) {
      RowTable t = table({});
      t.rows.emplace_back().id = "r";  // (not a braced Row: g++ 12 -O2 misreads it as uninitialised)
      t.rows.back().cells.push_back(cell);
      if (seal) t.seal();
      return t;
    };
    for (std::size_t n = 0; n <= 40; ++n) {
      const std::string base(n, 'a');
      const auto before = make(base);
      EXPECT_TRUE(diff_rows(before, make(base)).empty()) << n;
      if (n == 0) continue;
      std::string first = base, last = base;
      first.front() = 'b';
      last.back() = 'b';
      EXPECT_EQ(diff_rows(before, make(first)).changed.size(), 1u) << n << " sealed " << seal;
      EXPECT_EQ(diff_rows(before, make(last)).changed.size(), 1u) << n << " sealed " << seal;
      EXPECT_EQ(diff_rows(before, make(base + "a")).changed.size(), 1u) << n << " sealed " << seal;
    }
  }
}

TEST(RowTable, FingerprintsTellEveryByteCellBoundaryAndCount) {
  std::vector<std::vector<std::string>> variants{{}, {""}, {"", ""}, {"ab", "c"}, {"a", "bc"}, {"abc"}, {"abc", ""}};
  for (std::size_t n = 1; n <= 40; ++n) {
    for (std::size_t at = 0; at < n; ++at) {
      std::string cell(n, 'x');
      cell[at] = 'y';
      variants.push_back({cell});
    }
  }
  std::vector<std::uint64_t> prints;
  for (const auto& cells : variants) prints.push_back(fingerprint_of(cells));
  std::sort(prints.begin(), prints.end());
  EXPECT_EQ(std::adjacent_find(prints.begin(), prints.end()), prints.end()) << "two different rows, one fingerprint";
  EXPECT_EQ(std::count(prints.begin(), prints.end(), 0u), 0) << "0 means not sealed";
}

TEST(RowTable, SealedRowsAreComparedByFingerprint) {
  // The diff believes a sealed row's fingerprint: a fingerprint that differs is a change, even
  // where the cells are equal; only the columns whose text differs are named.
  auto before = sealed(table({{"a", {"a", "Running", "1d"}}}));
  auto after = before;
  after.rows[0].fingerprint ^= 1;
#ifdef NDEBUG
  const auto d = diff_rows(before, after);
  ASSERT_EQ(d.changed.size(), 1u);
  EXPECT_TRUE(d.changed[0].columns.empty());
#else
  // Debug builds refuse a row whose cells changed after seal() (or whose fingerprint is wrong).
  EXPECT_DEATH(diff_rows(before, after), "changed after seal");
#endif
}

TEST(RowTable, InsertionsAndDeletionsInTheMiddle) {
  std::vector<Row> rows;
  for (int i = 0; i < 100; ++i) rows.push_back({"id" + std::to_string(i), {std::to_string(i)}});
  const auto before = table(rows);
  auto after_rows = rows;
  after_rows.erase(after_rows.begin() + 10);                         // remove id10
  after_rows.insert(after_rows.begin() + 50, Row{"new", {"n"}});     // add at 50
  after_rows[70].cells[0] = "changed";                               // change one
  after_rows.erase(after_rows.begin() + 80, after_rows.begin() + 95);  // remove a block of 15
  const auto after = table(after_rows);
  const auto d = diff_rows(before, after);
  EXPECT_EQ(d.added, (std::vector<std::size_t>{50}));
  ASSERT_EQ(d.changed.size(), 1u);
  EXPECT_EQ(d.changed[0].row, 70u);
  EXPECT_EQ(d.changed[0].id, after_rows[70].id);
  EXPECT_EQ(d.removed.size(), 16u);
  EXPECT_EQ(d.removed.front(), "id10");
}

// Any order, any edit: the delta must equal the one computed naively.
TEST(RowTable, MatchesNaiveDiffOnRandomEdits) {
  std::mt19937 rng(1234);
  for (int round = 0; round < 200; ++round) {
    const int n = static_cast<int>(rng() % 300);
    std::vector<Row> rows;
    for (int i = 0; i < n; ++i) rows.push_back({"pod-" + std::to_string(i), {"x" + std::to_string(i % 7), "Running"}});
    auto after_rows = rows;
    for (auto& r : after_rows) {
      if (rng() % 20 == 0) r.cells[1] = "Error";
    }
    for (int k = 0; k < static_cast<int>(rng() % 10) && !after_rows.empty(); ++k)
      after_rows.erase(after_rows.begin() + static_cast<std::ptrdiff_t>(rng() % after_rows.size()));
    for (int k = 0; k < static_cast<int>(rng() % 10); ++k)
      after_rows.insert(after_rows.begin() + static_cast<std::ptrdiff_t>(rng() % (after_rows.size() + 1)),
                        Row{"new-" + std::to_string(round) + "-" + std::to_string(k), {"n", "Pending"}});
    if (round % 3 == 0) std::shuffle(after_rows.begin(), after_rows.end(), rng);
    if (round % 3 == 1 && after_rows.size() > 20) std::reverse(after_rows.begin() + 5, after_rows.begin() + 15);

    // Sealed on neither side, both, or one (a table built without seal() meets a sealed one).
    auto before = table(rows);
    auto after = table(after_rows);
    if (round % 4 == 1 || round % 4 == 2) before.seal();
    if (round % 4 == 1 || round % 4 == 3) after.seal();
    const auto d = diff_rows(before, after);

    std::vector<std::size_t> added;
    std::vector<std::pair<std::size_t, std::vector<std::size_t>>> changed;
    for (std::size_t j = 0; j < after.rows.size(); ++j) {
      const auto it = std::find_if(before.rows.begin(), before.rows.end(),
                                   [&](const Row& r) { return r.id == after.rows[j].id; });
      if (it == before.rows.end()) {
        added.push_back(j);
        continue;
      }
      std::vector<std::size_t> c;
      for (std::size_t k = 0; k < 2; ++k) {
        if (it->cells[k] != after.rows[j].cells[k]) c.push_back(k);
      }
      if (!c.empty()) changed.emplace_back(j, c);
    }
    std::vector<std::string> removed;
    for (const auto& r : before.rows) {
      if (std::none_of(after.rows.begin(), after.rows.end(), [&](const Row& a) { return a.id == r.id; }))
        removed.push_back(r.id);
    }
    ASSERT_EQ(d.added, added) << "round " << round;
    ASSERT_EQ(d.removed, removed) << "round " << round;
    ASSERT_EQ(d.changed.size(), changed.size()) << "round " << round;
    for (std::size_t k = 0; k < changed.size(); ++k) {
      EXPECT_EQ(d.changed[k].row, changed[k].first) << "round " << round;
      EXPECT_EQ(d.changed[k].id, after.rows[changed[k].first].id);
      EXPECT_EQ(d.changed[k].columns, changed[k].second);
    }
  }
}

}  // namespace
}  // namespace flinktop::model
