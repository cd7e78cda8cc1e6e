// Gzip of a request body (RFC 1952; `Content-Encoding: gzip`, RFC 9110
// §8.4.1). A batch of JSON reports shrinks about tenfold, which matters on a
// probe's uplink during a backfill of hours.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace tldmon::probe {

// Gzip member of `data` (zlib's default level). Internal only on zlib failure.
Result<std::string> GzipCompress(std::string_view data);
// Inflates one gzip member; InvalidArgument on corrupt data, or when the
// output would exceed `max_bytes`. (Tests and fakes of the central side.)
Result<std::string> GzipDecompress(std::string_view data, std::size_t max_bytes);

}  // namespace tldmon::probe
