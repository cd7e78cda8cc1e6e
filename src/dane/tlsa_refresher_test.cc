#include "dane/tlsa_refresher.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "dane/dane_authority.h"
#include "http/peer_certificate.h"
#include "testutil/test_certificates.h"

namespace tldmon::dane {
namespace {

class WallClock final : public Clock {
 public:
  UnixSeconds Now() const override { return std::time(nullptr); }
};

// Answers secure with the given record, or NODATA when `revoked`.
class FakeResolver final : public TlsaResolver {
 public:
  std::vector<TlsaLookup> Resolve(std::span<const std::string> names) override {
    ++rounds;
    std::vector<TlsaLookup> out;
    for (const std::string& n : names) {
      TlsaLookup l;
      l.name = n;
      l.ttl = 60;
      if (revoked.load()) {
        l.state = TlsaState::kSecureNoData;
      } else {
        l.state = TlsaState::kSecure;
        l.records = {record};
      }
      out.push_back(std::move(l));
    }
    return out;
  }
  TlsaRecord record;
  std::atomic<bool> revoked{false};
  std::atomic<int> rounds{0};
};

TEST(TlsaRefresher, ReadersSeeEachRoundWhileItRunsAndTriggerStartsOneAtOnce) {
  auto pc = http::ReadPeerCertificateDer(testutil::MakeTestCertificate(testutil::TestKey::kP256).der);
  ASSERT_TRUE(pc.ok());
  FakeResolver resolver;
  resolver.record = TlsaRecord{3, 1, 1, std::string(pc->spki_sha256.begin(), pc->spki_sha256.end())};
  WallClock clock;
  TlsaCache cache;
  DaneAuthority authority(cache, clock, KeyPolicy{}, TlsaTriples::Default());
  const EntityId tld{EntityKind::kRegistry, "example"};
  TlsAccessTable table;
  table[tld] = {TlsAccessEntry{"rsp.example", {auth::Role::kTldSlamData}, *auth::ParseAllowList({"::/0"})}};
  authority.SetTable(table);
  // A long period: only the first round and Trigger() refresh.
  TlsaRefresher refresher(resolver, cache, clock, [&] { return authority.Names(); },
                          std::chrono::seconds(3600));
  refresher.Start();
  std::atomic<bool> stop{false};
  std::atomic<long> granted{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!stop.load()) granted += authority.Grants(tld, *pc).empty() ? 0 : 1;
    });
  }
  bool seen = false;
  for (int i = 0; i < 2000 && !seen; ++i) {  // ≤ 10 s
    seen = !authority.Grants(tld, *pc).empty();
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_TRUE(seen);
  // The readers must have seen the grant too before it is revoked: on a busy
  // machine they may not have been scheduled yet.
  for (int i = 0; i < 2000 && granted.load() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  resolver.revoked = true;
  refresher.Trigger();
  bool revoked = false;
  for (int i = 0; i < 2000 && !revoked; ++i) {
    revoked = authority.Grants(tld, *pc).empty();
    if (!revoked) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_TRUE(revoked);
  // The table changes under the readers too.
  authority.SetTable({});
  stop = true;
  for (auto& r : readers) r.join();
  refresher.Stop();
  EXPECT_GT(granted.load(), 0);
  EXPECT_GE(resolver.rounds.load(), 2);
}

}  // namespace
}  // namespace tldmon::dane
