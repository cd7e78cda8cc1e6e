// "ADDR:PORT" as `--https`/`--http` and the [server] lists of the config file
// take it (docs/configuration.md): an IPv4 literal or a bracketed IPv6
// literal, a colon, a decimal port 0..65535 (0: the kernel picks one).
// "127.0.0.1:8443", "[::1]:8443", "0.0.0.0:443", "[::]:8080".
//
// Pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "http/server_config.h"
#include "core/status.h"

namespace tldmon::app {

// InvalidArgument naming the problem (no port, bad address, port out of range).
Result<http::ListenEndpoint> ParseListenAddress(std::string_view text, bool tls);

// The URL a client uses for a bound endpoint: "https://127.0.0.1:8443",
// "http://[::1]:8080". A wildcard address (0.0.0.0, ::) is shown as the
// loopback address of its family, which reaches it from the same host.
std::string EndpointUrl(std::string_view address, std::uint16_t port, bool tls);

}  // namespace tldmon::app
