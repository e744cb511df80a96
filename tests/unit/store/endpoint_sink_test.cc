// The HTTP sink against a scripted local server: retries on 5xx, errors naming endpoint and status,
// GSP parameter choice, SPARQL Update batching, credentials from the environment.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "presskg/store.h"

using namespace presskg;

namespace {

// Answers each connection's requests with the next status in `statuses` (then 200), recording them.
class ScriptedServer {
 public:
  explicit ScriptedServer(std::vector<int> statuses) : statuses_(std::move(statuses)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    ::listen(fd_, 8);
    thread_ = std::thread([this] { Serve(); });
  }
  ~ScriptedServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  std::vector<std::string> requests;  // request line + headers + body, one string each

 private:
  void Serve() {
    size_t next = 0;
    while (!stop_) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string buf;
      char tmp[4096];
      while (true) {
        size_t head_end = buf.find("\r\n\r\n");
        if (head_end != std::string::npos) {
          size_t cl = 0;
          size_t p = buf.find("Content-Length: ");
          if (p != std::string::npos && p < head_end) cl = std::stoul(buf.substr(p + 16));
          if (buf.size() >= head_end + 4 + cl) {
            requests.push_back(buf.substr(0, head_end + 4 + cl));
            buf.erase(0, head_end + 4 + cl);
            int status = next < statuses_.size() ? statuses_[next] : 200;
            ++next;
            std::string body = status == 200 ? "" : "Forbidden by script";
            std::string challenge = status == 401 ? "WWW-Authenticate: Basic realm=\"t\"\r\n" : "";
            std::string resp = "HTTP/1.1 " + std::to_string(status) + " X\r\n" + challenge + "Content-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + body;
            ::send(c, resp.data(), resp.size(), MSG_NOSIGNAL);
            continue;
          }
        }
        ssize_t n = ::recv(c, tmp, sizeof tmp, 0);
        if (n <= 0) break;
        buf.append(tmp, n);
      }
      ::close(c);
    }
  }
  std::vector<int> statuses_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

Quads Graph(const std::string& g, int n) {
  Quads q;
  for (int i = 0; i < n; ++i) {
    q.push_back({Term::Iri("urn:s:" + std::to_string(i)), Term::Iri("urn:p"), Term::Literal("值 " + std::to_string(i)),
                 Term::Iri(g)});
  }
  return q;
}

EndpointOptions Fast() {
  EndpointOptions o;
  o.backoff_ms = 1;
  return o;
}

}  // namespace

TEST_CASE("GSP sink PUTs one graph per request, retrying 5xx", "[store][http]") {
  ::setenv("PRESSKG_USER", "alice", 1);
  ::setenv("PRESSKG_PASSWORD", "s3cret", 1);
  std::vector<std::string> requests;
  {
    ScriptedServer server({503, 502, 401, 201});  // 401: curl answers the challenge itself
    auto sink = OpenEndpointSink(server.url("/store"), Fast());
    REQUIRE(sink.ok());
    Status s = (*sink)->ReplaceGraph("https://w3id.org/presskg/id/graph/a", Graph("urn:g", 3));
    REQUIRE(s.ok());
    REQUIRE((*sink)->Flush().ok());
    CHECK((*sink)->Summary() == "1 graph, 3 triples loaded into " + server.url("/store") + " (1 request)");
    requests = server.requests;
  }
  REQUIRE(requests.size() == 4);
  CHECK(requests[3].rfind("PUT /store?graph=https%3A%2F%2Fw3id.org%2Fpresskg%2Fid%2Fgraph%2Fa HTTP/1.1", 0) == 0);
  CHECK(requests[3].find("Content-Type: text/turtle") != std::string::npos);
  CHECK(requests[3].find("<urn:s:2> <urn:p> \"\\u503C 2\" .") != std::string::npos);
  CHECK(requests[3].find("Authorization: Basic YWxpY2U6czNjcmV0") != std::string::npos);  // alice:s3cret
  ::unsetenv("PRESSKG_USER");
  ::unsetenv("PRESSKG_PASSWORD");
}

TEST_CASE("a refused request names the endpoint and the HTTP status", "[store][http]") {
  ScriptedServer server({403});
  auto sink = OpenEndpointSink(server.url("/sparql-graph-crud-auth"), Fast());
  REQUIRE(sink.ok());
  Status s = (*sink)->ReplaceGraph("urn:g:1", Graph("urn:g:1", 1));
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == StatusCode::kRejected);
  CHECK(s.message().find(server.url("/sparql-graph-crud-auth") + " refused PUT graph <urn:g:1>: HTTP 403") == 0);
  CHECK(s.message().find("Forbidden by script") != std::string::npos);
  REQUIRE(server.requests.size() == 1);  // 4xx is not retried
  CHECK(server.requests[0].find("?graph-uri=urn%3Ag%3A1") != std::string::npos);  // Virtuoso's parameter
}

TEST_CASE("5xx retries are bounded", "[store][http]") {
  ScriptedServer server({500, 500, 500, 500});
  EndpointOptions o = Fast();
  o.max_attempts = 3;
  auto sink = OpenEndpointSink(server.url("/gsp"), o);
  Status s = (*sink)->ReplaceGraph("urn:g:1", Graph("urn:g:1", 1));
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("HTTP 500 after 3 attempts") != std::string::npos);
  CHECK(server.requests.size() == 3);
}

TEST_CASE("an unreachable endpoint is an I/O error naming it", "[store][http]") {
  EndpointOptions o = Fast();
  o.max_attempts = 2;
  auto sink = OpenEndpointSink("http://127.0.0.1:1/gsp", o);
  Status s = (*sink)->ReplaceGraph("urn:g:1", Graph("urn:g:1", 1));
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == StatusCode::kIoError);
  CHECK(s.message().find("http://127.0.0.1:1/gsp") != std::string::npos);
}

TEST_CASE("SPARQL Update sink batches many graphs per request", "[store][http]") {
  ScriptedServer server({});
  EndpointOptions o = Fast();
  o.protocol = EndpointOptions::Protocol::kUpdate;
  o.batch_triples = 5;
  auto sink = OpenEndpointSink(server.url("/update"), o);
  REQUIRE(sink.ok());
  for (int g = 0; g < 4; ++g) REQUIRE((*sink)->ReplaceGraph("urn:g:" + std::to_string(g), Graph("x", 2)).ok());
  REQUIRE((*sink)->Flush().ok());
  CHECK((*sink)->Summary() == "4 graphs, 8 triples loaded into " + server.url("/update") + " (2 requests)");
  REQUIRE(server.requests.size() == 2);  // 6 triples reach the batch size, then 2 at Flush
  CHECK(server.requests[0].find("update=DROP%20SILENT%20GRAPH%20%3Curn%3Ag%3A0%3E") != std::string::npos);
  CHECK(server.requests[0].find("INSERT%20DATA") != std::string::npos);
}
