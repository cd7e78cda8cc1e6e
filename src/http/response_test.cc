// Representation (validators, cached gzip), error bodies, and the response
// serialization rules of docs/api-server.md "Responses".
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "http/gzip.h"
#include "http/http_error.h"
#include "http/representation.h"
#include "http/response.h"
#include "http/response_writer.h"

namespace tldmon::http {
namespace {

std::string StateDocument() {
  // §6.2's example shape, repeated so that gzip pays off.
  std::string doc = R"({"version":2,"lastUpdateApiDatabase":1767225960,"tld":"example",)"
                    R"("status":"Up","testedServices":{)";
  for (const char* s : {"DNS", "DNSSEC", "RDDS", "RDAP"}) {
    doc += "\"";
    doc += s;
    doc += R"(":{"status":"Up","emergencyThreshold":0,"incidents":[]},)";
  }
  doc += R"("EPP":{"status":"Disabled"}}})";
  return doc;
}

TEST(Gzip, RoundTrip) {
  const std::string doc = StateDocument();
  std::string z, back;
  ASSERT_TRUE(GzipCompress(doc, z));
  EXPECT_EQ(static_cast<unsigned char>(z[0]), 0x1f);  // RFC 1952 magic
  EXPECT_EQ(static_cast<unsigned char>(z[1]), 0x8b);
  ASSERT_TRUE(GzipDecompress(z, back, 1 << 20));
  EXPECT_EQ(back, doc);
  EXPECT_FALSE(GzipDecompress(z.substr(0, z.size() - 4), back, 1 << 20));  // truncated
  EXPECT_FALSE(GzipDecompress(z, back, 10));                                // over the bound
  EXPECT_FALSE(GzipDecompress("not gzip", back, 1 << 20));
}

TEST(Representation, ValidatorsAndLazyGzip) {
  const std::string doc = StateDocument();
  auto rep = Representation::FromString(doc, 784111777);
  EXPECT_EQ(rep->identity(), doc);
  EXPECT_EQ(rep->last_modified_http(), "Sun, 06 Nov 1994 08:49:37 GMT");
  // Strong ETag: quoted, no W/; the gzip variant has its own (RFC 9110 §8.8.3).
  ASSERT_GE(rep->etag().size(), 3u);
  EXPECT_EQ(rep->etag().front(), '"');
  EXPECT_EQ(rep->etag().back(), '"');
  EXPECT_NE(rep->etag(), rep->gzip_etag());
  // Same bytes, same ETag; different bytes, different ETag.
  EXPECT_EQ(Representation::FromString(doc, 1)->etag(), rep->etag());
  EXPECT_NE(Representation::FromString(doc + " ", 1)->etag(), rep->etag());
  // An ETag given by the document's producer is kept.
  auto owner = std::make_shared<std::string>(doc);
  Representation given(owner, *owner, "\"v42\"", 0);
  EXPECT_EQ(given.etag(), "\"v42\"");
  EXPECT_EQ(given.gzip_etag(), "\"v42-gzip\"");

  // Many threads ask at once: one compression, one cached buffer.
  std::vector<std::thread> threads;
  std::vector<const char*> seen(8);
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] { seen[static_cast<std::size_t>(i)] = rep->gzip().data(); });
  for (auto& t : threads) t.join();
  for (const char* p : seen) EXPECT_EQ(p, seen[0]);
  std::string back;
  ASSERT_TRUE(GzipDecompress(rep->gzip(), back, 1 << 20));
  EXPECT_EQ(back, doc);
  EXPECT_LT(rep->gzip().size(), doc.size());
}

TEST(Representation, NoGzipWhenItDoesNotShrink) {
  auto tiny = Representation::FromString("{}", 0);
  EXPECT_TRUE(tiny->gzip().empty());
  auto binary = Representation::FromString(std::string(100, 'a'), 0, "application/gzip");
  EXPECT_FALSE(binary->compressible());
  EXPECT_TRUE(binary->gzip().empty());
}

class WriterTest : public ::testing::Test {
 protected:
  std::string Serialize(bool keep_alive = true) {
    out_ = SerializeResponse(request_, response_, keep_alive, "Sun, 06 Nov 1994 08:49:37 GMT",
                             head_, scratch_);
    return head_;
  }
  Request request_;
  Response response_;
  std::string head_, scratch_;
  SerializedResponse out_;
};

TEST_F(WriterTest, DocumentIdentity) {
  const std::string doc = StateDocument();
  auto rep = Representation::FromString(doc, 784111777);
  response_.SetRepresentation(rep);
  const std::string head = Serialize();
  EXPECT_EQ(out_.status, 200);
  EXPECT_EQ(out_.body, doc);
  EXPECT_EQ(head, "HTTP/1.1 200 OK\r\nServer: tldmon\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                  "Content-Type: application/json\r\nContent-Length: " +
                      std::to_string(doc.size()) +
                      "\r\nVary: Accept-Encoding\r\nETag: " + rep->etag() +
                      "\r\nLast-Modified: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n");
}

