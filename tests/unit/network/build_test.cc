// BuildNetwork on agreement facts written the way docs/vocabulary.md fixes them.
#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include "presskg/network.h"

namespace presskg {
namespace {

const std::string B = ns::kDefaultBase;
const std::string P = ns::kPkg;

// Builds the quads of a small archive: releases with agreement facts in their named graphs.
class Archive {
 public:
  void Release(const std::string& id, const std::string& lang, const std::string& published) {
    doc_ = B + "doc/" + id;
    graph_ = Term::Iri(B + "graph/" + id);
    Add(doc_, std::string(ns::kRdf) + "type", Term::Iri(std::string(ns::kSchema) + "NewsArticle"));
    Add(doc_, std::string(ns::kDcterms) + "identifier", Term::Literal(id));
    Add(doc_, std::string(ns::kDcterms) + "language", Term::Literal(lang));
    Add(doc_, std::string(ns::kSchema) + "datePublished",
        Term::Literal(published, std::string(ns::kXsd) + "date"));
  }
  std::string Org(const std::string& key, const std::string& label) {
    std::string iri = B + "org/" + key;
    Add(iri, std::string(ns::kRdf) + "type", Term::Iri(std::string(ns::kSchema) + "Organization"));
    Add(iri, std::string(ns::kRdfs) + "label", Term::Literal(label));
    return iri;
  }
  std::string Country(const std::string& iso, const std::string& label) {
    std::string iri = B + "country/" + iso;
    Add(iri, std::string(ns::kRdf) + "type", Term::Iri(std::string(ns::kSchema) + "Country"));
    Add(iri, std::string(ns::kRdfs) + "label", Term::Literal(label));
    Add(iri, P + "isoCode", Term::Literal(iso));
    return iri;
  }
  void Agreement(const std::string& key, const std::string& kind, const std::vector<std::string>& parties,
                 const std::vector<std::string>& concerned, const std::string& date) {
    std::string f = B + "fact/" + doc_.substr(doc_.rfind('/') + 1) + "/agreement-" + key;
    Add(f, std::string(ns::kRdf) + "type", Term::Iri(P + "Agreement"));
    Add(f, P + "inDocument", Term::Iri(doc_));
    Add(f, P + "kind", Term::Literal(kind));
    for (const auto& p : parties) Add(f, P + "party", Term::Iri(p));
    for (const auto& c : concerned) Add(f, P + "country", Term::Iri(c));
    if (!date.empty()) Add(f, std::string(ns::kDcterms) + "date", Term::Literal(date, std::string(ns::kXsd) + "gYearMonth"));
  }
  // A release with no datePublished, dated by its dateline fact; a country with no label.
  void UndatedRelease(const std::string& id, const std::string& lang, const std::string& dateline) {
    doc_ = B + "doc/" + id;
    graph_ = Term::Iri(B + "graph/" + id);
    Add(doc_, std::string(ns::kDcterms) + "identifier", Term::Literal(id));
    Add(doc_, std::string(ns::kDcterms) + "language", Term::Literal(lang));
    std::string f = B + "fact/" + id + "/dateline-1";
    Add(f, std::string(ns::kRdf) + "type", Term::Iri(P + "Dateline"));
    Add(f, P + "inDocument", Term::Iri(doc_));
    Add(f, std::string(ns::kDcterms) + "date", Term::Literal(dateline, std::string(ns::kXsd) + "date"));
  }
  std::string UnlabeledCountry(const std::string& iso) {
    std::string iri = B + "country/" + iso;
    Add(iri, std::string(ns::kRdf) + "type", Term::Iri(std::string(ns::kSchema) + "Country"));
    return iri;
  }
  const Quads& quads() const { return quads_; }

