// Session: libcurl behind a small, thread-safe API.
//
// Each transfer runs in its own multi handle (an easy + multi pair leased from a pool), driven by
// curl_multi_poll on the calling thread. That gives three things at once:
//  - connection reuse: a pair keeps its multi's connection cache, and the pool hands the most
//    recently used pair out first, so sequential requests ride the same connection;
//  - prompt cancellation: CancelToken's waker calls curl_multi_wakeup, which ends the poll at once
//    even when the server sends nothing;
//  - an idle timeout with millisecond precision: every poll waits at most until the idle deadline,
//    and the callbacks stamp the time of the last byte that moved.
// The DNS cache and TLS sessions are shared across pairs through a CURLSH with real locks.
#include "core/http/session.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <exception>
#include <mutex>
#include <vector>

#include "core/error.hpp"
#include "core/http/curl_handles.hpp"
#include "core/http/exchange.hpp"
#include "core/http/target.hpp"
#include "core/http/transfer_error.hpp"
#include "flinktop/version.hpp"
#include "core/text/ascii_case.hpp"

namespace flinktop::http {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::size_t kMaxIdleTransfers = 8;
constexpr long kMaxConnectionsPerTransfer = 4;
constexpr milliseconds kMaxPollWait{1000};

void global_init() {
  static const CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);  // once, thread-safe
  if (rc != CURLE_OK) throw Error(ErrorKind::Connect, "cannot initialise libcurl");
}


using ShareLocks = std::array<std::mutex, CURL_LOCK_DATA_LAST>;

void lock_share(CURL*, curl_lock_data data, curl_lock_access, void* user) {
  (*static_cast<ShareLocks*>(user))[static_cast<size_t>(data) % CURL_LOCK_DATA_LAST].lock();
}
void unlock_share(CURL*, curl_lock_data data, void* user) {
  (*static_cast<ShareLocks*>(user))[static_cast<size_t>(data) % CURL_LOCK_DATA_LAST].unlock();
}

bool valid_header(const Header& h) {
  if (h.name.empty()) return false;
  for (char c : h.name) {
    if (c == ':' || c == ' ' || c == '\t' || static_cast<unsigned char>(c) < 0x21) return false;
  }
  return h.value.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos;
}

bool has_header(const Request& r, std::string_view name) {
  return std::any_of(r.headers.begin(), r.headers.end(),
                     [&](const Header& h) { return text::ascii_lower(h.name) == name; });
}

curl::Slist build_headers(const Request& r, const Target& t) {
  curl::Slist list;
  auto add = [&list](const std::string& line) {
    if (!curl::append(list, line.c_str()))
      throw Error(ErrorKind::Connect, "out of memory building a request");
  };
  for (const Header& h : r.headers) {
    // Never echo the value: it may be a token.
    if (!valid_header(h)) throw Error(ErrorKind::Usage, "invalid HTTP header " + h.name + " (name or value)");
    add(h.value.empty() ? h.name + ";" : h.name + ": " + h.value);
  }
  if (!has_header(r, "expect")) add("Expect:");              // no 100-continue round trip
  if (!has_header(r, "content-type")) add("Content-Type:");  // not libcurl's form-urlencoded default
  if (!t.host_header.empty() && !has_header(r, "host")) add(t.host_header);
  return list;
}

struct Transfer {
  curl::Easy easy;
  curl::Multi multi;
};

// Wakes the transfer's poll on cancel(); cleared before the multi handle can be reused or freed.
class WakerGuard {
 public:
  WakerGuard(CancelToken* token, CURLM* multi) : token_(token) {
    if (token_) token_->set_waker([multi] { curl_multi_wakeup(multi); });
  }
  ~WakerGuard() {
    if (token_) token_->clear_waker();
  }
  WakerGuard(const WakerGuard&) = delete;
  WakerGuard& operator=(const WakerGuard&) = delete;

 private:
  CancelToken* token_;
};

// The easy handle's membership in its multi; removing it aborts an unfinished transfer (and closes
// that connection, so a cut or abandoned response never poisons the pool).
class Attachment {
 public:
  Attachment(CURLM* multi, CURL* easy) : multi_(multi), easy_(easy) {
    if (curl_multi_add_handle(multi_, easy_) != CURLM_OK) {
      throw Error(ErrorKind::Connect, "cannot start an HTTP transfer (libcurl)");
    }
  }
  ~Attachment() { curl_multi_remove_handle(multi_, easy_); }
  Attachment(const Attachment&) = delete;
  Attachment& operator=(const Attachment&) = delete;

 private:
  CURLM* multi_;
  CURL* easy_;
};

}  // namespace

struct Session::Impl {
  // A pooled pair, returned on every exit path.
  struct Lease {
    Impl& owner;
    std::unique_ptr<Transfer> transfer;
    bool reusable = true;
    ~Lease() { owner.release(std::move(transfer), reusable); }
  };

  explicit Impl(SessionOptions opts);

  Response perform(const Request& request, const BodySink* sink, CancelToken* cancel);

