#include "http/response.h"

namespace tldmon::http {

void Response::Reset() {
  status_ = 200;
  rep_.reset();
  content_type_.clear();
  body_.clear();
  headers_.clear();
  close_ = false;
  has_body_ = false;
  hold_.reset();
}

void Response::SetRepresentation(std::shared_ptr<const Representation> rep, int status) {
  status_ = status;
  content_type_.assign(rep->content_type());
  rep_ = std::move(rep);
  body_.clear();
  has_body_ = true;
}

void Response::SetBody(int status, std::string_view content_type, std::string_view body) {
  MutableBody(status, content_type).assign(body);
}

std::string& Response::MutableBody(int status, std::string_view content_type) {
  status_ = status;
  rep_.reset();
  content_type_.assign(content_type);
  body_.clear();
  has_body_ = true;
  return body_;
}

void Response::SetEmpty(int status) {
  status_ = status;
  rep_.reset();
  content_type_.clear();
  body_.clear();
  has_body_ = false;
}

void Response::AddHeader(std::string_view name, std::string_view value) {
  if (name.find_first_of("\r\n:") != std::string_view::npos ||
      value.find_first_of("\r\n") != std::string_view::npos)
    return;
  headers_.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace tldmon::http
