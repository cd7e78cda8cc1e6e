// Test-only fixtures shared by the loopback server tests: an ApiHandler
// over fake seams, wrapped to record requests and to block on demand.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "http/mount_table.h"
#include "http/operations_handler.h"
#include "mosapi/api_handler.h"

namespace tldmon::mosapi::testing {

// Test code: the HTTP layer's names unqualified, as MoSAPI tests use them.
using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

// The document the tests fetch: §6.2's example state object.
inline std::string ExampleState() {
  return R"({"version":2,"lastUpdateApiDatabase":1767225960,"tld":"example","status":"Down",)"
         R"("testedServices":{"DNS":{"status":"Up","emergencyThreshold":0,"incidents":[]},)"
         R"("DNSSEC":{"status":"Up","emergencyThreshold":0,"incidents":[]},)"
         R"("EPP":{"status":"Disabled"},)"
         R"("RDAP":{"status":"Down","emergencyThreshold":1.042,"incidents":[{"incidentID":)"
         R"("1767225000.81234","startTime":1767225000,"endTime":null,"falsePositive":false,)"
         R"("state":"Active"}]},)"
         R"("RDDS":{"status":"Up-inconclusive-no-probes","emergencyThreshold":0,"incidents":[]}}})";
}

class AllowAll : public AccessControl {
 public:
  AccessDecision Authorize(const Request&, const Route&) override { return {}; }
  void Login(const Request& request, const Route&, Response& response) override {
    response.SetBody(200, "text/plain", "Login successful, body=" + std::string(request.body));
  }
  void Logout(const Request&, const Route&, Response& response) override {
    response.SetBody(200, "text/plain", "Logout successful");
  }
};

class MapDocuments : public DocumentSource {
 public:
  std::shared_ptr<const Representation> Find(std::string_view path) const override {
    const auto it = docs.find(std::string(path));
    return it == docs.end() ? nullptr : it->second;
  }
  std::map<std::string, std::shared_ptr<const Representation>> docs;
};

struct SeenRequest {
  std::string path;
  std::uint64_t connection_id;
  std::uint32_t request_index;
  bool tls;
  std::string peer;
  std::string client_certificate_der;
};

// An ApiHandler behind the same mounts as MosapiService: MoSAPI at /ry/ and
// /rr/ and as the fallback, the operations handler at /healthz and
// /openapi.json. What the server tests serve.
struct MountedApi {
  explicit MountedApi(ApiHandler& api) : mounts(api) {
    http::MountPolicy mosapi;
    mosapi.slow_pool = true;
    mounts.Add("/ry/", api, mosapi);
    mounts.Add("/rr/", api, mosapi);
    http::MountPolicy open;
    open.authentication = http::MountAuthentication::kPublic;
    mounts.Add("/healthz", operations, open);
  }
  http::OperationsHandler operations;
  http::MountTable mounts;
};

// Records every request; "/block" waits until Release() (for shutdown and
// slow-pool tests). SlowKey, MaxBodyBytes and RenderError are the inner
// handler's.
class RecordingHandler : public RequestHandler {
 public:
  explicit RecordingHandler(RequestHandler& inner) : inner_(inner) {}

  void Handle(const Request& request, Response& response) override {
    {
      std::lock_guard lock(mu_);
      seen_.push_back({std::string(request.path), request.connection_id, request.request_index,
                       request.tls, std::string(request.peer.text),
                       request.peer_certificate ? request.peer_certificate->der : ""});
      if (request.path.starts_with("/block")) ++blocked_;
    }
    cv_.notify_all();
    if (request.path.starts_with("/block")) {
      std::unique_lock lock(mu_);
      // Bounded: a broken test fails instead of hanging.
      cv_.wait_for(lock, std::chrono::seconds(10), [&] { return released_; });
      response.SetBody(200, "application/json", "{\"released\":true}");
      ++block_returned_;
      return;
    }
    inner_.Handle(request, response);
  }

  // "/block..." with credentials is slow, keyed by its path ("/block/a" and
  // "/block/b" are two tenants); everything else is the inner handler's.
  std::optional<std::string> SlowKey(const Request& request) const override {
    if (request.path.starts_with("/block")) {
      if (!request.authorization) return std::nullopt;
      return std::string(request.path);
    }
    return inner_.SlowKey(request);
  }
  std::size_t MaxBodyBytes(std::string_view path) const override {
    return inner_.MaxBodyBytes(path);
  }
  void RenderError(HttpError error, std::string_view detail, Response& response) const override {
    inner_.RenderError(error, detail, response);
  }

  // How many "/block" requests have returned from Handle.
  int block_returned() {
    std::lock_guard lock(mu_);
    return block_returned_;
  }

  bool WaitUntilBlocked(int n) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(10), [&] { return blocked_ >= n; });
  }
  void Release() {
    {
      std::lock_guard lock(mu_);
      released_ = true;
    }
    cv_.notify_all();
  }
  std::vector<SeenRequest> seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }

 private:
  RequestHandler& inner_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<SeenRequest> seen_;
  int blocked_ = 0;
  int block_returned_ = 0;
  bool released_ = false;
};

}  // namespace tldmon::mosapi::testing
