#include "probe/outbox.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe/probe_test_dir.h"

namespace tldmon::probe {
namespace {

OutboxItem Item(std::string key, UnixSeconds time, std::string payload = "{}") {
  return OutboxItem{std::move(key), OutboxKind::kReport, time, std::move(payload)};
}

std::unique_ptr<Outbox> OpenBox(const std::string& path) {
  auto box = Outbox::Open(path);
  EXPECT_TRUE(box.ok()) << box.status().ToString();
  return box.ok() ? std::move(box).value() : nullptr;
}

std::vector<std::string> Keys(const std::vector<OutboxItem>& items) {
  std::vector<std::string> keys;
  for (const auto& i : items) keys.push_back(i.key);
  return keys;
}

TEST(Outbox, PutPeekAckInOrder) {
  testing::TestDir dir;
  auto outbox = Outbox::Open(Outbox::PathIn(dir.path()));
  ASSERT_TRUE(outbox.ok()) << outbox.status().ToString();
  auto& box = **outbox;
  EXPECT_TRUE(*box.Put(Item("p/a/dns/60", 60, R"({"a":1})")));
  EXPECT_TRUE(*box.Put(Item("p/b/dns/60", 60)));
  OutboxItem minute{"p/minute/60", OutboxKind::kMinute, 60, R"({"m":1})"};
  EXPECT_TRUE(*box.Put(minute));
  EXPECT_EQ(*box.Depth(), 3u);

  auto two = box.Peek(2);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(Keys(*two), (std::vector<std::string>{"p/a/dns/60", "p/b/dns/60"}));
  EXPECT_EQ((*two)[0].payload, R"({"a":1})");
  EXPECT_EQ(*box.Depth(), 3u);  // Peek leaves them queued

  auto all = box.Peek(10);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[2], minute);
}

TEST(Outbox, DuplicatePutKeepsTheFirst) {
  testing::TestDir dir;
  auto box = OpenBox(Outbox::PathIn(dir.path()));
  EXPECT_TRUE(*box->Put(Item("k", 60, "first")));
  EXPECT_FALSE(*box->Put(Item("k", 60, "second")));
  EXPECT_EQ(*box->Depth(), 1u);
  EXPECT_EQ((*box->Peek(5))[0].payload, "first");
  auto added = box->PutAll({Item("k", 60), Item("j", 120), Item("j", 120)});
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(*added, 1u);
  EXPECT_EQ(*box->Depth(), 2u);
}

TEST(Outbox, AckDeletesOnlyTheNamedSubset) {
  testing::TestDir dir;
  auto box = OpenBox(Outbox::PathIn(dir.path()));
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(box->Put(Item("k" + std::to_string(i), 60)).ok());
  auto n = box->Ack({"k1", "k3", "unknown"});
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 2u);
  EXPECT_EQ(Keys(*box->Peek(10)), (std::vector<std::string>{"k0", "k2", "k4"}));
  EXPECT_EQ(*box->Ack({"k1"}), 0u);  // acking twice is harmless
  EXPECT_EQ(*box->Ack({}), 0u);
}

TEST(Outbox, SurvivesCloseAndReopen) {
  testing::TestDir dir;
  const std::string path = Outbox::PathIn(dir.path());
  {
    auto box = OpenBox(path);
    ASSERT_TRUE(box->Put(Item("a", 60, "A")).ok());
    ASSERT_TRUE(box->Put(Item("b", 120, "B")).ok());
    ASSERT_TRUE(box->Ack({"a"}).ok());
    ASSERT_TRUE(box->SetState("last_push", "ok").ok());
  }
  auto box = OpenBox(path);
  auto items = box->Peek(10);
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0], Item("b", 120, "B"));
  EXPECT_EQ(box->GetState("last_push")->value_or(""), "ok");
  // Queue order continues after the reopen.
  ASSERT_TRUE(box->Put(Item("c", 30)).ok());
  EXPECT_EQ(Keys(*box->Peek(10)), (std::vector<std::string>{"b", "c"}));
}

// A probe killed with SIGKILL (no destructor, no close) keeps every committed
// Put and Ack: the child commits, then kills itself mid-life.
TEST(Outbox, CommittedWritesSurviveSigkill) {
  testing::TestDir dir;
  const std::string path = Outbox::PathIn(dir.path());
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto box = Outbox::Open(path);
    if (!box.ok()) _exit(3);
    for (int i = 0; i < 50; ++i) {
      if (!(*box)->Put(Item("k" + std::to_string(i), 60 + i)).ok()) _exit(4);
    }
    if (!(*box)->Ack({"k0", "k1"}).ok()) _exit(5);
    kill(getpid(), SIGKILL);
    _exit(6);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exit " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  auto box = OpenBox(path);
  EXPECT_EQ(*box->Depth(), 48u);
  EXPECT_EQ((*box->Peek(1))[0].key, "k2");
}

TEST(Outbox, ExpireByAgeAndRowBoundCountsWhatItDeleted) {
  testing::TestDir dir;
  auto box = OpenBox(Outbox::PathIn(dir.path()));
  const UnixSeconds now = 1'000'000;
  const std::int64_t max_age = kDefaultOutboxMaxAgeSeconds;
  ASSERT_TRUE(box->Put(Item("old1", now - max_age - 60)).ok());
  ASSERT_TRUE(box->Put(Item("old2", now - max_age - 1)).ok());
  ASSERT_TRUE(box->Put(Item("edge", now - max_age)).ok());  // exactly max_age old: kept
  ASSERT_TRUE(box->Put(Item("new1", now - 60)).ok());
  ASSERT_TRUE(box->Put(Item("new2", now)).ok());
  auto n = box->Expire(now, max_age, 0);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 2u);
  EXPECT_EQ(Keys(*box->Peek(10)), (std::vector<std::string>{"edge", "new1", "new2"}));
  // Row bound 2: the oldest in queue order goes.
  EXPECT_EQ(*box->Expire(now, max_age, 2), 1u);
  EXPECT_EQ(Keys(*box->Peek(10)), (std::vector<std::string>{"new1", "new2"}));
  EXPECT_EQ(*box->Expire(now, max_age, 2), 0u);
}

TEST(Outbox, StateUpsertAndListing) {
  testing::TestDir dir;
  auto box = OpenBox(Outbox::PathIn(dir.path()));
  EXPECT_FALSE(box->GetState("x")->has_value());
  ASSERT_TRUE(box->SetState("x", "1").ok());
  ASSERT_TRUE(box->SetState("x", "2").ok());
  ASSERT_TRUE(box->SetState("a", "0").ok());
  EXPECT_EQ(box->GetState("x")->value_or(""), "2");
  auto all = box->AllState();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].first, "a");
}

TEST(Outbox, ReadOnlyOpenSeesTheWritersRowsAndRefusesMissingFiles) {
  testing::TestDir dir;
  const std::string path = Outbox::PathIn(dir.path());
  auto missing = Outbox::Open(path, {.read_only = true});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto writer = OpenBox(path);
  ASSERT_TRUE(writer->Put(Item("a", 1)).ok());
  ASSERT_TRUE(writer->SetState("online", "true").ok());
  auto reader = Outbox::Open(path, {.read_only = true});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(*(*reader)->Depth(), 1u);
  EXPECT_EQ((*reader)->GetState("online")->value_or(""), "true");
  EXPECT_FALSE((*reader)->Put(Item("b", 1)).ok());
}

}  // namespace
}  // namespace tldmon::probe
