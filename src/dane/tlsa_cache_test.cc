#include "dane/tlsa_cache.h"

#include <gtest/gtest.h>

namespace tldmon::dane {
namespace {

constexpr UnixSeconds kT0 = 1767225600;

TlsaLookup Secure(std::string name, int ttl = 60, UnixSeconds sig_exp = 0) {
  TlsaLookup l;
  l.name = std::move(name);
  l.state = TlsaState::kSecure;
  l.records = {TlsaRecord{3, 1, 1, std::string(32, 'a')}};
  l.ttl = ttl;
  l.signature_expiration = sig_exp;
  return l;
}

TlsaLookup Other(std::string name, TlsaState state) {
  TlsaLookup l;
  l.name = std::move(name);
  l.state = state;
  l.why = "test";
  return l;
}

TEST(TlsaCache, DenialInsecureAndBogusDropAtOnce) {
  for (TlsaState s : {TlsaState::kSecureNoData, TlsaState::kSecureNxDomain, TlsaState::kInsecure,
                      TlsaState::kBogus}) {
    SCOPED_TRACE(std::string(TlsaStateName(s)));
    TlsaCache cache;
    cache.Apply(Secure("rsp.example"), kT0);
    ASSERT_NE(cache.Usable("rsp.example", kT0 + 1), nullptr);
    cache.Apply(Other("rsp.example", s), kT0 + 60);
    EXPECT_EQ(cache.Usable("rsp.example", kT0 + 60), nullptr);
    // And a later error does not bring the old set back.
    cache.Apply(Other("rsp.example", TlsaState::kError), kT0 + 120);
    EXPECT_EQ(cache.Usable("rsp.example", kT0 + 120), nullptr);
  }
}

TEST(TlsaCache, AnErrorKeepsTheLastSecureSetForTheGraceOnly) {
  TlsaCache cache(TlsaCacheOptions{60, 300});
  cache.Apply(Secure("rsp.example", /*ttl=*/120), kT0);
  cache.Apply(Other("rsp.example", TlsaState::kError), kT0 + 60);  // grace = min(120, 300)
  EXPECT_NE(cache.Usable("rsp.example", kT0 + 60), nullptr);
  EXPECT_NE(cache.Usable("rsp.example", kT0 + 119), nullptr);
  cache.Apply(Other("rsp.example", TlsaState::kError), kT0 + 120);  // grace from the FIRST error
  EXPECT_NE(cache.Usable("rsp.example", kT0 + 179), nullptr);
  EXPECT_EQ(cache.Usable("rsp.example", kT0 + 180), nullptr);
  const auto status = cache.Status(kT0 + 180);
  ASSERT_EQ(status.size(), 1u);
  EXPECT_EQ(status[0].state, TlsaState::kError);
  EXPECT_EQ(status[0].records, 0u);
  EXPECT_EQ(status[0].last_good_at, kT0);
  // A secure answer ends the error run.
  cache.Apply(Secure("rsp.example"), kT0 + 240);
  EXPECT_NE(cache.Usable("rsp.example", kT0 + 241), nullptr);
}

TEST(TlsaCache, ZeroGraceIsStrictlyFailClosed) {
  TlsaCache cache(TlsaCacheOptions{60, 0});
  cache.Apply(Secure("rsp.example"), kT0);
  cache.Apply(Other("rsp.example", TlsaState::kError), kT0 + 60);
  EXPECT_EQ(cache.Usable("rsp.example", kT0 + 60), nullptr);
}

TEST(TlsaCache, NeverPastTheSignatureExpirationNorTwoPeriodsWithoutRefresh) {
  TlsaCache cache(TlsaCacheOptions{60, 300});
  cache.Apply(Secure("a.example", 300, /*sig_exp=*/kT0 + 30), kT0);
  EXPECT_NE(cache.Usable("a.example", kT0 + 29), nullptr);
  EXPECT_EQ(cache.Usable("a.example", kT0 + 30), nullptr);
  cache.Apply(Other("a.example", TlsaState::kError), kT0 + 20);
  EXPECT_EQ(cache.Usable("a.example", kT0 + 30), nullptr);
  // A stalled refresher: the set lapses after two periods.
  cache.Apply(Secure("b.example", 300), kT0);
  EXPECT_NE(cache.Usable("b.example", kT0 + 119), nullptr);
  EXPECT_EQ(cache.Usable("b.example", kT0 + 120), nullptr);
}

TEST(TlsaCache, RetainForgetsRemovedNamesAndUnknownNamesHaveNothing) {
  TlsaCache cache;
  cache.Apply(Secure("a.example"), kT0);
  cache.Apply(Secure("b.example"), kT0);
  cache.Retain({"b.example"});
  EXPECT_EQ(cache.Usable("a.example", kT0), nullptr);
  EXPECT_NE(cache.Usable("b.example", kT0), nullptr);
  EXPECT_EQ(cache.Usable("c.example", kT0), nullptr);
  EXPECT_EQ(cache.Status(kT0).size(), 1u);
}

}  // namespace
}  // namespace tldmon::dane
