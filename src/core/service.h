// The monitored services (mosapi-api.md §9.1) and their spellings.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tldmon {

enum class Service : std::uint8_t { kDns = 0, kDnssec = 1, kRdds = 2, kRdap = 3, kEpp = 4 };

inline constexpr std::array<Service, 5> kAllServices = {
    Service::kDns, Service::kDnssec, Service::kRdds, Service::kRdap, Service::kEpp};
inline constexpr int kServiceCount = 5;

constexpr int Index(Service s) { return static_cast<int>(s); }

// Lower-case name used in URL paths and in measurement objects: "dns", "rdap".
std::string_view PathName(Service s);
// Upper-case key used in `testedServices`: "DNS", "RDAP".
std::string_view JsonKey(Service s);
// Parses a path name ("dns"); case-sensitive, as the spec's paths are lower-case.
std::optional<Service> ParseServicePath(std::string_view name);
// Parses either spelling, case-insensitively (for config files and CLI).
std::optional<Service> ParseServiceName(std::string_view name);

// The probe test that produces a service's data: DNS and DNSSEC share one DNS
// test (slam-algorithms.md §4.1); RDDS, RDAP and EPP have their own.
enum class TestKind : std::uint8_t { kDns = 0, kRdds = 1, kRdap = 2, kEpp = 3 };
inline constexpr int kTestKindCount = 4;
// False for a value outside the enum (read from storage or the wire).
inline constexpr bool IsValidTestKind(TestKind t) { return static_cast<int>(t) < kTestKindCount; }
TestKind TestKindOf(Service s);
// The service a test is named after: the DNS test's is DNS (not DNSSEC).
Service NamesakeService(TestKind k);
std::string_view TestKindName(TestKind k);  // "dns", "rdds", "rdap", "epp"
std::optional<TestKind> ParseTestKind(std::string_view name);

// Default cycle length in seconds (DNS/DNSSEC/EPP 60, RDDS/RDAP 300); the
// configured value lives in engine::ServiceParams.
constexpr int DefaultCycleSeconds(TestKind k) {
  return (k == TestKind::kRdds || k == TestKind::kRdap) ? 300 : 60;
}

}  // namespace tldmon
