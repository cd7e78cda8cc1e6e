#include "dane/key_policy.h"

#include "core/time.h"

namespace tldmon::dane {

Status CheckKeyPolicy(const http::PeerCertificate& c, const KeyPolicy& policy, UnixSeconds now) {
  if (c.key_type == "RSA") {
    if (c.key_bits < policy.min_rsa_bits)
      return FailedPrecondition("RSA key of " + std::to_string(c.key_bits) + " bits; policy needs " +
                                std::to_string(policy.min_rsa_bits));
  } else if (c.key_type == "EC") {
    if (policy.ec_groups.count(c.key_group) == 0)
      return FailedPrecondition("EC key on curve \"" + c.key_group + "\", not in the policy");
  } else {
    return FailedPrecondition("key type " + (c.key_type.empty() ? "unknown" : c.key_type) +
                              " is not RSA or ECDSA");
  }
  if (policy.signature_hashes.count(c.signature_hash) == 0)
    return FailedPrecondition("certificate signed with " +
                              (c.signature_hash.empty() ? "no known hash" : c.signature_hash) +
                              ", not in the policy");
  if (policy.check_validity) {
    if (now < c.not_before)
      return FailedPrecondition("certificate not valid before " + FormatIso8601(c.not_before) +
                                " (check_validity is on)");
    if (now > c.not_after)
      return FailedPrecondition("certificate expired at " + FormatIso8601(c.not_after) +
                                " (check_validity is on)");
  }
  return Status::Ok();
}

}  // namespace tldmon::dane