 private:
  void Add(const std::string& s, const std::string& p, Term o) {
    quads_.push_back(Quad{Term::Iri(s), Term::Iri(p), std::move(o), graph_});
  }
  Quads quads_;
  std::string doc_;
  Term graph_;
};

// Two English releases and one Chinese release.
Archive Sample() {
  Archive a;
  a.Release("r1", "en", "2013-05-16");
  std::string itu = a.Org("itu", "ITU");
  a.Org("itu", "International Telecommunication Union");
  std::string gsma = a.Org("gsma", "GSMA");
  std::string gh = a.Country("GH", "Ghana");
  a.Agreement("a1", "mou", {itu, gsma}, {gh}, "2013-05");
  a.Release("r2", "en", "2014-02-01");
  a.Org("itu", "ITU");
  std::string unesco = a.Org("unesco", "UNESCO");
  std::string kenya = a.Country("KE", "Kenya");
  a.Agreement("a2", "partnership", {a.Org("itu", "ITU"), unesco, kenya}, {}, "");  // year from the release
  a.Release("r3", "zh", "2015-09-09");
  a.Org("itu", "国际电联");
  a.Org("gsma", "GSMA");
  std::string cn = a.Country("CN", "中国");
  a.Agreement("a3", "agreement", {itu, gsma, cn}, {}, "2015-09");
  return a;
}

int Find(const Network& net, const std::string& iri) {
  for (size_t i = 0; i < net.vertices.size(); ++i)
    if (net.vertices[i].iri == iri) return static_cast<int>(i);
  return -1;
}

const NetworkEdge* EdgeOf(const Network& net, const std::string& a, const std::string& b) {
  int x = Find(net, a), y = Find(net, b);
  for (const auto& e : net.edges)
    if ((e.source == x && e.target == y) || (e.source == y && e.target == x)) return &e;
  return nullptr;
}

TEST_CASE("full view joins co-parties and concerned countries, weighted by agreements") {
  Result<Network> net = BuildNetwork(Sample().quads(), NetworkOptions{});
  REQUIRE(net.ok());
  REQUIRE(net->vertices.size() == 6);  // itu gsma unesco GH KE CN
  const NetworkEdge* e = EdgeOf(*net, B + "org/gsma", B + "org/itu");
  REQUIRE(e);
  CHECK(e->weight == 2);
  CHECK(e->years == std::vector<std::string>{"2013", "2015"});
  CHECK(e->kinds == std::vector<std::string>{"agreement", "mou"});
  CHECK(e->docs == std::vector<std::string>{"r1", "r3"});
  CHECK(e->agreements.size() == 2);
  const NetworkEdge* ghana = EdgeOf(*net, B + "org/itu", B + "country/GH");  // concerned country
  REQUIRE(ghana);
  CHECK(ghana->weight == 1);
  const NetworkEdge* kenya = EdgeOf(*net, B + "org/unesco", B + "country/KE");  // country as party
  REQUIRE(kenya);
  CHECK(kenya->years == std::vector<std::string>{"2014"});  // undated fact: the release's year
  CHECK(net->edges.size() == 8);
  for (size_t i = 0; i < net->edges.size(); ++i) {
    CHECK(net->edges[i].source < net->edges[i].target);
    if (i) CHECK(std::make_pair(net->edges[i - 1].source, net->edges[i - 1].target) <
                 std::make_pair(net->edges[i].source, net->edges[i].target));
  }
  const auto& cn = net->vertices[Find(*net, B + "country/CN")];
  CHECK(cn.kind == "country");
  CHECK(cn.iso == "CN");
  CHECK(cn.label == "中国");
}

TEST_CASE("labels: most releases, then longest; a release language wins when asked") {
  Archive a = Sample();
  Result<Network> net = BuildNetwork(a.quads(), NetworkOptions{});
  REQUIRE(net.ok());
  const auto& itu = net->vertices[Find(*net, B + "org/itu")];
  CHECK(itu.label == "ITU");  // written in two releases
  CHECK(itu.labels == std::vector<std::string>{"ITU", "International Telecommunication Union", "国际电联"});
  NetworkOptions zh;
  zh.label_language = "zh";
  net = BuildNetwork(a.quads(), zh);
  REQUIRE(net.ok());
  CHECK(net->vertices[Find(*net, B + "org/itu")].label == "国际电联");
  CHECK(net->vertices[Find(*net, B + "org/gsma")].label == "GSMA");  // one label everywhere
  CHECK(net->vertices[Find(*net, B + "org/unesco")].label == "UNESCO");  // no Chinese label: best other
}

TEST_CASE("bipartite organization-country view") {
  NetworkOptions o;
  o.view = NetworkOptions::View::kOrgCountry;
  Result<Network> net = BuildNetwork(Sample().quads(), o);
  REQUIRE(net.ok());
  for (const auto& e : net->edges)
    CHECK(net->vertices[e.source].kind != net->vertices[e.target].kind);
  CHECK(EdgeOf(*net, B + "org/itu", B + "country/GH"));
  CHECK(EdgeOf(*net, B + "org/itu", B + "country/CN"));
  CHECK(EdgeOf(*net, B + "org/unesco", B + "country/KE"));
  CHECK_FALSE(EdgeOf(*net, B + "org/itu", B + "org/gsma"));
  CHECK(net->edges.size() == 6);  // itu–GH gsma–GH itu–KE unesco–KE itu–CN gsma–CN
}

TEST_CASE("projected organization-organization view") {
  NetworkOptions o;
  o.view = NetworkOptions::View::kOrgOrg;
  Result<Network> net = BuildNetwork(Sample().quads(), o);
  REQUIRE(net.ok());
  CHECK(net->vertices.size() == 3);
  for (const auto& v : net->vertices) CHECK(v.kind == "organization");
  REQUIRE(net->edges.size() == 2);
  CHECK(EdgeOf(*net, B + "org/itu", B + "org/gsma")->weight == 2);
  CHECK(EdgeOf(*net, B + "org/itu", B + "org/unesco")->weight == 1);
}

TEST_CASE("filters: year range, kind, country") {
  NetworkOptions years;
  years.year_from = 2014;
  years.year_to = 2015;
  Result<Network> net = BuildNetwork(Sample().quads(), years);
  REQUIRE(net.ok());
  CHECK(Find(*net, B + "country/GH") == -1);  // 2013 only
  CHECK(EdgeOf(*net, B + "org/itu", B + "org/gsma")->weight == 1);

  NetworkOptions kind;
  kind.kinds = {"mou"};
  net = BuildNetwork(Sample().quads(), kind);
  REQUIRE(net.ok());
  CHECK(net->vertices.size() == 3);
  CHECK(net->edges.size() == 3);

  NetworkOptions country;
  country.countries = {"ke"};
  net = BuildNetwork(Sample().quads(), country);
  REQUIRE(net.ok());
  CHECK(net->vertices.size() == 3);  // itu unesco KE
  CHECK(Find(*net, B + "org/unesco") >= 0);

  NetworkOptions bad;
  bad.kinds = {"treaty"};
  CHECK(BuildNetwork(Sample().quads(), bad).status().code() == StatusCode::kInvalidArgument);
  NetworkOptions reversed;
  reversed.year_from = 2016;
  reversed.year_to = 2010;
  CHECK_FALSE(BuildNetwork(Sample().quads(), reversed).ok());
}

TEST_CASE("same input in another order gives the same network") {
  Quads q = Sample().quads();
  std::reverse(q.begin(), q.end());
  Result<Network> a = BuildNetwork(Sample().quads(), NetworkOptions{});
  Result<Network> b = BuildNetwork(q, NetworkOptions{});
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(WriteGraphMl(*a, nullptr) == WriteGraphMl(*b, nullptr));
}

TEST_CASE("dateline year and CLDR names for unlabeled countries") {
  Archive a;
  a.UndatedRelease("x1", "zh-Hans", "2019-11-02");
  std::string sn = a.UnlabeledCountry("SN");
  a.Agreement("a1", "mou", {a.Org("wb", "世界银行"), sn}, {}, "");
  Result<Network> net = BuildNetwork(a.quads(), NetworkOptions{});
  REQUIRE(net.ok());
  REQUIRE(net->edges.size() == 1);
  CHECK(net->edges[0].years == std::vector<std::string>{"2019"});
  CHECK(net->edges[0].docs == std::vector<std::string>{"x1"});
  CHECK(net->vertices[Find(*net, sn)].label == "塞内加尔");  // the release's language
  CHECK(net->vertices[Find(*net, sn)].labels.empty());
  NetworkOptions en;
  en.label_language = "en";
  net = BuildNetwork(a.quads(), en);
  REQUIRE(net.ok());
  CHECK(net->vertices[Find(*net, sn)].label == "Senegal");
  CHECK(net->vertices[Find(*net, B + "org/wb")].label == "世界银行");  // its only label
}

TEST_CASE("labels of unknown language are judged by script") {
  Archive a;
  a.UndatedRelease("y1", "", "2020-01-01");  // no language recorded
  std::string un = a.Org("un", "United Nations");
  a.Org("un", "UN");
  a.Org("un", "联合国");
  a.Agreement("a1", "mou", {un, a.Org("who", "WHO")}, {}, "");
  NetworkOptions zh;
  zh.label_language = "zh";
  Result<Network> net = BuildNetwork(a.quads(), zh);
  REQUIRE(net.ok());
  CHECK(net->vertices[Find(*net, un)].label == "联合国");
  NetworkOptions ru;
  ru.label_language = "ru";  // no Cyrillic label: the usual order
  net = BuildNetwork(a.quads(), ru);
  REQUIRE(net.ok());
  CHECK(net->vertices[Find(*net, un)].label == "United Nations");
}

TEST_CASE("CSV and DOT quote what needs quoting") {
  Network net;
  net.vertices = {{"urn:a", "Alpha, \"the first\"", "organization", {"Alpha, \"the first\"", "A"}, ""},
                  {"urn:b", "中国", "country", {"中国"}, "CN"}};
  NetworkEdge e;
  e.source = 0;
  e.target = 1;
  e.weight = 2;
  e.years = {"2013", "2014"};
  e.kinds = {"mou"};
  e.docs = {"r1", "r2"};
  net.edges = {e};
  NetworkMetrics m = ComputeMetrics(net);
  const std::string nodes = WriteNodesCsv(net, &m);
  CHECK(nodes.find("n0,urn:a,\"Alpha, \"\"the first\"\"\",organization,,\"Alpha, \"\"the first\"\" | A\",1,2,") !=
        std::string::npos);
  CHECK(nodes.find("n1,urn:b,中国,country,CN,中国,1,2,0,1,0.5,0,1,false\n") != std::string::npos);
  CHECK(WriteEdgesCsv(net) ==
        "source,target,source_label,target_label,weight,years,kinds,docs\n"
        "n0,n1,\"Alpha, \"\"the first\"\"\",中国,2,2013;2014,mou,r1;r2\n");
  const std::string dot = WriteDot(net, &m);
  CHECK(dot.find("n0 [label=\"Alpha, \\\"the first\\\"\"") != std::string::npos);
  CHECK(dot.find("n0 -- n1 [weight=\"2\", years=\"2013;2014\"") != std::string::npos);
}

TEST_CASE("a missing Graphviz program is reported, not thrown") {
  Network net;
  net.vertices = {{"urn:a", "a", "organization", {}, ""}};
  SvgOptions o;
  o.layout = "presskg-no-such-layout-program";
  Result<std::string> svg = RenderSvg(net, ComputeMetrics(net), o);
  REQUIRE_FALSE(svg.ok());
  CHECK(svg.status().code() == StatusCode::kUnsupported);
  o.layout = "/bin/sh";
  CHECK(RenderSvg(net, ComputeMetrics(net), o).status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("no agreements: an empty network, metrics and exports still work") {
  Result<Network> net = BuildNetwork(Quads{}, NetworkOptions{});
  REQUIRE(net.ok());
  CHECK(net->vertices.empty());
  NetworkMetrics m = ComputeMetrics(*net);
  CHECK(m.vertices.empty());
  CHECK(WriteGraphMl(*net, &m).find("<graph ") != std::string::npos);
}

}  // namespace
}  // namespace presskg
