// WebAssets: the dashboard's static files (src/web/assets), embedded in the
// binary at build time (embed_assets.cmake) and served from memory.
//
// Caching (docs/dashboard.md "Assets"): every file but index.html is served
// under /ui/assets/<build>/<path>, where <build> is 16 hex digits of a
// SHA-256 over all files, with `Cache-Control: public, max-age=31536000,
// immutable` — a new build has a new URL, so a browser never revalidates an
// asset. One hash for the whole set (rather than one per file) keeps the
// ES modules' relative imports ("./dom.js") valid without an import map.
// index.html names the build's URLs ({{ASSETS}} is replaced at start) and is
// served `no-cache` with a strong ETag, so a reload costs one 304.
//
// Built once (first call); immutable and thread-safe afterwards.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/representation.h"

namespace tldmon::web {

class WebAssets {
 public:
  // The embedded set, built on first use.
  static const WebAssets& Embedded();

  // "0123456789abcdef": the URL segment of this build's assets.
  const std::string& build() const { return build_; }
  // "/ui/assets/<build>/"
  const std::string& prefix() const { return prefix_; }
  // index.html with the build's asset URLs.
  const std::shared_ptr<const http::Representation>& index() const { return index_; }
  // An asset by its path under assets/ ("app.js", "vendor/uPlot.min.css");
  // null when there is none (index.html is not served this way).
  std::shared_ptr<const http::Representation> Find(std::string_view path) const;
  std::size_t size() const { return files_.size(); }

  // The Content-Type for a file name, by extension.
  static std::string_view ContentTypeOf(std::string_view path);

 private:
  WebAssets();
  std::string build_;
  std::string prefix_;
  std::shared_ptr<const http::Representation> index_;
  std::unordered_map<std::string, std::shared_ptr<const http::Representation>> files_;
};

}  // namespace tldmon::web
