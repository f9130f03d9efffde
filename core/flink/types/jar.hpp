// Uploaded job jars (GET /jars, POST /jars/upload) and what runs one (POST /jars/:id/run).
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace flinktop::flink {

struct JarEntryClass {
  std::string name;  // a class with a main method, e.g. "org.apache.flink...TopSpeedWindowing"
  std::string description;
};

struct JarFile {
  std::string id;  // "<uuid>_<name>.jar": what run/delete take
  std::string name;
  std::int64_t uploaded = 0;  // epoch millis
  std::vector<JarEntryClass> entry;
};

struct JarList {
  std::string address;  // the web UI address Flink believes it has
  std::vector<JarFile> files;
};

struct RunRequest {
  std::string entry_class;                // empty = the jar manifest's Main-Class
  std::vector<std::string> program_args;  // sent as programArgsList (programArgs is gone in 2.0)
  std::optional<int> parallelism;
  std::string savepoint_path;  // start from this savepoint / retained checkpoint
  bool allow_non_restored_state = false;
};

JarList decode_jar_list(const nlohmann::json& j);
// The jar id from an upload answer: the file name of `filename` ("/tmp/.../flink-web-upload/<id>").
std::string decode_uploaded_jar_id(const nlohmann::json& j);
nlohmann::json encode_run_request(const RunRequest& request);

}  // namespace flinktop::flink
