#include "http/operations_handler.h"

namespace tldmon::http {
namespace {

constexpr std::string_view kAllow = "GET, HEAD, OPTIONS";

}  // namespace

OperationsHandler::OperationsHandler()
    : healthz_(Representation::FromString("{\"status\":\"ok\"}", 0)) {}

void OperationsHandler::AddDocument(std::string path,
                                    std::shared_ptr<const Representation> representation) {
  documents_[std::move(path)] = std::move(representation);
}

void OperationsHandler::Handle(const Request& request, Response& response) {
  if (request.method == Method::kOptions) {
    response.SetEmpty(204);
    response.AddHeader("Allow", kAllow);
    return;
  }
  if (request.method != Method::kGet && request.method != Method::kHead) {
    if (request.method == Method::kOther) {
      RenderError(HttpError::kNotImplemented, request.method_name, response);
      return;
    }
    response.SetBody(405, kJsonContentType,
                     R"({"message":"Method not allowed","description":")" +
                         std::string(MethodName(request.method)) + "\"}");
    response.AddHeader("Allow", kAllow);
    return;
  }
  if (request.path == "/healthz") {
    if (health_)
      response.SetBody(200, kJsonContentType, health_());
    else
      response.SetRepresentation(healthz_);
    response.AddHeader("Cache-Control", "no-store");
    return;
  }
  if (request.path == "/metrics") {
    if (!metrics_) {
      RenderError(HttpError::kNotFound, "metrics are not enabled", response);
      return;
    }
    metrics_(response.MutableBody(200, "text/plain; version=0.0.4; charset=utf-8"));
    response.AddHeader("Cache-Control", "no-store");
    return;
  }
  if (const auto it = documents_.find(request.path); it != documents_.end()) {
    response.SetRepresentation(it->second);
    return;
  }
  RenderError(HttpError::kNotFound, request.path, response);
}

}  // namespace tldmon::http
