// The HTTP layer's vocabulary as MoSAPI code names it: MoSAPI is served by
// src/http and speaks of its requests and responses throughout, so these
// names are brought in once here rather than qualified at every use.
#pragma once

#include "mosapi/http_types.h"
#include "http/method.h"
#include "http/query.h"
#include "http/representation.h"
#include "http/request.h"
#include "http/request_handler.h"
#include "http/request_target.h"
#include "http/response.h"
#include "http/request_target.h"

namespace tldmon::mosapi {

using http::kJsonContentType;
using http::Method;
using http::MethodName;
using http::ParseMethod;
using http::MethodSet;
using http::PeerAddress;
using http::PeerCertificate;
using http::QueryError;
using http::QueryErrorKind;
using http::QueryLimits;
using http::QueryParams;
using http::Representation;
using http::Request;
using http::RequestHandler;
using http::Response;
using http::SplitTarget;
using http::TargetParts;
using http::SplitTarget;
using http::TargetParts;

}  // namespace tldmon::mosapi