  std::unique_ptr<Transfer> acquire();
  void release(std::unique_ptr<Transfer> transfer, bool reusable) noexcept;
  void configure(CURL* easy, const Request& request, const Target& target, curl_slist* headers,
                 curl_slist* connect_to, Exchange& x) const;

  SessionOptions options;
  std::string user_agent;
  ShareLocks share_locks;
  curl::Share share;  // declared before the pool: idle easy handles detach before it is freed
  std::mutex pool_mutex;
  std::vector<std::unique_ptr<Transfer>> idle;
};

Session::Impl::Impl(SessionOptions opts) : options(std::move(opts)) {
  global_init();
  user_agent = options.user_agent.empty() ? std::string("flinktop/") + kVersion : options.user_agent;
  share.reset(curl_share_init());
  if (!share) throw Error(ErrorKind::Connect, "cannot initialise libcurl (share)");
  curl_share_setopt(share.get(), CURLSHOPT_LOCKFUNC, lock_share);
  curl_share_setopt(share.get(), CURLSHOPT_UNLOCKFUNC, unlock_share);
  curl_share_setopt(share.get(), CURLSHOPT_USERDATA, &share_locks);
  curl_share_setopt(share.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(share.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

std::unique_ptr<Transfer> Session::Impl::acquire() {
  {
    std::lock_guard lock(pool_mutex);
    if (!idle.empty()) {
      std::unique_ptr<Transfer> t = std::move(idle.back());  // most recent: its connection is warmest
      idle.pop_back();
      return t;
    }
  }
  auto t = std::make_unique<Transfer>();
  t->easy.reset(curl_easy_init());
  t->multi.reset(curl_multi_init());
  if (!t->easy || !t->multi) throw Error(ErrorKind::Connect, "cannot initialise libcurl (handles)");
  curl_multi_setopt(t->multi.get(), CURLMOPT_MAXCONNECTS, kMaxConnectionsPerTransfer);
  return t;
}

void Session::Impl::release(std::unique_ptr<Transfer> transfer, bool reusable) noexcept {
  if (!transfer || !reusable) return;
  curl_easy_reset(transfer->easy.get());  // drops pointers into the finished exchange; keeps connections
  try {
    std::lock_guard lock(pool_mutex);
    if (idle.size() < kMaxIdleTransfers) idle.push_back(std::move(transfer));
  } catch (...) {
    // out of memory: the pair is simply freed
  }
}

void Session::Impl::configure(CURL* e, const Request& r, const Target& t, curl_slist* headers,
                              curl_slist* connect_to, Exchange& x) const {
  CURLcode rc = CURLE_OK;
  auto check = [&rc](CURLcode c) {
    if (rc == CURLE_OK) rc = c;
  };
  check(curl_easy_setopt(e, CURLOPT_SHARE, share.get()));
  check(curl_easy_setopt(e, CURLOPT_URL, t.url.c_str()));
  check(curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https"));
  check(curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L));
  check(curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x.errbuf.data()));
  check(curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS)));
  check(curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count())));
  check(curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L));
  check(curl_easy_setopt(e, CURLOPT_USERAGENT, user_agent.c_str()));
  check(curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers));
  check(curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L));
  if (connect_to != nullptr) check(curl_easy_setopt(e, CURLOPT_CONNECT_TO, connect_to));

  // An explicit proxy applies to everything; environment proxies (like kubectl's) never to loopback,
  // where port-forwards and local servers live.
  if (!options.proxy_url.empty()) {
    check(curl_easy_setopt(e, CURLOPT_PROXY, options.proxy_url.c_str()));
  } else if (t.loopback) {
    check(curl_easy_setopt(e, CURLOPT_PROXY, ""));
  }

  const bool with_body =
      !r.body.empty() || r.method == Method::Post || r.method == Method::Put || r.method == Method::Patch;
  switch (r.method) {
    case Method::Get:
      if (with_body)
        check(curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "GET"));
      else
        check(curl_easy_setopt(e, CURLOPT_HTTPGET, 1L));
      break;
    case Method::Post: check(curl_easy_setopt(e, CURLOPT_POST, 1L)); break;
    case Method::Put: check(curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "PUT")); break;
    case Method::Patch: check(curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "PATCH")); break;
    case Method::Delete: check(curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "DELETE")); break;
  }
  if (with_body) {
    check(curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.data()));
    check(curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size())));
  }

  if (t.tls) {
    const TlsConfig& tls = options.tls;
    auto blob = [](const std::string& pem) {  // libcurl copies it (CURL_BLOB_COPY)
      return curl_blob{const_cast<char*>(pem.data()), pem.size(), CURL_BLOB_COPY};
    };
    if (!tls.ca_pem.empty()) {  // only this CA, like kubectl's certificate-authority(-data)
      curl_blob ca = blob(tls.ca_pem);
      check(curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &ca));
      check(curl_easy_setopt(e, CURLOPT_CAINFO, nullptr));
      check(curl_easy_setopt(e, CURLOPT_CAPATH, nullptr));
    }
    if (!tls.client_cert_pem.empty()) {
      curl_blob cert = blob(tls.client_cert_pem);
      check(curl_easy_setopt(e, CURLOPT_SSLCERT_BLOB, &cert));
      check(curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM"));
    }
    if (!tls.client_key_pem.empty()) {
      curl_blob key = blob(tls.client_key_pem);
      check(curl_easy_setopt(e, CURLOPT_SSLKEY_BLOB, &key));
      check(curl_easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM"));
    }
    if (tls.insecure_skip_verify) {
      check(curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L));
      check(curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L));
    }
  }

  check(curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, exchange_on_header));
  check(curl_easy_setopt(e, CURLOPT_HEADERDATA, &x));
  check(curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, exchange_on_body));
  check(curl_easy_setopt(e, CURLOPT_WRITEDATA, &x));
  check(curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L));
  check(curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, exchange_on_progress));
  check(curl_easy_setopt(e, CURLOPT_XFERINFODATA, &x));
  check(curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, exchange_on_connected));
  check(curl_easy_setopt(e, CURLOPT_PREREQDATA, &x));
  if (rc != CURLE_OK) {
    throw Error(ErrorKind::Unsupported, std::string("cannot configure a request to ") + t.names.origin +
                                            " (" + curl_easy_strerror(rc) + ")");
  }
}

