#include "probe/dns_mode.h"

namespace tldmon::probe {

std::uint32_t DnsSalt(std::string_view probe, std::string_view tld) {
  std::uint32_t h = 2166136261u;
  for (std::string_view part : {probe, std::string_view("/"), tld}) {
    for (char c : part) {
      h ^= static_cast<unsigned char>(c);
      h *= 16777619u;
    }
  }
  return h;
}

Transport ChooseTransport(const DnsMode& mode, UnixSeconds check_time, std::uint32_t salt,
                          int tcp_ratio) {
  if (mode.critical) return mode.transport;
  if (tcp_ratio <= 0) return Transport::kUdp;
  const std::uint64_t minute = static_cast<std::uint64_t>(check_time / 60);
  return (minute + salt) % static_cast<std::uint64_t>(tcp_ratio) == 0 ? Transport::kTcp
                                                                      : Transport::kUdp;
}

DnsMode NextMode(DnsMode mode, Transport used, bool passed, int recover_udp, int recover_tcp) {
  if (!mode.critical) {
    if (!passed) mode = DnsMode{true, used, 0};
    return mode;
  }
  if (!passed) {
    mode.successes = 0;
    return mode;
  }
  const int recover = mode.transport == Transport::kTcp ? recover_tcp : recover_udp;
  if (++mode.successes >= recover) mode = DnsMode{};
  return mode;
}

}  // namespace tldmon::probe
