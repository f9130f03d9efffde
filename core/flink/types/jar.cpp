#include "core/flink/types/jar.hpp"

#include "core/flink/json_read.hpp"

namespace flinktop::flink {

using namespace json_read;

JarList decode_jar_list(const json& j) {
  JarList out;
  out.address = string(j, "address");
  for (const auto& f : array(j, "files")) {
    if (!f.is_object()) continue;
    JarFile file;
    file.id = string(f, "id");
    file.name = string(f, "name");
    file.uploaded = integer(f, "uploaded");
    for (const auto& e : array(f, "entry")) {
      if (e.is_object()) file.entry.push_back({string(e, "name"), string(e, "description")});
    }
    out.files.push_back(std::move(file));
  }
  return out;
}

std::string decode_uploaded_jar_id(const json& j) {
  std::string filename = string(j, "filename");
  auto slash = filename.find_last_of("/\\");
  return slash == std::string::npos ? filename : filename.substr(slash + 1);
}

json encode_run_request(const RunRequest& r) {
  json body = json::object();
  if (!r.entry_class.empty()) body["entryClass"] = r.entry_class;
  body["programArgsList"] = r.program_args;
  if (r.parallelism) body["parallelism"] = *r.parallelism;
  if (!r.savepoint_path.empty()) body["savepointPath"] = r.savepoint_path;
  if (r.allow_non_restored_state) body["allowNonRestoredState"] = true;
  return body;
}

}  // namespace flinktop::flink
