#include "probe/config_client.h"

#include <spdlog/spdlog.h>

#include <utility>

#include "probe/agent_file.h"

namespace tldmon::probe {

ConfigClient::ConfigClient(CentralHttp& http, std::string data_dir, Outbox* state,
                           const Clock& clock)
    : http_(http), data_dir_(std::move(data_dir)), state_(state), clock_(clock) {}

std::optional<probewire::ProbeConfig> ConfigClient::LoadLastGood() {
  auto text = ReadFileText(config_path());
  if (!text.ok()) {
    if (text.status().code() != StatusCode::kNotFound) {
      spdlog::error("probe config: cannot read {}: {}", config_path(), text.status().ToString());
    }
    return std::nullopt;
  }
  auto config = probewire::ParseProbeConfig(*text);
  if (!config.ok()) {
    spdlog::error("probe config: {} does not parse ({}); waiting for the central side",
                  config_path(), config.status().message());
    return std::nullopt;
  }
  auto etag = ReadFileText(etag_path());
  etag_ = etag.ok() ? *etag : "";
  spdlog::info("probe config: loaded the last good configuration ({} entities, ETag {})",
               config->entities.size(), etag_.empty() ? "none" : etag_);
  return std::move(*config);
}

ConfigPoll ConfigClient::Poll() {
  ConfigPoll poll;
  HttpRequest request;
  request.path = "/probe/v1/config";
  if (!etag_.empty()) request.headers.emplace_back("If-None-Match", etag_);
  auto reply = http_.Send(request);
  if (!reply.ok()) {
    poll.error = reply.status().message();
  } else if (reply->status == 304) {
    poll.outcome = ConfigPoll::Outcome::kNotModified;
    Record("not modified", false);
    return poll;
  } else if (reply->status != 200) {
    poll.error = "HTTP " + std::to_string(reply->status) + ": " + reply->body.substr(0, 200);
  } else if (auto config = probewire::ParseProbeConfig(reply->body); !config.ok()) {
    poll.error = "unreadable configuration: " + config.status().message();
  } else if (Status s = WriteFileDurably(config_path(), reply->body); !s.ok()) {
    // Tests go on with it, but a restart would fall back to the old copy.
    spdlog::error("probe config: not saved: {}", s.ToString());
    poll.outcome = ConfigPoll::Outcome::kUpdated;
    poll.config = std::move(*config);
    etag_.clear();
    Record("updated (not saved)", true);
    return poll;
  } else {
    etag_ = reply->etag;
    if (Status e = WriteFileDurably(etag_path(), etag_); !e.ok()) {
      spdlog::warn("probe config: ETag not saved: {}", e.ToString());
    }
    poll.outcome = ConfigPoll::Outcome::kUpdated;
    poll.config = std::move(*config);
    spdlog::info("probe config: updated ({} entities, ETag {})", poll.config->entities.size(),
                 etag_.empty() ? "none" : etag_);
    Record("updated", true);
    return poll;
  }
  spdlog::warn("probe config: keeping the last good configuration: {}", poll.error);
  Record("error: " + poll.error, false);
  return poll;
}

void ConfigClient::Record(std::string_view result, bool good) {
  if (!state_) return;
  Status s = state_->SetState(kStateConfigResult, result);
  if (s.ok() && good) s = state_->SetState(kStateConfigTime, std::to_string(clock_.Now()));
  if (s.ok() && good) s = state_->SetState(kStateConfigEtag, etag_);
  if (!s.ok()) spdlog::warn("probe status not recorded: {}", s.ToString());
}

}  // namespace tldmon::probe
