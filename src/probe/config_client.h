// ConfigClient: the probe's test configuration from the central side
// (issue 9 "Test configuration from the central server"):
// `GET <central>/probe/v1/config` with `If-None-Match: <etag>`, polled each
// cycle. The last good configuration is kept on disk (`probe-config.json`,
// its ETag in `probe-config.etag`) and loaded at start, so a probe keeps
// testing through a central outage and across its own restarts.
//   200 + a config that parses -> written to disk (durably), returned;
//   304                        -> the current one stays;
//   anything else, or a body that does not parse -> the last good one
//                                 stays and the problem is logged.
// The body is written before the ETag: a crash between the two leaves the
// old ETag with the new body, which only costs one full fetch.
//
// Thread-safety: not thread-safe; the config thread owns it (CentralHttp
// blocks). It records `config.*` in agent_state through its own Outbox
// connection (may be null: no status).
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "probe/agent_http.h"
#include "probe/outbox.h"
#include "probewire/probe_config_wire.h"

namespace tldmon::probe {

inline constexpr std::string_view kStateConfigTime = "config.last_time";      // last good fetch
inline constexpr std::string_view kStateConfigEtag = "config.etag";
inline constexpr std::string_view kStateConfigResult = "config.last_result";  // last poll

struct ConfigPoll {
  enum class Outcome { kUpdated, kNotModified, kFailed };
  Outcome outcome = Outcome::kFailed;
  std::optional<probewire::ProbeConfig> config;  // kUpdated only
  std::string error;                             // kFailed only
};

class ConfigClient {
 public:
  ConfigClient(CentralHttp& http, std::string data_dir, Outbox* state, const Clock& clock);

  // The last good configuration on disk (and its ETag becomes the one sent
  // next). nullopt when there is none or it no longer parses (logged).
  std::optional<probewire::ProbeConfig> LoadLastGood();

  // One GET; see the header comment.
  ConfigPoll Poll();

  const std::string& etag() const { return etag_; }
  std::string config_path() const { return data_dir_ + "/probe-config.json"; }
  std::string etag_path() const { return data_dir_ + "/probe-config.etag"; }

 private:
  void Record(std::string_view result, bool good);

  CentralHttp& http_;
  std::string data_dir_;
  Outbox* state_;
  const Clock& clock_;
  std::string etag_;
};

}  // namespace tldmon::probe
