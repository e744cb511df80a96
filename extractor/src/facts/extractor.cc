// The Extractor of rules.h: rule packs + mention finder + fact assembly.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

#include <openssl/evp.h>

#include "facts/builder.h"
#include "presskg/mention.h"
#include "presskg/rules.h"
#include "presskg/text.h"

namespace presskg {

namespace {

std::string Sha256Prefix(const std::vector<std::string>& files) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    std::string name = std::filesystem::path(f).filename().string();
    EVP_DigestUpdate(ctx, name.data(), name.size());
    std::string body = buf.str();
    EVP_DigestUpdate(ctx, body.data(), body.size());
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_DigestFinal_ex(ctx, md, &n);
  EVP_MD_CTX_free(ctx);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < 8 && i < n; ++i) {
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 15]);
  }
  return out;
}

std::string ReleaseAnchor(const Document& doc, const PreparedText& text) {
  if (!doc.date.empty()) return doc.date;
  const DatelineSpan& d = text.dateline();
  std::string s, e;
  if (d.found && d.date_end > d.date_begin &&
      NormalizeDate(text.NormalizedView(d.date_begin, d.date_end), "", &s, &e))
    return s;
  // No release date known: the year of the first full date the release states (year, month and
  // day) anchors the dates that omit the year. A bare year ("2034年世界杯") is no evidence of when
  // the release was written, so it is not used: better no date than a wrong one.
  return std::string(FirstFullDateYear(std::string_view(text.normalized()).substr(0, 8000)));
}

class RuleExtractor : public Extractor {
 public:
  std::vector<Fact> Extract(const Document& doc, const PreparedText& text) const override {
    facts::DocView v = facts::ViewOf(doc, text);
    v.release_date = ReleaseAnchor(doc, text);
    std::vector<Mention> ms = finder_->Find(text, MentionContext{v.release_date});
    return facts::BuildFacts(book_, v, ms).facts;
  }

  void ExtractBatch(const std::vector<Release>& releases, std::vector<std::vector<Fact>>* facts) const override {
    std::vector<facts::DocView> views;
    std::vector<std::vector<Mention>> mentions(releases.size());
    views.reserve(releases.size());
    for (std::size_t i = 0; i < releases.size(); ++i) {
      views.push_back(facts::ViewOf(*releases[i].doc, *releases[i].text));
      views.back().release_date = ReleaseAnchor(*releases[i].doc, *releases[i].text);
      mentions[i] = finder_->Find(*releases[i].text, MentionContext{views.back().release_date});
    }
    facts->resize(releases.size());
    for (std::size_t i = 0; i < releases.size(); ++i) {
      (*facts)[i] = facts::BuildFacts(book_, views[i], mentions[i]).facts;
      std::vector<Mention>().swap(mentions[i]);  // freed as soon as used
    }
  }
  std::string Explain(const Document& doc, const PreparedText& text, const std::string& why_not) const override {
    facts::DocView v = facts::ViewOf(doc, text);
    v.release_date = ReleaseAnchor(doc, text);
    std::vector<Mention> ms = finder_->Find(text, MentionContext{v.release_date});
    return facts::ExplainFacts(book_, v, ms, why_not);
  }

  std::string RulePackVersion() const override { return version_; }

  std::vector<RuleExample> Examples() const override {
    std::vector<RuleExample> out;
    for (const auto& r : book_.rules()) {
      for (const auto& t : r->positive) out.push_back(RuleExample{r->id, r->lang, t, true});
      for (const auto& t : r->negative) out.push_back(RuleExample{r->id, r->lang, t, false});
    }
    return out;
  }

  bool CheckExample(const RuleExample& ex, std::string* detail) const override {
    Document doc;
    doc.id = "example";
    doc.text = ex.text;
    doc.lang = ex.lang == "zh" ? "zh-Hans" : ex.lang;
    Result<PreparedText> t = PrepareText(doc, TextOptions{doc.lang, true});
    if (!t.ok()) {
      if (detail) *detail = "PrepareText failed: " + t.status().ToString();
      return false;
    }
    facts::DocView v = facts::ViewOf(doc, *t);
    v.lang = ex.lang;
    std::vector<Mention> ms = finder_->Find(*t, MentionContext{v.release_date});
    facts::BuildResult r = facts::BuildFacts(book_, v, ms);
    bool fired = std::find(r.fired.begin(), r.fired.end(), ex.rule) != r.fired.end();
    if (detail && fired != ex.positive) *detail = facts::ExplainFacts(book_, v, ms, ex.rule);
    return fired == ex.positive;
  }

  rules::RuleBook book_;
  std::unique_ptr<MentionFinder> finder_;
  std::string version_;
};

}  // namespace

Result<std::unique_ptr<Extractor>> Extractor::Load(const ExtractorOptions& options) {
  auto ex = std::make_unique<RuleExtractor>();
  std::string dir = options.rules_dir.empty() ? std::string(PRESSKG_SOURCE_DIR) + "/extractor/rules" : options.rules_dir;
  // The gazetteers (with the text stage's normalisation tables they need) load on a thread of
  // their own while the rule packs are read: the two share nothing, and start-up is their sum.
  MentionOptions mo;
  mo.gazetteer_dir = options.gazetteer_dir;
  Result<std::unique_ptr<MentionFinder>> finder = Internal("gazetteers not loaded");
  std::thread gazetteers;
  try {
    gazetteers = std::thread([&] { finder = MentionFinder::Load(mo); });
  } catch (const std::system_error&) {  // no thread to be had: load them here, one after the other
    finder = MentionFinder::Load(mo);
  }
  Status st = ex->book_.LoadDir(dir);
  if (gazetteers.joinable()) gazetteers.join();
  if (!st.ok()) return st;
  if (!finder.ok()) return finder.status();
  ex->finder_ = std::move(*finder);
  std::vector<std::string> files = ex->book_.files();
  std::string gdir = options.gazetteer_dir.empty() ? std::string(PRESSKG_SOURCE_DIR) + "/extractor/gazetteers"
                                                   : options.gazetteer_dir;
  std::error_code ec;
  std::vector<std::string> gfiles;
  for (auto it = std::filesystem::recursive_directory_iterator(gdir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file()) gfiles.push_back(it->path().string());
  std::sort(gfiles.begin(), gfiles.end());
  files.insert(files.end(), gfiles.begin(), gfiles.end());
  ex->version_ = Sha256Prefix(files);
  return std::unique_ptr<Extractor>(std::move(ex));
}

}  // namespace presskg
