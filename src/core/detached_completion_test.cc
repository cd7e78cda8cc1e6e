#include "core/detached_completion.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>
#include <stdexcept>

namespace tldmon {
namespace {

TEST(DetachedCompletion, LogsWhatEscapedInsteadOfTerminating) {
  std::ostringstream log;
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "test", std::make_shared<spdlog::sinks::ostream_sink_st>(log)));
  const DetachedCompletion completion("http connection");
  completion(nullptr);  // a normal end logs nothing
  EXPECT_EQ(log.str(), "");
  completion(std::make_exception_ptr(std::runtime_error("boom")));
  completion(std::make_exception_ptr(42));
  spdlog::set_default_logger(previous);
  EXPECT_NE(log.str().find("http connection ended by an exception: boom"), std::string::npos) << log.str();
  EXPECT_NE(log.str().find("exception of unknown type"), std::string::npos) << log.str();
}

}  // namespace
}  // namespace tldmon
