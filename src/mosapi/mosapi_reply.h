// Answers shared by the MoSAPI dynamic routes (mosapi-api.md §5): JSON built
// per request is sent like a precomputed document — strong ETag, Last-Modified
// (the data's time, §5 project default), 304 on revalidation, gzip — and
// errors come from the error table (404 with the canonical path, 500 for a
// failing Store). Pure functions over the Response; thread-safe.
#pragma once

#include <memory>
#include <string>

#include "mosapi/http_types.h"
#include "http/representation.h"
#include "http/response.h"
#include "mosapi/route.h"
#include "core/status.h"
#include "core/time.h"

namespace tldmon::mosapi {

// Cookie-authenticated per-entity data: no shared caches; revalidate by ETag
// (the same policy ApiHandler applies to precomputed documents).
inline constexpr std::string_view kMosapiCacheControl = "private, no-cache";

// Sends `document` (status 200) with its validators and Cache-Control.
void SetDocument(Response& response, std::shared_ptr<const Representation> document);
// Wraps `body` (JSON) into a Representation with `last_modified` and sends it.
void SetJsonDocument(Response& response, std::string body, UnixSeconds last_modified);

// 404 naming the requested resource by its canonical path (§5 project default).
void SetNotFound(Response& response, const Route& route);
// A Store failure: NotFound (an entity the store never knew) is 404, anything
// else 500 (the description is the status code name only).
void SetStoreError(Response& response, const Route& route, const Status& status);

}  // namespace tldmon::mosapi
