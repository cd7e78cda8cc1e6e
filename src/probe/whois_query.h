// One RDDS43 (WHOIS, port 43) query as RSM's probe makes it
// (slam-algorithms.md §4.2; probe-agent.md §1.7): TCP connect, send
// "<domain>\r\n", read until the server closes, all within the timeout
// (11 s). RTT on the steady clock from before the connect to the end of the
// read. Codes: -227 timeout, -228 connection/send/receive error, -229 empty
// reply, -201 no "Name Server:" line with a name.
#pragma once

#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace tldmon::probe {

inline constexpr std::int32_t kRdds43NoNameServer = -201;
inline constexpr std::int32_t kRdds43Timeout = -227;
inline constexpr std::int32_t kRdds43ConnectError = -228;
inline constexpr std::int32_t kRdds43Empty = -229;

struct WhoisResult {
  std::int32_t code = 0;  // 0 = a reply with a name server; else the code
  double rtt_ms = 0;      // code 0 or -201 (the reply arrived)
  std::string reply;      // as read (bounded)
};

struct WhoisOptions {
  std::chrono::milliseconds timeout{11000};
  std::size_t max_reply_bytes = 1 << 20;  // a longer reply is cut there (and judged)
  std::string name_server_string = "Name Server:";
};

boost::asio::awaitable<WhoisResult> QueryWhois(boost::asio::ip::tcp::endpoint server,
                                               std::string domain, WhoisOptions options);

// Does `reply` contain `marker` (ASCII case-insensitive) followed, after
// blanks, by a name (a letter or digit)? RSM's check for -201.
bool HasNameServer(std::string_view reply, std::string_view marker);

}  // namespace tldmon::probe
