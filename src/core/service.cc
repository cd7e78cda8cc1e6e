#include "core/service.h"

#include <cctype>
#include <string>

namespace tldmon {

std::string_view PathName(Service s) {
  switch (s) {
    case Service::kDns: return "dns";
    case Service::kDnssec: return "dnssec";
    case Service::kRdds: return "rdds";
    case Service::kRdap: return "rdap";
    case Service::kEpp: return "epp";
  }
  return "";
}

std::string_view JsonKey(Service s) {
  switch (s) {
    case Service::kDns: return "DNS";
    case Service::kDnssec: return "DNSSEC";
    case Service::kRdds: return "RDDS";
    case Service::kRdap: return "RDAP";
    case Service::kEpp: return "EPP";
  }
  return "";
}

std::optional<Service> ParseServicePath(std::string_view name) {
  for (Service s : kAllServices)
    if (PathName(s) == name) return s;
  return std::nullopt;
}

std::optional<Service> ParseServiceName(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ParseServicePath(lower);
}

TestKind TestKindOf(Service s) {
  switch (s) {
    case Service::kDns:
    case Service::kDnssec: return TestKind::kDns;
    case Service::kRdds: return TestKind::kRdds;
    case Service::kRdap: return TestKind::kRdap;
    case Service::kEpp: return TestKind::kEpp;
  }
  return TestKind::kDns;
}

Service NamesakeService(TestKind k) {
  switch (k) {
    case TestKind::kDns: return Service::kDns;
    case TestKind::kRdds: return Service::kRdds;
    case TestKind::kRdap: return Service::kRdap;
    case TestKind::kEpp: return Service::kEpp;
  }
  return Service::kDns;
}

std::string_view TestKindName(TestKind k) {
  switch (k) {
    case TestKind::kDns: return "dns";
    case TestKind::kRdds: return "rdds";
    case TestKind::kRdap: return "rdap";
    case TestKind::kEpp: return "epp";
  }
  return "";
}

std::optional<TestKind> ParseTestKind(std::string_view name) {
  for (int i = 0; i < kTestKindCount; ++i) {
    auto k = static_cast<TestKind>(i);
    if (TestKindName(k) == name) return k;
  }
  return std::nullopt;
}

}  // namespace tldmon
