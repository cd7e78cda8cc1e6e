#include "http/mount_table.h"

#include <algorithm>

namespace tldmon::http {

bool MountTable::Add(std::string prefix, RequestHandler& handler, MountPolicy policy) {
  if (prefix.empty() || prefix.front() != '/') return false;
  for (const Mount& m : mounts_)
    if (m.prefix == prefix) return false;
  mounts_.push_back(Mount{std::move(prefix), &handler, std::move(policy)});
  std::stable_sort(mounts_.begin(), mounts_.end(), [](const Mount& a, const Mount& b) {
    return a.prefix.size() > b.prefix.size();
  });
  return true;
}

const MountTable::Mount* MountTable::Find(std::string_view path) const {
  for (const Mount& m : mounts_) {
    // "/" is the root page alone: as a subtree it would replace the fallback.
    const bool subtree = m.prefix.back() == '/' && m.prefix.size() > 1;
    if (subtree ? path.starts_with(m.prefix) : path == m.prefix) return &m;
  }
  return nullptr;
}

void MountTable::Handle(const Request& request, Response& response) {
  const Mount* m = Find(request.path);
  if (m == nullptr) {
    fallback_.Handle(request, response);
    return;
  }
  if (m->policy.authentication == MountAuthentication::kSourceAddress &&
      !(m->policy.source_allowed && m->policy.source_allowed(request.peer))) {
    m->handler->RenderError(HttpError::kForbidden, "source address not allowed", response);
    return;
  }
  m->handler->Handle(request, response);
}

std::optional<std::string> MountTable::SlowKey(const Request& request) const {
  const Mount* m = Find(request.path);
  if (m == nullptr) return fallback_.SlowKey(request);
  if (!m->policy.slow_pool) return std::nullopt;
  return m->handler->SlowKey(request);
}

std::size_t MountTable::MaxBodyBytes(std::string_view path) const {
  const Mount* m = Find(path);
  if (m == nullptr) return fallback_.MaxBodyBytes(path);
  return m->policy.max_body_bytes != 0 ? m->policy.max_body_bytes
                                       : m->handler->MaxBodyBytes(path);
}

void MountTable::RenderError(HttpError error, std::string_view detail, Response& response) const {
  fallback_.RenderError(error, detail, response);
}

}  // namespace tldmon::http
