#include "dane/key_policy.h"

#include <gtest/gtest.h>

#include <ctime>

#include "http/peer_certificate.h"
#include "testutil/test_certificates.h"

namespace tldmon::dane {
namespace {

using testutil::MakeTestCertificate;
using testutil::TestKey;

Status Check(TestKey key, const std::string& digest = "SHA256", const KeyPolicy& policy = {}) {
  auto pc = http::ReadPeerCertificateDer(MakeTestCertificate(key, digest).der);
  EXPECT_TRUE(pc.ok()) << pc.status().ToString();
  return pc.ok() ? CheckKeyPolicy(*pc, policy, std::time(nullptr)) : pc.status();
}

TEST(KeyPolicy, TheDefaultMatrixOfIssue10) {
  EXPECT_TRUE(Check(TestKey::kRsa4096).ok());
  EXPECT_TRUE(Check(TestKey::kP256).ok());
  EXPECT_TRUE(Check(TestKey::kP384).ok());
  EXPECT_TRUE(Check(TestKey::kP521).ok());
  EXPECT_TRUE(Check(TestKey::kP384, "SHA384").ok());
  EXPECT_TRUE(Check(TestKey::kRsa4096, "SHA512").ok());

  const Status rsa2048 = Check(TestKey::kRsa2048);
  EXPECT_EQ(rsa2048.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(rsa2048.message().find("2048 bits"), std::string::npos) << rsa2048.message();
  const Status sha1 = Check(TestKey::kRsa4096, "SHA1");
  EXPECT_EQ(sha1.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(sha1.message().find("SHA1"), std::string::npos) << sha1.message();
  const Status ed = Check(TestKey::kEd25519);
  EXPECT_EQ(ed.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(ed.message().find("ED25519"), std::string::npos) << ed.message();
}

TEST(KeyPolicy, IsConfigurable) {
  KeyPolicy lenient;
  lenient.min_rsa_bits = 2048;
  EXPECT_TRUE(Check(TestKey::kRsa2048, "SHA256", lenient).ok());
  KeyPolicy p384_only;
  p384_only.ec_groups = {"secp384r1"};
  EXPECT_FALSE(Check(TestKey::kP256, "SHA256", p384_only).ok());
  EXPECT_TRUE(Check(TestKey::kP384, "SHA256", p384_only).ok());
}

// Dates are read always but checked only on request (RFC 7671 §5.1).
TEST(KeyPolicy, ValidityDatesCountOnlyWithCheckValidity) {
  auto pc = http::ReadPeerCertificateDer(MakeTestCertificate(TestKey::kP256).der);
  ASSERT_TRUE(pc.ok());
  const UnixSeconds now = std::time(nullptr);
  EXPECT_NEAR(static_cast<double>(pc->not_before), static_cast<double>(now - 3600), 120);
  EXPECT_NEAR(static_cast<double>(pc->not_after), static_cast<double>(now + 365L * 86400), 120);
  const UnixSeconds expired = pc->not_after + 1, early = pc->not_before - 1;
  KeyPolicy off;
  EXPECT_TRUE(CheckKeyPolicy(*pc, off, expired).ok());
  EXPECT_TRUE(CheckKeyPolicy(*pc, off, early).ok());
  KeyPolicy on;
  on.check_validity = true;
  EXPECT_TRUE(CheckKeyPolicy(*pc, on, now).ok());
  EXPECT_TRUE(CheckKeyPolicy(*pc, on, pc->not_after).ok());  // the last second still counts
  const Status late = CheckKeyPolicy(*pc, on, expired);
  EXPECT_EQ(late.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(late.message().find("expired at"), std::string::npos) << late.message();
  const Status soon = CheckKeyPolicy(*pc, on, early);
  EXPECT_NE(soon.message().find("not valid before"), std::string::npos) << soon.message();
}

TEST(PeerCertificate, FactsAreReadOnce) {
  auto pc = http::ReadPeerCertificateDer(MakeTestCertificate(TestKey::kP384, "SHA384").der);
  ASSERT_TRUE(pc.ok());
  EXPECT_EQ(pc->key_type, "EC");
  EXPECT_EQ(pc->key_group, "secp384r1");
  EXPECT_EQ(pc->key_bits, 384);
  EXPECT_EQ(pc->signature_hash, "SHA384");
  EXPECT_FALSE(pc->spki_der.empty());
  EXPECT_FALSE(http::ReadPeerCertificateDer("not a certificate").ok());
}

}  // namespace
}  // namespace tldmon::dane
