// gzip (RFC 1952) via zlib. Thread-safe: each thread uses its own
// compression stream, reset between calls, so no per-call allocation of
// zlib's state.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tldmon::http {

// Replaces `out` with the gzip encoding of `in`. False only on a zlib error.
bool GzipCompress(std::string_view in, std::string& out);

// Replaces `out` with the decoded bytes; false when `in` is not one complete
// gzip member or decodes to more than `max_out` bytes.
bool GzipDecompress(std::string_view in, std::string& out, std::size_t max_out);

}  // namespace tldmon::http
