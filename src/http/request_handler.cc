#include "http/request_handler.h"

namespace tldmon::http {

void RequestHandler::RenderError(HttpError error, std::string_view detail, Response& response) const {
  response.SetBody(StatusOf(error), kJsonContentType, DefaultErrorBody(error, detail));
}

}  // namespace tldmon::http
