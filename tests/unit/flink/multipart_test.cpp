// multipart/form-data bodies as bytes (what POST /jars/upload receives).
#include "core/flink/multipart.hpp"

#include <gtest/gtest.h>

namespace flinktop::flink {
namespace {

TEST(FlinkMultipart, BuildsTheExactBytes) {
  MultipartForm form("XyZ");
  form.add_field("note", "hello");
  form.add_file("jarfile", "job.jar", "application/x-java-archive", std::string("PK\x03\x04\0\r\n", 7));
  MultipartBody out = form.finish();
  EXPECT_EQ(out.content_type, "multipart/form-data; boundary=XyZ");
  std::string expected =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"note\"\r\n"
      "\r\n"
      "hello\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"jarfile\"; filename=\"job.jar\"\r\n"
      "Content-Type: application/x-java-archive\r\n"
      "\r\n" +
      std::string("PK\x03\x04\0\r\n", 7) +
      "\r\n"
      "--XyZ--\r\n";
  EXPECT_EQ(out.body, expected);
}

TEST(FlinkMultipart, QuotesFileNamesSafely) {
  MultipartForm form("b");
  form.add_file("jarfile", "we\"ird\r\nname.jar", "", "x");
  std::string body = form.finish().body;
  EXPECT_NE(body.find("filename=\"we%22ird%0D%0Aname.jar\""), std::string::npos) << body;
  EXPECT_NE(body.find("Content-Type: application/octet-stream\r\n"), std::string::npos);
}

TEST(FlinkMultipart, RandomBoundaryNeverOccursInTheContent) {
  MultipartForm form;
  form.add_file("jarfile", "a.jar", "application/x-java-archive", "--flinktop-");
  MultipartBody out = form.finish();
  const std::string prefix = "multipart/form-data; boundary=";
  ASSERT_EQ(out.content_type.rfind(prefix, 0), 0u);
  std::string boundary = out.content_type.substr(prefix.size());
  EXPECT_EQ(boundary.size(), std::string("flinktop-").size() + 32);
  EXPECT_EQ(out.body.rfind("--" + boundary + "\r\n", 0), 0u);
  EXPECT_TRUE(out.body.ends_with("--" + boundary + "--\r\n"));
}

}  // namespace
}  // namespace flinktop::flink
