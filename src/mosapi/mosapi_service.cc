#include "mosapi/mosapi_service.h"

#include <utility>

#include "mosapi/openapi.h"

namespace tldmon::mosapi {

MosapiService::MosapiService(store::Store& store, const documents::DocumentStore& documents,
                             auth::Authenticator& authenticator, const Clock& clock,
                             MosapiServiceOptions options)
    : authenticator_(authenticator),
      documents_(documents),
      access_(authenticator, clock, std::move(options.certificate_grants),
              options.max_requests_per_certificate),
      dynamic_(store, documents, clock, options.dynamic),
      handler_(access_, documents_, &dynamic_, clock, std::move(options.handler)) {
  http::MountPolicy mosapi;
  mosapi.authentication = http::MountAuthentication::kHandler;
  mosapi.slow_pool = true;
  mounts_.Add("/ry/", handler_, mosapi);
  mounts_.Add("/rr/", handler_, mosapi);

  operations_.AddDocument(
      "/openapi.json",
      Representation::FromString(std::string(OpenApiDocument()), OpenApiLastModified()));
  http::MountPolicy public_read;
  public_read.authentication = http::MountAuthentication::kPublic;
  mounts_.Add("/healthz", operations_, public_read);
  mounts_.Add("/openapi.json", operations_, public_read);
  if (options.health) operations_.SetHealth(std::move(options.health));
  if (options.metrics) {
    operations_.SetMetrics([outer = std::move(options.metrics), this](std::string& out) {
      outer(out);
      AppendMetrics(out);
    });
  }
  http::MountPolicy metrics = public_read;
  if (options.metrics_access) {
    // Operational counters are for the operator's scraper, not for clients.
    metrics.authentication = http::MountAuthentication::kSourceAddress;
    metrics.source_allowed = std::move(options.metrics_access);
  }
  mounts_.Add("/metrics", operations_, std::move(metrics));
}

void MosapiService::AppendMetrics(std::string& out) const {
  const MeasurementCache& cache = dynamic_.measurement_cache();
  auto family = [&out](std::string_view name, std::string_view type, std::string_view help,
                       std::uint64_t value) {
    out.append("# HELP ").append(name).append(" ").append(help).append("\n");
    out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
    out.append(name).append(" ").append(std::to_string(value)).append("\n");
  };
  family("tldmon_mosapi_sessions", "gauge", "Live MoSAPI session cookies.",
         authenticator_.SessionCount());
  family("tldmon_mosapi_measurement_cache_entries", "gauge",
         "Rebuilt measurement objects held in the cache.", cache.entries());
  family("tldmon_mosapi_measurement_cache_bytes", "gauge",
         "Bytes of the measurement objects held in the cache.", cache.bytes());
  family("tldmon_mosapi_measurement_cache_hits_total", "counter",
         "Measurement object requests answered from the cache.", cache.hits());
  family("tldmon_mosapi_measurement_cache_misses_total", "counter",
         "Measurement object lookups that missed the cache.", cache.misses());
}

}  // namespace tldmon::mosapi
