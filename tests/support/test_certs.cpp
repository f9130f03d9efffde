// test_certs(): EC P-256 keys (fast to generate), 10-year validity, proper CA / leaf extensions so
// OpenSSL's strict chain checks pass. Runs `openssl` through /bin/sh with paths from mkdtemp, which
// contain no characters that need quoting.
#include "test_certs.hpp"

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace flinktop::test {

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("test_certs: cannot write " + path.string());
}

class Generator {
 public:
  explicit Generator(fs::path dir) : dir_(std::move(dir)) {}

  CertKey ca(const std::string& name, const std::string& subject) {
    const CertKey out = paths(name);
    run("openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -days 3650"
        " -subj '" +
        subject +
        "' -addext basicConstraints=critical,CA:TRUE"
        " -addext keyUsage=critical,keyCertSign,cRLSign"
        " -keyout " +
        out.key_file.string() + " -out " + out.cert_file.string());
    return load(out);
  }

  CertKey leaf(const std::string& name, const std::string& subject, const CertKey& issuer,
               const std::string& extensions) {
    const CertKey out = paths(name);
    const fs::path csr = dir_ / (name + ".csr");
    const fs::path ext = dir_ / (name + ".ext");
    write_file(ext, "basicConstraints=critical,CA:FALSE\n" + extensions);
    run("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj '" + subject +
        "' -keyout " + out.key_file.string() + " -out " + csr.string());
    run("openssl x509 -req -sha256 -days 3650 -in " + csr.string() + " -CA " + issuer.cert_file.string() +
        " -CAkey " + issuer.key_file.string() + " -set_serial 0x" + std::to_string(1000 + ++serial_) +
        " -extfile " + ext.string() + " -out " + out.cert_file.string());
    return load(out);
  }

 private:
  CertKey paths(const std::string& name) const {
    CertKey out;
    out.cert_file = dir_ / (name + ".crt");
    out.key_file = dir_ / (name + ".key");
    return out;
  }

  static CertKey load(CertKey out) {
    out.cert_pem = read_file(out.cert_file);
    out.key_pem = read_file(out.key_file);
    if (out.cert_pem.empty() || out.key_pem.empty()) {
      throw std::runtime_error("test_certs: openssl produced no " + out.cert_file.string());
    }
    return out;
  }

  void run(const std::string& command) {
    const fs::path log = dir_ / "openssl.log";
    const std::string line = command + " >" + log.string() + " 2>&1";
    if (std::system(line.c_str()) != 0) {
      throw std::runtime_error("test_certs: `" + command + "` failed: " + read_file(log));
    }
  }

  fs::path dir_;
  int serial_ = 0;
};

// Owns the generated files for the life of the process.
struct Store {
  TestCerts certs;
  ~Store() {
    std::error_code ignored;
    if (!certs.dir.empty()) fs::remove_all(certs.dir, ignored);
  }
};

// Fills `pki`; its dir is set first so a failure half-way still gets cleaned up at exit.
void generate(TestCerts& pki) {
  std::string pattern = (fs::temp_directory_path() / "flinktop-test-certs-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("test_certs: mkdtemp failed");
  pki.dir = pattern;
  Generator gen(pki.dir);
  pki.ca = gen.ca("ca", "/CN=flinktop test CA");
  pki.other_ca = gen.ca("other-ca", "/CN=flinktop unrelated CA");
  pki.server = gen.leaf("server", "/CN=flinktop test server", pki.ca,
                        "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\n"
                        "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n");
  pki.server_other_name = gen.leaf("server-other-name", "/CN=flink.example.internal", pki.ca,
                                   "subjectAltName=DNS:flink.example.internal\n"
                                   "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n");
  pki.client = gen.leaf("client", "/O=system:masters/CN=flinktop-test-user", pki.ca,
                        "keyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n");
  pki.client_other_ca = gen.leaf("client-other-ca", "/O=system:masters/CN=flinktop-test-user", pki.other_ca,
                                 "keyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n");
}

}  // namespace

const TestCerts& test_certs() {
  static std::once_flag once;
  static Store store;
  std::call_once(once, [] {  // a throw leaves `once` unset: the next caller retries
    if (!store.certs.dir.empty()) {
      std::error_code ignored;
      fs::remove_all(store.certs.dir, ignored);
    }
    store.certs = TestCerts{};
    generate(store.certs);
  });
  return store.certs;
}

}  // namespace flinktop::test
