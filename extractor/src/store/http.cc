#include "store/http.h"

#include <curl/curl.h>
#include <serd/serd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <thread>

namespace presskg::store_internal {
namespace {

size_t AppendBody(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

bool TransientCurlError(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;
  }
}

const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

}  // namespace

HttpClient::HttpClient(EndpointOptions options) : options_(std::move(options)) {
  static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);
  (void)init;
  CURL* c = curl_easy_init();
  curl_ = c;
  if (!c) return;
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, options_.timeout_s);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "presskg/" PRESSKG_VERSION);
  // Credentials: environment first, else netrc. Digest (Virtuoso) or Basic, whichever the server asks.
  const char* user = Env("PRESSKG_USER");
  const char* password = Env("PRESSKG_PASSWORD");
  if (user) {
    curl_easy_setopt(c, CURLOPT_USERNAME, user);
    curl_easy_setopt(c, CURLOPT_PASSWORD, password ? password : "");
  } else {
    std::string netrc = !options_.netrc_file.empty() ? options_.netrc_file
                                                     : (Env("PRESSKG_NETRC") ? Env("PRESSKG_NETRC") : "");
    if (!netrc.empty()) curl_easy_setopt(c, CURLOPT_NETRC_FILE, netrc.c_str());  // curl copies it
    curl_easy_setopt(c, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_OPTIONAL));
  }
  curl_easy_setopt(c, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_ANY));
}

HttpClient::~HttpClient() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Result<HttpResponse> HttpClient::Perform(const HttpRequest& request, const std::string& what) {
  CURL* c = static_cast<CURL*>(curl_);
  if (!c) return Internal("libcurl could not be initialised");
  const std::string where = RedactUrl(request.url);
  curl_slist* headers = nullptr;
  if (!request.content_type.empty()) headers = curl_slist_append(headers, ("Content-Type: " + request.content_type).c_str());
  if (!request.accept.empty()) headers = curl_slist_append(headers, ("Accept: " + request.accept).c_str());
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip before each body

  HttpResponse response;
  Status failure;
  int delay_ms = options_.backoff_ms;
  const int attempts = options_.max_attempts < 1 ? 1 : options_.max_attempts;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    response = HttpResponse();
    response.attempts = attempt;
    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, AppendBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
    if (request.method == "GET") {
      curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
      curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, nullptr);
    } else {
      // The body stays in memory so that curl can resend it after a 401 challenge (digest).
      curl_easy_setopt(c, CURLOPT_POST, 1L);
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method == "POST" ? nullptr : request.method.c_str());
    }
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) {
      curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
      if (response.status < 500 || attempt == attempts) {
        curl_slist_free_all(headers);
        return response;
      }
    } else {
      failure = IoError("cannot reach " + where + " (" + what + "): " + curl_easy_strerror(rc) +
                        (attempt > 1 ? " after " + std::to_string(attempt) + " attempts" : ""));
      if (!TransientCurlError(rc) || attempt == attempts) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    delay_ms *= 2;
  }
  curl_slist_free_all(headers);
  return failure;
}

Status HttpError(const std::string& url, const std::string& what, const HttpResponse& r) {
  std::string first_line = r.body.substr(0, r.body.find('\n'));
  if (first_line.size() > 200) first_line = first_line.substr(0, 200) + "...";
  std::string msg = RedactUrl(url) + " refused " + what + ": HTTP " + std::to_string(r.status);
  if (r.attempts > 1) msg += " after " + std::to_string(r.attempts) + " attempts";
  if (!first_line.empty()) msg += " (" + first_line + ")";
  if (r.status == 401 || r.status == 403) {
    msg += "; credentials come from PRESSKG_USER/PRESSKG_PASSWORD or the netrc file ($PRESSKG_NETRC, ~/.netrc)";
  }
  return Rejected(msg);
}

std::string UrlEncode(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

std::string RedactUrl(const std::string& url) {
  std::string u = url.substr(0, url.find('?'));
  // Drop "user:password@" if someone put credentials into the URL anyway.
  size_t scheme = u.find("://");
  size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  size_t at = u.find('@', start);
  if (at != std::string::npos && at < u.find('/', start)) u.erase(start, at + 1 - start);
  return u;
}

namespace {

SerdNode SerdTerm(const Term& t) {
  const auto* s = reinterpret_cast<const uint8_t*>(t.value.c_str());
  switch (t.kind) {
    case Term::Kind::kIri: return serd_node_from_substring(SERD_URI, s, t.value.size());
    case Term::Kind::kBlank: return serd_node_from_substring(SERD_BLANK, s, t.value.size());
    case Term::Kind::kLiteral: return serd_node_from_substring(SERD_LITERAL, s, t.value.size());
    case Term::Kind::kNone: break;
  }
  return SERD_NODE_NULL;
}

size_t AppendSerd(const void* buf, size_t len, void* out) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buf), len);
  return len;
}

}  // namespace

std::string ToNTriples(const Quads& quads, bool ascii) {
  std::string out;
  SerdEnv* env = serd_env_new(nullptr);
  SerdWriter* w = serd_writer_new(SERD_NTRIPLES, ascii ? SERD_STYLE_ASCII : static_cast<SerdStyle>(0), env, nullptr,
                                  AppendSerd, &out);
  for (const Quad& q : quads) {
    SerdNode s = SerdTerm(q.subject), p = SerdTerm(q.predicate), o = SerdTerm(q.object);
    SerdNode dt = SERD_NODE_NULL, lang = SERD_NODE_NULL;
    if (q.object.is_literal()) {
      if (!q.object.lang.empty()) {
        lang = serd_node_from_substring(SERD_LITERAL, reinterpret_cast<const uint8_t*>(q.object.lang.c_str()),
                                        q.object.lang.size());
      } else if (!q.object.datatype.empty()) {
        dt = serd_node_from_substring(SERD_URI, reinterpret_cast<const uint8_t*>(q.object.datatype.c_str()),
                                      q.object.datatype.size());
      }
    }
    serd_writer_write_statement(w, 0, nullptr, &s, &p, &o, dt.buf ? &dt : nullptr, lang.buf ? &lang : nullptr);
  }
  serd_writer_finish(w);
  serd_writer_free(w);
  serd_env_free(env);
  return out;
}

}  // namespace presskg::store_internal
