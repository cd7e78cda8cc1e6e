#include "web/web_assets.h"

#include <openssl/evp.h>

#include <cstdio>
#include <stdexcept>

namespace tldmon::web {
namespace {

struct EmbeddedFile {
  const char* path;
  const unsigned char* bytes;
  std::size_t size;
};

#include "web/web_assets_data.inc"

std::string_view View(const EmbeddedFile& f) {
  return {reinterpret_cast<const char*>(f.bytes), f.size};
}

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// 16 hex digits of SHA-256 over every (path, bytes) pair, in table order.
std::string BuildHash() {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr || EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 is unavailable");
  for (const EmbeddedFile& f : kEmbeddedFiles) {
    EVP_DigestUpdate(ctx, f.path, std::string_view(f.path).size() + 1);  // with the NUL
    EVP_DigestUpdate(ctx, f.bytes, f.size);
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, md, &len);
  EVP_MD_CTX_free(ctx);
  std::string hex;
  char buf[3];
  for (int i = 0; i < 8; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", md[i]);
    hex += buf;
  }
  return hex;
}

}  // namespace

std::string_view WebAssets::ContentTypeOf(std::string_view path) {
  if (EndsWith(path, ".js")) return "text/javascript; charset=utf-8";
  if (EndsWith(path, ".css")) return "text/css; charset=utf-8";
  if (EndsWith(path, ".html")) return "text/html; charset=utf-8";
  if (EndsWith(path, ".svg")) return "image/svg+xml";
  if (EndsWith(path, ".json")) return "application/json";
  if (EndsWith(path, ".png")) return "image/png";
  return "application/octet-stream";
}

WebAssets::WebAssets() : build_(BuildHash()), prefix_("/ui/assets/" + build_ + "/") {
  for (const EmbeddedFile& f : kEmbeddedFiles) {
    const std::string path = f.path;
    if (path == "index.html") {
      std::string html(View(f));
      for (std::size_t at; (at = html.find("{{ASSETS}}")) != std::string::npos;)
        html.replace(at, 10, prefix_);
      // Last-Modified 0: the ETag is the validator that matters.
      index_ = http::Representation::FromString(std::move(html), 0, ContentTypeOf(path));
      continue;
    }
    // The bytes live in the binary for ever: no owner needed.
    files_.emplace(path, std::make_shared<const http::Representation>(
                             nullptr, View(f), std::string(), 0, ContentTypeOf(path)));
  }
  if (index_ == nullptr) throw std::runtime_error("the dashboard has no index.html");
}

const WebAssets& WebAssets::Embedded() {
  static const WebAssets assets;
  return assets;
}

std::shared_ptr<const http::Representation> WebAssets::Find(std::string_view path) const {
  const auto it = files_.find(std::string(path));
  return it == files_.end() ? nullptr : it->second;
}

}  // namespace tldmon::web
