#include "lab/zone_signing.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lab/child_process.h"

namespace tldmon::lab {
namespace fs = std::filesystem;
namespace {

std::string Stamp(std::time_t t) {
  char buf[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
  return buf;
}

// The first file in `dir` with `suffix` whose name starts with `prefix`.
std::string FindFile(const std::string& dir, const std::string& prefix, const std::string& suffix) {
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      return name;
  }
  return "";
}

}  // namespace

std::string ReadFileText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Status SignZone(const std::string& zone, const std::string& dir, const std::string& file,
                const std::string& out, std::time_t from, std::time_t to) {
  const std::string base = zone == "." ? "." : zone + ".";
  std::string log;
  if (FindFile(dir, "K", ".ds").empty()) {
    if (RunTool({"ldns-keygen", "-a", "ECDSAP256SHA256", "-k", base}, dir, &log) != 0 ||
        RunTool({"ldns-keygen", "-a", "ECDSAP256SHA256", base}, dir, &log) != 0)
      return IoError("ldns-keygen failed: " + log);
  }
  const std::string ksk = FindFile(dir, "K", ".ds");
  std::string zsk;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".key") == 0 &&
        name.substr(0, name.size() - 4) != ksk.substr(0, ksk.size() - 3))
      zsk = name.substr(0, name.size() - 4);
  }
  if (RunTool({"ldns-signzone", "-n", "-t", "0", "-i", Stamp(from), "-e", Stamp(to), "-f", out, file,
               ksk.substr(0, ksk.size() - 3), zsk},
              dir, &log) != 0)
    return IoError("ldns-signzone failed for " + zone + ": " + log);
  return Status::Ok();
}

std::string KskDs(const std::string& dir) {
  const std::string file = FindFile(dir, "K", ".ds");
  if (file.empty()) return "";
  std::string ds = ReadFileText(dir + "/" + file);
  while (!ds.empty() && (ds.back() == '\n' || ds.back() == '\r')) ds.pop_back();
  for (char& c : ds)
    if (c == '\t') c = ' ';
  return ds;
}

std::string CorruptSignatures(const std::string& signed_zone, std::initializer_list<const char*> types) {
  std::stringstream in(signed_zone), out;
  std::string line;
  while (std::getline(in, line)) {
    bool target = false;
    for (const char* t : types)
      target = target || line.find(std::string("\tRRSIG\t") + t + " ") != std::string::npos;
    if (target) {
      const std::size_t sig = line.rfind(' ');
      const std::size_t at = sig + (line.size() - sig) / 2;
      line[at] = line[at] == 'A' ? 'B' : 'A';
    }
    out << line << "\n";
  }
  return out.str();
}

}  // namespace tldmon::lab
