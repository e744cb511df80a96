// store/http.h — the libcurl client behind the Graph Store Protocol sink and endpoint queries:
// one connection reused across requests, credentials from the environment or a netrc file,
// bounded retries with exponential backoff on connection errors and HTTP 5xx.
#ifndef PRESSKG_STORE_HTTP_H
#define PRESSKG_STORE_HTTP_H

#include <string>

#include "presskg/rdf.h"
#include "presskg/status.h"
#include "presskg/store.h"

namespace presskg::store_internal {

struct HttpRequest {
  std::string method = "GET";  // GET, POST, PUT, DELETE
  std::string url;
  std::string content_type;    // for a body
  std::string accept;
  std::string body;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  int attempts = 0;  // how many tries it took
};

class HttpClient {
 public:
  explicit HttpClient(EndpointOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Any HTTP status comes back as a response; only transport failures (after retries) and
  // 5xx after the last attempt are errors. what: "PUT graph <g>" etc., for error messages.
  Result<HttpResponse> Perform(const HttpRequest& request, const std::string& what);

 private:
  EndpointOptions options_;
  void* curl_;  // CURL*
};

// "<endpoint> refused PUT graph <g>: HTTP 403 (first line of the body)".
Status HttpError(const std::string& url, const std::string& what, const HttpResponse& r);

// Percent-encodes a query-string component (RFC 3986 unreserved kept).
std::string UrlEncode(const std::string& s);
// URL without its query string and credentials, for messages.
std::string RedactUrl(const std::string& url);

// N-Triples lines for the triples (graph terms ignored); valid Turtle and valid inside SPARQL
// INSERT DATA. ascii: \u escapes instead of UTF-8 (for Turtle bodies, so that no server
// mis-decodes them; Virtuoso's SPARQL parser rejects \u, so Update bodies stay UTF-8).
std::string ToNTriples(const Quads& quads, bool ascii = true);

}  // namespace presskg::store_internal

#endif  // PRESSKG_STORE_HTTP_H