TEST_F(WriterTest, DocumentGzip) {
  auto rep = Representation::FromString(StateDocument(), 784111777);
  response_.SetRepresentation(rep);
  request_.accept_encoding = "gzip, deflate";
  const std::string head = Serialize();
  EXPECT_EQ(out_.body.data(), rep->gzip().data());  // the cached variant, not a copy
  EXPECT_NE(head.find("Content-Encoding: gzip\r\n"), std::string::npos);
  EXPECT_NE(head.find("Content-Length: " + std::to_string(rep->gzip().size()) + "\r\n"),
            std::string::npos);
  EXPECT_NE(head.find("ETag: " + rep->gzip_etag() + "\r\n"), std::string::npos);
  EXPECT_NE(head.find("Vary: Accept-Encoding\r\n"), std::string::npos);
}

TEST_F(WriterTest, NotModifiedAndHead) {
  auto rep = Representation::FromString(StateDocument(), 784111777);
  response_.SetRepresentation(rep);
  const std::string weak = "W/" + rep->etag();
  request_.if_none_match = weak;
  std::string head = Serialize();
  EXPECT_EQ(out_.status, 304);
  EXPECT_TRUE(out_.body.empty());
  EXPECT_EQ(head.find("Content-Length"), std::string::npos);
  EXPECT_NE(head.find("ETag: " + rep->etag()), std::string::npos);
  // A non-GET/HEAD method never gets 304 from If-None-Match here.
  request_.method = Method::kPost;
  Serialize();
  EXPECT_EQ(out_.status, 200);
  // HEAD: the GET headers, no body.
  request_ = Request();
  request_.method = Method::kHead;
  head = Serialize();
  EXPECT_EQ(out_.status, 200);
  EXPECT_TRUE(out_.body.empty());
  EXPECT_NE(head.find("Content-Length: " + std::to_string(rep->identity().size())),
            std::string::npos);
}

TEST(HttpError, DefaultBodyIsBoundedJson) {
  const auto body = nlohmann::json::parse(DefaultErrorBody(HttpError::kHeaderTooLarge, "x\xff\""));
  EXPECT_EQ(body.at("message"), "Request header fields too large");
  EXPECT_TRUE(body.at("description").is_string());  // valid JSON despite the 0xff byte
  EXPECT_EQ(StatusOf(HttpError::kHeaderTooLarge), 431);
  EXPECT_EQ(StatusOf(HttpError::kNone), 500);
  const auto long_desc =
      nlohmann::json::parse(DefaultErrorBody(HttpError::kBadRequest, std::string(1000, 'x')));
  EXPECT_EQ(long_desc.at("description").get<std::string>().size(), 200u);
}

TEST_F(WriterTest, DynamicBodiesAndConnection) {
  response_.SetBody(405, kJsonContentType, R"({"message":"Method not allowed"})");
  response_.AddHeader("Allow", "GET, HEAD");
  response_.AddHeader("Bad\r\nHeader", "x");  // dropped
  std::string head = Serialize(/*keep_alive=*/false);
  EXPECT_EQ(out_.status, 405);
  EXPECT_EQ(head.rfind("HTTP/1.1 405 Method Not Allowed\r\n", 0), 0u);
  EXPECT_NE(head.find("Content-Type: application/json\r\n"), std::string::npos);
  EXPECT_NE(head.find("Allow: GET, HEAD\r\n"), std::string::npos);
  EXPECT_NE(head.find("Connection: close\r\n"), std::string::npos);
  EXPECT_EQ(head.find("Bad"), std::string::npos);
  EXPECT_EQ(head.find("Content-Encoding"), std::string::npos);  // small: not compressed

  // HTTP/1.0 keep-alive is acknowledged explicitly.
  request_.version = 10;
  head = Serialize(/*keep_alive=*/true);
  EXPECT_NE(head.find("Connection: keep-alive\r\n"), std::string::npos);

  // A large dynamic JSON body is compressed per response when accepted.
  request_ = Request();
  request_.accept_encoding = "gzip";
  const std::string big(4096, 'a');
  response_.Reset();
  response_.SetBody(200, "application/json", big);
  head = Serialize();
  EXPECT_NE(head.find("Content-Encoding: gzip\r\n"), std::string::npos);
  std::string back;
  ASSERT_TRUE(GzipDecompress(out_.body, back, 1 << 20));
  EXPECT_EQ(back, big);

  response_.Reset();
  response_.SetEmpty(204);
  head = Serialize();
  EXPECT_EQ(head.find("Content-Length"), std::string::npos);
  EXPECT_TRUE(out_.body.empty());
}

}  // namespace
}  // namespace tldmon::http
