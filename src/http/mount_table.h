// MountTable: the prefix dispatcher in front of everything the server
// serves (DESIGN.md "Components": /ry/ /rr/ MoSAPI, /probe/v1/ ingest, /ui/
// dashboard, /metrics /healthz /openapi.json operations). Each mount
// declares how it authenticates, its body limit and whether it may use the
// slow-request pool; a mount added later changes nothing but the wiring.
//
// Matching: a prefix ending in '/' serves every path that starts with it;
// any other prefix serves exactly that path. "/" is the exception: it
// serves the path "/" alone (a subtree of "/" would be the fallback's). The longest matching prefix
// wins. Paths no mount serves, and errors the server detects before it
// knows the path, go to the fallback handler (the main API, so that every
// client sees one error format).
//
// Add() is for set-up only: call every Add before the server starts. After
// that the table is read-only and Handle/SlowKey/... are thread-safe as far
// as the mounted handlers are.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request_handler.h"

namespace tldmon::http {

// How a mount decides who may use it.
enum class MountAuthentication : std::uint8_t {
  // Anyone (the mount answers public data, or nothing but errors).
  kPublic,
  // The mount table admits only sources for which MountPolicy::source_allowed
  // is true, and answers 403 to others before the handler runs (/metrics).
  kSourceAddress,
  // The handler authenticates every request itself (MoSAPI sessions, Basic
  // and TLS client certificates; probe tokens).
  kHandler,
};

struct MountPolicy {
  MountAuthentication authentication = MountAuthentication::kHandler;
  // kSourceAddress: the admission test. Must be thread-safe.
  std::function<bool(const PeerAddress&)> source_allowed;
  // Request bodies above this are 413 (0: the server's max_body_bytes).
  std::size_t max_body_bytes = 0;
  // Whether the handler's SlowKey is honoured. A mount that may not use the
  // slow pool runs everything on the worker thread.
  bool slow_pool = false;
};

class MountTable final : public RequestHandler {
 public:
  // `fallback` must outlive the table.
  explicit MountTable(RequestHandler& fallback) : fallback_(fallback) {}

  // Serves `prefix` ("/ry/", "/metrics") with `handler`, which must outlive
  // the table. Returns false (and adds nothing) when the prefix does not
  // start with '/' or is already mounted.
  bool Add(std::string prefix, RequestHandler& handler, MountPolicy policy = {});

  void Handle(const Request& request, Response& response) override;
  std::optional<std::string> SlowKey(const Request& request) const override;
  std::size_t MaxBodyBytes(std::string_view path) const override;
  void RenderError(HttpError error, std::string_view detail, Response& response) const override;

 private:
  struct Mount {
    std::string prefix;
    RequestHandler* handler;
    MountPolicy policy;
  };
  // The mount serving `path`, or null (the fallback).
  const Mount* Find(std::string_view path) const;

  RequestHandler& fallback_;
  std::vector<Mount> mounts_;  // longest prefix first
};

}  // namespace tldmon::http
