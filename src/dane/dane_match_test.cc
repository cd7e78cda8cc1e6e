#include "dane/dane_match.h"

#include <gtest/gtest.h>

#include <openssl/evp.h>

#include <vector>

#include "http/peer_certificate.h"
#include "testutil/test_certificates.h"

namespace tldmon::dane {
namespace {

using testutil::MakeTestCertificate;
using testutil::TestKey;

http::PeerCertificate Peer(TestKey key, long serial = 1) {
  auto pc = http::ReadPeerCertificateDer(MakeTestCertificate(key, "SHA256", serial).der);
  EXPECT_TRUE(pc.ok()) << pc.status().ToString();
  return pc.ok() ? *pc : http::PeerCertificate{};
}

std::string Bytes(const auto& a) { return std::string(reinterpret_cast<const char*>(a.data()), a.size()); }

TlsaRecord Record(int selector, int type, std::string data) {
  return TlsaRecord{3, static_cast<std::uint8_t>(selector), static_cast<std::uint8_t>(type), std::move(data)};
}

// The association data of (selector, type) for `c`.
std::string Data(const http::PeerCertificate& c, int selector, int type) {
  if (selector == 0) return type == 0 ? c.der : type == 1 ? Bytes(c.der_sha256) : Bytes(c.der_sha512);
  return type == 0 ? c.spki_der : type == 1 ? Bytes(c.spki_sha256) : Bytes(c.spki_sha512);
}

TEST(DaneMatch, EverySelectorAndMatchingTypeMatchesItsOwnCertificateOnly) {
  const auto mine = Peer(TestKey::kP256), other = Peer(TestKey::kP384);
  for (int selector : {0, 1}) {
    for (int type : {0, 1, 2}) {
      SCOPED_TRACE(std::to_string(selector) + " " + std::to_string(type));
      const std::vector<TlsaRecord> rrset = {Record(selector, type, Data(mine, selector, type))};
      EXPECT_TRUE(MatchDaneEe(mine, rrset, TlsaTriples::Default()));
      EXPECT_FALSE(MatchDaneEe(other, rrset, TlsaTriples::Default()));
      // One bit changed: no match.
      std::vector<TlsaRecord> changed = rrset;
      changed[0].data.back() ^= 1;
      EXPECT_FALSE(MatchDaneEe(mine, changed, TlsaTriples::Default()));
    }
  }
}

TEST(DaneMatch, SpkiRecordsSurviveANewCertificateForTheSameKey) {
  const auto first = Peer(TestKey::kP256, 1), renewed = Peer(TestKey::kP256, 2);
  ASSERT_NE(first.der, renewed.der);
  const std::vector<TlsaRecord> spki = {Record(1, 1, Data(first, 1, 1))};
  EXPECT_TRUE(MatchDaneEe(renewed, spki, TlsaTriples::Default()));
  const std::vector<TlsaRecord> full = {Record(0, 1, Data(first, 0, 1))};
  EXPECT_FALSE(MatchDaneEe(renewed, full, TlsaTriples::Default()));
}

TEST(DaneMatch, OnlyDaneEeAndAllowedTriplesCount) {
  const auto mine = Peer(TestKey::kP256);
  for (int usage : {0, 1, 2}) {
    TlsaRecord r = Record(1, 1, Data(mine, 1, 1));
    r.usage = static_cast<std::uint8_t>(usage);
    EXPECT_FALSE(MatchDaneEe(mine, std::vector{r}, TlsaTriples::Default())) << usage;
  }
  const std::vector<std::string> only_311 = {"3 1 1"};
  auto triples = TlsaTriples::Parse(only_311);
  ASSERT_TRUE(triples.ok());
  EXPECT_TRUE(MatchDaneEe(mine, std::vector{Record(1, 1, Data(mine, 1, 1))}, *triples));
  EXPECT_FALSE(MatchDaneEe(mine, std::vector{Record(1, 2, Data(mine, 1, 2))}, *triples));
  EXPECT_FALSE(MatchDaneEe(mine, std::vector{Record(0, 0, Data(mine, 0, 0))}, *triples));
  const std::vector<std::string> bad = {"2 0 1"};
  EXPECT_FALSE(TlsaTriples::Parse(bad).ok());
}

TEST(DaneMatch, DigestAgilityTheStrongestDigestPerSelectorDecides) {
  const auto good = Peer(TestKey::kP256), other = Peer(TestKey::kP384);
  // 3 1 1 of the good key beside 3 1 2 of another key: SHA2-512 is the bar
  // for selector 1, so the good key no longer authenticates (RFC 7671 §9).
  const std::vector<TlsaRecord> rsp6 = {Record(1, 1, Data(good, 1, 1)), Record(1, 2, Data(other, 1, 2))};
  EXPECT_FALSE(MatchDaneEe(good, rsp6, TlsaTriples::Default()));
  EXPECT_TRUE(MatchDaneEe(other, rsp6, TlsaTriples::Default()));
  // The bar is per selector: a 3 0 1 record is still judged among selector 0.
  const std::vector<TlsaRecord> mixed = {Record(0, 1, Data(good, 0, 1)), Record(1, 2, Data(other, 1, 2))};
  EXPECT_TRUE(MatchDaneEe(good, mixed, TlsaTriples::Default()));
  // Exact records are never outranked.
  const std::vector<TlsaRecord> exact = {Record(1, 0, Data(good, 1, 0)), Record(1, 2, Data(other, 1, 2))};
  EXPECT_TRUE(MatchDaneEe(good, exact, TlsaTriples::Default()));
}

TEST(DaneMatch, AMalformedDigestRecordIsIgnoredAndRaisesNoBar) {
  const auto good = Peer(TestKey::kP256);
  std::string short_512 = Data(good, 1, 2);
  short_512.pop_back();  // 63 bytes: not a SHA2-512 digest
  const std::vector<TlsaRecord> rrset = {Record(1, 1, Data(good, 1, 1)), Record(1, 2, short_512)};
  EXPECT_TRUE(MatchDaneEe(good, rrset, TlsaTriples::Default()));
  std::string short_256 = Data(good, 1, 1);
  short_256.pop_back();  // 31 bytes
  EXPECT_FALSE(MatchDaneEe(good, std::vector{Record(1, 1, short_256)}, TlsaTriples::Default()));
  EXPECT_FALSE(MatchDaneEe(good, {}, TlsaTriples::Default()));
}

}  // namespace
}  // namespace tldmon::dane