Response Session::Impl::perform(const Request& request, const BodySink* sink, CancelToken* cancel) {
  const Target target = make_target(request.url, options);
  if (cancel != nullptr && cancel->cancelled()) throw cancelled_error(target.names);
  const milliseconds idle = request.idle_timeout.count() > 0 ? request.idle_timeout : options.idle_timeout;
  const milliseconds total = request.total_timeout;

  const curl::Slist headers = build_headers(request, target);
  curl::Slist connect_to;
  if (!target.connect_to.empty() && !curl::append(connect_to, target.connect_to.c_str())) {
    throw Error(ErrorKind::Connect, "out of memory building a request");
  }

  // Order matters for unwinding: the attachment goes first, then the waker, then the lease.
  Exchange x;
  x.sink = sink;
  Lease lease{*this, acquire()};
  CURL* easy = lease.transfer->easy.get();
  CURLM* multi = lease.transfer->multi.get();
  configure(easy, request, target, headers.get(), connect_to.get(), x);
  WakerGuard waker(cancel, multi);
  Attachment attachment(multi, easy);

  enum class Outcome { Finished, Cancelled, Stalled, TooLong } outcome = Outcome::Finished;
  const Clock::time_point start = Clock::now();
  for (;;) {
    int running = 0;
    if (curl_multi_perform(multi, &running) != CURLM_OK) {
      lease.reusable = false;
      throw Error(ErrorKind::Connect, "request to " + target.names.origin + " failed inside libcurl (retry)");
    }
    if (running == 0) break;
    if (cancel != nullptr && cancel->cancelled()) {
      outcome = Outcome::Cancelled;
      break;
    }
    const Clock::time_point now = Clock::now();
    milliseconds wait = kMaxPollWait;
    if (x.connected && idle.count() > 0) {  // a zero Session default means no idle limit
      const auto quiet = std::chrono::duration_cast<milliseconds>(now - x.last_activity);
      if (quiet >= idle) {
        outcome = Outcome::Stalled;
        break;
      }
      wait = std::min(wait, idle - quiet);
    }
    if (total.count() > 0) {
      const auto elapsed = std::chrono::duration_cast<milliseconds>(now - start);
      if (elapsed >= total) {
        outcome = Outcome::TooLong;
        break;
      }
      wait = std::min(wait, total - elapsed);
    }
    curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::max<long long>(wait.count(), 1)), nullptr);
  }

  if (x.sink_error) std::rethrow_exception(x.sink_error);
  switch (outcome) {
    case Outcome::Cancelled: throw cancelled_error(target.names);
    case Outcome::Stalled: throw idle_timeout_error(target.names, idle);
    case Outcome::TooLong: throw total_timeout_error(target.names, total);
    case Outcome::Finished: break;
  }

  CURLcode code = CURLE_OK;
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
    if (msg->msg == CURLMSG_DONE) code = msg->data.result;
  }
  if (code == CURLE_OK || (code == CURLE_WRITE_ERROR && x.sink_stopped)) return std::move(x.response);

  TransferFailure failure;
  failure.code = code;
  failure.detail = x.errbuf.data();
  failure.got_response = x.got_response;
  curl_easy_getinfo(easy, CURLINFO_SSL_VERIFYRESULT, &failure.verify_result);
  curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &failure.os_errno);
  throw transfer_error(target.names, failure);
}

Session::Session(SessionOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Session::~Session() = default;

Response Session::send(const Request& request, CancelToken* cancel) {
  return impl_->perform(request, nullptr, cancel);
}

Response Session::stream(const Request& request, const BodySink& sink, CancelToken* cancel) {
  return impl_->perform(request, &sink, cancel);
}

const SessionOptions& Session::options() const noexcept {
  return impl_->options;
}

}  // namespace flinktop::http
