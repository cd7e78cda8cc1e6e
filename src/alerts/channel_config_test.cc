#include "alerts/channel_config.h"

#include <gtest/gtest.h>

namespace tldmon::alerts {
namespace {

ChannelConfig Hook() {
  ChannelConfig c;
  c.name = "noc-hook";
  c.url = "https://hooks.example.net/tldmon";
  c.secret_file = "/etc/tldmon/hook.secret";
  c.secret = "0123456789abcdef0123";
  return c;
}

ChannelConfig Mail() {
  ChannelConfig c;
  c.name = "noc-mail";
  c.type = ChannelType::kEmail;
  c.url = "smtp://mail.example.net:587";
  c.from = "tldmon@example.net";
  c.to = {"noc@example.net"};
  return c;
}

std::string Error(const ChannelConfig& c) { return CheckChannel(c).message(); }

TEST(ChannelConfig, GoodChannelsPass) {
  EXPECT_TRUE(CheckChannel(Hook()).ok());
  EXPECT_TRUE(CheckChannel(Mail()).ok());
  ChannelConfig am;
  am.name = "am";
  am.type = ChannelType::kAlertmanager;
  am.url = "http://127.0.0.1:9093";
  EXPECT_TRUE(CheckChannel(am).ok()) << Error(am);
}

TEST(ChannelConfig, EachMistakeIsNamed) {
  ChannelConfig c = Hook();
  c.secret = "short";
  EXPECT_NE(Error(c).find("bad secret_file: /etc/tldmon/hook.secret: the secret has 5 bytes"),
            std::string::npos) << Error(c);
  c = Hook();
  c.secret_file.clear();
  c.secret.clear();
  EXPECT_NE(Error(c).find("secret_file: missing"), std::string::npos) << Error(c);
  c = Hook();
  c.url = "ftp://hooks.example.net/";
  EXPECT_NE(Error(c).find("alert channel 'noc-hook' (webhook): bad url: scheme 'ftp'"),
            std::string::npos) << Error(c);
  c.url = "not a url at all";
  EXPECT_NE(Error(c).find("bad url"), std::string::npos) << Error(c);
  c = Hook();
  c.name = "Bad Name";
  EXPECT_NE(Error(c).find("alert channel name 'Bad Name'"), std::string::npos) << Error(c);
  c = Mail();
  c.to = {"noc@example.net", "not-an-address"};
  EXPECT_NE(Error(c).find("bad to: 'not-an-address' is not an e-mail address"), std::string::npos)
      << Error(c);
  c = Mail();
  c.url = "https://mail.example.net";
  EXPECT_NE(Error(c).find("smtp:// or smtps://"), std::string::npos) << Error(c);
  c = Mail();
  c.username = "tldmon";
  EXPECT_NE(Error(c).find("password_file"), std::string::npos) << Error(c);
}

TEST(ChannelConfig, EmailAddresses) {
  for (const char* ok : {"noc@example.net", "first.last+tag@sub.example.org", "a@b"})
    EXPECT_TRUE(IsEmailAddress(ok)) << ok;
  for (const char* bad : {"", "@example.net", "noc@", "noc example@x.net", "<noc@x.net>",
                          "noc@x..net", ".noc@x.net", "noc@x_y.net", "a,b@x.net"})
    EXPECT_FALSE(IsEmailAddress(bad)) << bad;
}

TEST(ChannelConfig, UrlsAndTheNetworkChecks) {
  auto p = ParseChannelUrl("http://[::1]:9093/x");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->host, "::1");
  EXPECT_EQ(p->port, 9093);
  EXPECT_EQ(ParseChannelUrl("smtp://mail.example.net")->port, 25);
  ChannelConfig c = Hook();
  // (A name that does not resolve is not tried here: that would ask the
  // machine's DNS, and tests touch loopback only.)
  c.url = "http://127.0.0.1:1/hook";  // nothing listens on port 1
  EXPECT_TRUE(CheckResolvable(c).ok());
  EXPECT_FALSE(CheckReachable(c, std::chrono::milliseconds(2000)).ok());
}

}  // namespace
}  // namespace tldmon::alerts
