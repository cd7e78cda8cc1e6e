// OperationsHandler: what operators and their tools read, beside the APIs:
// /healthz (liveness), /metrics (Prometheus text exposition) and static
// documents such as /openapi.json. Mounted at each of those exact paths
// (MountTable); /metrics usually under MountAuthentication::kSourceAddress.
//
// Set-up (AddDocument, SetMetrics) before the server starts; then Handle is
// thread-safe as far as the metrics callback is.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "http/representation.h"
#include "http/request_handler.h"

namespace tldmon::http {

class OperationsHandler final : public RequestHandler {
 public:
  OperationsHandler();

  // Serves `representation` (ETag, Last-Modified, gzip, 304) at `path`.
  void AddDocument(std::string path, std::shared_ptr<const Representation> representation);
  // /metrics appends its exposition with `append`; without it /metrics is 404.
  void SetMetrics(std::function<void(std::string&)> append) { metrics_ = std::move(append); }
  // /healthz answers `body()` (JSON) instead of {"status":"ok"}.
  void SetHealth(std::function<std::string()> body) { health_ = std::move(body); }

  // GET and HEAD only (405 with Allow otherwise, 204 for OPTIONS).
  void Handle(const Request& request, Response& response) override;

 private:
  std::shared_ptr<const Representation> healthz_;
  std::map<std::string, std::shared_ptr<const Representation>, std::less<>> documents_;
  std::function<void(std::string&)> metrics_;
  std::function<std::string()> health_;
};

}  // namespace tldmon::http
