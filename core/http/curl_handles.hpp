// Owning wrappers for libcurl handles (private to core/http): every CURL*, CURLM*, CURLSH*,
// curl_slist*, CURLU* and curl-allocated string is freed by exactly one unique_ptr.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string_view>

namespace flinktop::http::curl {

struct EasyDeleter {
  void operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
};
struct MultiDeleter {
  void operator()(CURLM* h) const noexcept { curl_multi_cleanup(h); }
};
struct ShareDeleter {
  void operator()(CURLSH* h) const noexcept { curl_share_cleanup(h); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};
struct UrlDeleter {
  void operator()(CURLU* u) const noexcept { curl_url_cleanup(u); }
};
struct StringDeleter {
  void operator()(char* s) const noexcept { curl_free(s); }
};

using Easy = std::unique_ptr<CURL, EasyDeleter>;
using Multi = std::unique_ptr<CURLM, MultiDeleter>;
using Share = std::unique_ptr<CURLSH, ShareDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;
using Url = std::unique_ptr<CURLU, UrlDeleter>;
using String = std::unique_ptr<char, StringDeleter>;

// Appends a copy of `line` to `list`; false when out of memory (the list is left as it was).
inline bool append(Slist& list, const char* line) {
  curl_slist* head = curl_slist_append(list.get(), line);
  if (head == nullptr) return false;
  if (head != list.get()) {  // the first append creates the head; later ones return the same head
    (void)list.release();
    list.reset(head);
  }
  return true;
}

}  // namespace flinktop::http::curl
