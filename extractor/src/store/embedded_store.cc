// The embedded store: Redland (librdf) with the sqlite storage and contexts, one context per
// named graph; SPARQL through Rasqal.
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "presskg/store.h"
#include "store/redland.h"
#include "store/sqlite_writer.h"

namespace presskg {
namespace {

using store_internal::FromNode;
using store_internal::RedlandLock;
using store_internal::RedlandWorld;
using store_internal::SqliteWriter;
using store_internal::TakeRedlandMessages;
using store_internal::ToNode;

// Statements per transaction before an automatic commit: large enough to amortise sqlite's
// commit cost, small enough to bound the journal.
constexpr size_t kMaxPendingStatements = 200000;

bool IsDirectory(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}
bool Exists(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0;
}

// Status with what librdf logged, if anything.
Status RedlandError(StatusCode code, const std::string& what) {
  std::string logged = TakeRedlandMessages();
  return Status(code, logged.empty() ? what : what + ": " + logged);
}

// Owning wrappers so every early return frees what librdf handed out.
struct NodeDeleter { void operator()(librdf_node* n) const { if (n) librdf_free_node(n); } };
struct StatementDeleter { void operator()(librdf_statement* s) const { if (s) librdf_free_statement(s); } };
struct StreamDeleter { void operator()(librdf_stream* s) const { if (s) librdf_free_stream(s); } };
struct QueryDeleter { void operator()(librdf_query* q) const { if (q) librdf_free_query(q); } };
struct ResultsDeleter { void operator()(librdf_query_results* r) const { if (r) librdf_free_query_results(r); } };
using NodePtr = std::unique_ptr<librdf_node, NodeDeleter>;
using StatementPtr = std::unique_ptr<librdf_statement, StatementDeleter>;
using StreamPtr = std::unique_ptr<librdf_stream, StreamDeleter>;
using QueryPtr = std::unique_ptr<librdf_query, QueryDeleter>;
using ResultsPtr = std::unique_ptr<librdf_query_results, ResultsDeleter>;

class RedlandStore final : public Store {
 public:
  RedlandStore(std::string name, librdf_storage* storage, librdf_model* model, std::unique_ptr<SqliteWriter> writer)
      : name_(std::move(name)), storage_(storage), model_(model), writer_(std::move(writer)) {}

  ~RedlandStore() override {
    auto lock = RedlandLock();
    CommitLocked();
    writer_.reset();
    DropUnionLocked();
    librdf_free_model(model_);
    librdf_free_storage(storage_);
    TakeRedlandMessages();
  }

  Status ReplaceGraph(const std::string& graph_iri, const Quads& quads) override {
    if (graph_iri.empty()) return InvalidArgument("ReplaceGraph needs a graph IRI");
    auto lock = RedlandLock();
    if (writer_) {
      return WriteLocked(graph_iri, [&] {
        size_t n = 0;
        Status s = writer_->ReplaceGraph(graph_iri, quads, &n);
        triples_ += n;
        pending_ += n;
        return s;
      });
    }
    NodePtr ctx(ToNode(Term::Iri(graph_iri)));
    if (!ctx) return RedlandError(StatusCode::kInternal, "cannot make graph node <" + graph_iri + ">");
    if (Status s = BeginLocked(); !s.ok()) return s;
    if (librdf_model_context_remove_statements(model_, ctx.get()) != 0) {
      RollbackLocked();
      return RedlandError(StatusCode::kIoError, "cannot clear graph <" + graph_iri + "> in " + name_);
    }
    // Set semantics within a graph: the hashes storage would keep duplicates.
    std::vector<const Quad*> unique;
    unique.reserve(quads.size());
    for (const Quad& q : quads) unique.push_back(&q);
    auto key = [](const Quad* q) { return std::tie(q->subject, q->predicate, q->object); };
    std::sort(unique.begin(), unique.end(), [&](const Quad* a, const Quad* b) { return key(a) < key(b); });
    unique.erase(std::unique(unique.begin(), unique.end(), [&](const Quad* a, const Quad* b) { return key(a) == key(b); }),
                 unique.end());
    for (const Quad* q : unique) {
      if (Status s = AddLocked(ctx.get(), *q, /*check_present=*/false); !s.ok()) {
        RollbackLocked();
        return s;
      }
    }
    graphs_.insert(graph_iri);
    triples_ += unique.size();
    return MaybeCommitLocked();
  }

  Status AddToGraph(const std::string& graph_iri, const Quads& quads) override {
    if (graph_iri.empty()) return InvalidArgument("AddToGraph needs a graph IRI");
    auto lock = RedlandLock();
    if (writer_) {
      return WriteLocked(graph_iri, [&] {
        for (const Quad& q : quads) {
          bool added = false;
          if (Status s = writer_->AddQuad(q, graph_iri, /*check=*/true, &added); !s.ok()) return s;
          if (added) ++triples_, ++pending_;
        }
        return Status::OK();
      });
    }
    NodePtr ctx(ToNode(Term::Iri(graph_iri)));
    if (Status s = BeginLocked(); !s.ok()) return s;
    for (const Quad& q : quads) {
      bool added = false;
      if (Status s = AddLocked(ctx.get(), q, /*check_present=*/true, &added); !s.ok()) {
        RollbackLocked();
        return s;
      }
      if (added) ++triples_;
    }
    graphs_.insert(graph_iri);
    return MaybeCommitLocked();
  }

  Status Add(const Quads& quads) override {
    auto lock = RedlandLock();
    if (writer_) {
      return WriteLocked("", [&] {
        for (const Quad& q : quads) {
          if (!q.graph.is_none() && q.graph.kind != Term::Kind::kIri) return InvalidArgument("a graph name must be an IRI");
          bool added = false;
          const std::string& g = q.graph.is_none() ? std::string() : q.graph.value;
          if (Status s = writer_->AddQuad(q, g, /*check=*/true, &added); !s.ok()) return s;
          if (added) {
            ++triples_, ++pending_;
            if (!g.empty()) graphs_.insert(g);
          }
        }
        return Status::OK();
      });
    }
    if (Status s = BeginLocked(); !s.ok()) return s;
    for (const Quad& q : quads) {
      NodePtr ctx(q.graph.is_none() ? nullptr : ToNode(q.graph));
      bool added = false;
      if (Status s = AddLocked(ctx.get(), q, /*check_present=*/true, &added); !s.ok()) {
        RollbackLocked();
        return s;
      }
      if (added) {
        ++triples_;
        if (!q.graph.is_none()) graphs_.insert(q.graph.value);
      }
    }
    return MaybeCommitLocked();
  }

  Status Flush() override {
    auto lock = RedlandLock();
    return CommitLocked();
  }

  std::string Summary() const override {
    return std::to_string(graphs_.size()) + (graphs_.size() == 1 ? " graph, " : " graphs, ") +
           std::to_string(triples_) + (triples_ == 1 ? " triple" : " triples") + " loaded into " + name_;
  }

  Result<QueryResult> Query(const std::string& sparql) override {
    auto lock = RedlandLock();
    if (Status s = CommitLocked(); !s.ok()) return s;
    TakeRedlandMessages();
    QueryPtr query(librdf_new_query(RedlandWorld(), "sparql", nullptr,
                                    reinterpret_cast<const unsigned char*>(sparql.c_str()), nullptr));
    if (!query) return RedlandError(StatusCode::kParseError, "SPARQL query not accepted");
    librdf_model* target = model_;
    if (!UsesGraphKeyword(sparql)) {
      target = UnionLocked();
      if (!target) return RedlandError(StatusCode::kInternal, "cannot build the union of the graphs");
    }
    ResultsPtr results(librdf_model_query_execute(target, query.get()));
    if (!results) return Status(StatusCode::kParseError, "SPARQL query failed: " + Errors());
    QueryResult out;
    if (librdf_query_results_is_boolean(results.get())) {
      int b = librdf_query_results_get_boolean(results.get());
      if (b < 0) return Status(StatusCode::kInternal, "ASK failed: " + Errors());
      out.is_boolean = true;
      out.boolean = b > 0;
      return out;
    }
    if (!librdf_query_results_is_bindings(results.get())) {
      return Unsupported("only SELECT and ASK queries are supported by the embedded store");
    }
    const int n = librdf_query_results_get_bindings_count(results.get());
    for (int i = 0; i < n; ++i) {
      const char* name = librdf_query_results_get_binding_name(results.get(), i);
      out.variables.emplace_back(name ? name : "");
    }
    while (!librdf_query_results_finished(results.get())) {
      std::vector<Term> row;
      row.reserve(n);
      for (int i = 0; i < n; ++i) {
        NodePtr v(librdf_query_results_get_binding_value(results.get(), i));
        row.push_back(FromNode(v.get()));
      }
      out.rows.push_back(std::move(row));
      librdf_query_results_next(results.get());
    }
    return out;
  }

 private:
  static std::string Errors() {
    std::string m = TakeRedlandMessages();
    return m.empty() ? "unknown error" : m;
  }

  // The default graph of a query is the RDF merge of all graphs: a set of triples. Redland's own
  // union of contexts repeats a triple once per graph holding it (entity labels sit in every
  // release graph), which multiplies rows and makes OPTIONAL joins quadratic. So queries without
  // GRAPH run over a de-duplicated in-memory copy, built on first use after a write.
  librdf_model* UnionLocked() {
    if (union_model_) return union_model_;
    union_storage_ = librdf_new_storage(RedlandWorld(), "hashes", "union", "hash-type='memory',index-predicates='yes'");
    if (!union_storage_) return nullptr;
    union_model_ = librdf_new_model(RedlandWorld(), union_storage_, nullptr);
    if (!union_model_) {
      DropUnionLocked();
      return nullptr;
    }
    if (writer_) {
      if (!writer_->CopyUnion(union_model_).ok()) {
        DropUnionLocked();
        return nullptr;
      }
      return union_model_;
    }
    StreamPtr all(librdf_model_as_stream(model_));
    while (all && !librdf_stream_end(all.get())) {
      librdf_statement* st = librdf_stream_get_object(all.get());  // owned by the stream
      if (!librdf_model_contains_statement(union_model_, st)) librdf_model_add_statement(union_model_, st);
      librdf_stream_next(all.get());
    }
    return union_model_;
  }

  void DropUnionLocked() {
    if (union_model_) librdf_free_model(union_model_);
    if (union_storage_) librdf_free_storage(union_storage_);
    union_model_ = nullptr;
    union_storage_ = nullptr;
  }

  // True when the query names graphs (GRAPH keyword outside IRIs, strings and comments).
  static bool UsesGraphKeyword(const std::string& q) {
    std::string word;
    for (size_t i = 0; i <= q.size(); ++i) {
      const char c = i < q.size() ? q[i] : ' ';
      if (c == '#') {
        i = q.find('\n', i);
        if (i == std::string::npos) break;
        continue;
      }
      if (c == '<') {  // an IRI (no spaces inside), else the less-than operator
        size_t j = i + 1;
        while (j < q.size() && q[j] != '>' && !std::isspace(static_cast<unsigned char>(q[j]))) ++j;
        if (j < q.size() && q[j] == '>') i = j;
        word.clear();
        continue;
      }
      if (c == '"' || c == '\'') {  // a string
        size_t j = i + 1;
        while (j < q.size() && q[j] != c) j += q[j] == '\\' ? 2 : 1;
        i = j;
        word.clear();
        continue;
      }
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':' || c == '?' || c == '$') {
        word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      } else {
        if (word == "GRAPH") return true;
        word.clear();
      }
    }
    return false;
  }

  Status AddLocked(librdf_node* ctx, const Quad& q, bool check_present, bool* added = nullptr) {
    librdf_node* s = ToNode(q.subject);
    librdf_node* p = ToNode(q.predicate);
    librdf_node* o = ToNode(q.object);
    if (!s || !p || !o) {
      for (librdf_node* n : {s, p, o}) if (n) librdf_free_node(n);
      return InvalidArgument("incomplete quad (subject, predicate and object are required)");
    }
    StatementPtr st(librdf_new_statement_from_nodes(RedlandWorld(), s, p, o));  // takes the nodes
    if (!st) return RedlandError(StatusCode::kInternal, "cannot make statement");
    if (check_present) {
      // contains_statement is indexed but ignores graphs; only then look inside the graph.
      if (librdf_model_contains_statement(model_, st.get())) {
        if (!ctx) return Status::OK();
        StreamPtr found(librdf_model_find_statements_in_context(model_, st.get(), ctx));
        if (found && !librdf_stream_end(found.get())) return Status::OK();
      }
    }
    int rc = ctx ? librdf_model_context_add_statement(model_, ctx, st.get())
                 : librdf_model_add_statement(model_, st.get());
    if (rc != 0) return RedlandError(StatusCode::kIoError, "cannot add statement to " + name_);
    if (added) *added = true;
    ++pending_;
    return Status::OK();
  }

  // One write call through the sqlite writer: atomic (a savepoint), counted, committed in batches.
  template <typename F>
  Status WriteLocked(const std::string& graph_iri, F body) {
    DropUnionLocked();
    if (Status s = writer_->Savepoint(); !s.ok()) return s;
    const size_t triples_before = triples_;
    if (Status s = body(); !s.ok()) {
      writer_->RollbackToSavepoint();
      triples_ = triples_before;
      return s;
    }
    if (Status s = writer_->Release(); !s.ok()) {
      triples_ = triples_before;
      return s;
    }
    if (!graph_iri.empty()) graphs_.insert(graph_iri);
    return MaybeCommitLocked();
  }

  Status BeginLocked() {
    DropUnionLocked();  // every write path starts here
    if (in_transaction_ || !transactions_) return Status::OK();
    // Storages without transactions (hashes) answer non-zero: then writes go straight through.
    if (librdf_model_transaction_start(model_) != 0) {
      transactions_ = false;
      TakeRedlandMessages();
      return Status::OK();
    }
    in_transaction_ = true;
    return Status::OK();
  }

  Status MaybeCommitLocked() { return pending_ >= kMaxPendingStatements ? CommitLocked() : Status::OK(); }

  Status CommitLocked() {
    pending_ = 0;
    if (writer_) return writer_->Commit();
    if (!in_transaction_) return Status::OK();
    in_transaction_ = false;
    if (librdf_model_transaction_commit(model_) != 0) {
      return RedlandError(StatusCode::kIoError, "cannot commit to " + name_);
    }
    return Status::OK();
  }

  void RollbackLocked() {
    if (in_transaction_) librdf_model_transaction_rollback(model_);
    in_transaction_ = false;
    pending_ = 0;
  }

  std::string name_;
  librdf_storage* storage_;
  librdf_model* model_;
  librdf_storage* union_storage_ = nullptr;
  librdf_model* union_model_ = nullptr;
  std::unique_ptr<SqliteWriter> writer_;  // sqlite stores: writes bypass librdf (see sqlite_writer.h)
  bool transactions_ = true;
  bool in_transaction_ = false;
  size_t pending_ = 0;
  std::set<std::string> graphs_;  // graphs written through this handle (for Summary)
  size_t triples_ = 0;
};

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, bool create) {
  auto lock = RedlandLock();
  librdf_world* world = RedlandWorld();
  TakeRedlandMessages();
  std::string name, options;
  std::unique_ptr<SqliteWriter> writer;
  const char* storage_name = "sqlite";
  if (path == ":memory:") {
    storage_name = "hashes";
    name = "presskg";
    options = "hash-type='memory',contexts='yes',index-predicates='yes'";
  } else {
    if (path.empty()) return InvalidArgument("empty store path");
    if (!IsDirectory(path)) {
      if (Exists(path)) return InvalidArgument("store path is not a directory: " + path);
      if (!create) return NotFound("no store at " + path);
      if (::mkdir(path.c_str(), 0777) != 0) {
        return IoError("cannot create store directory " + path + ": " + std::strerror(errno));
      }
    }
    name = path + "/presskg.sqlite";
    const bool fresh = !Exists(name);
    if (fresh && !create) return NotFound("no store database in " + path);
    if (fresh) {  // librdf creates its own schema (when a model opens the storage); closed at once
                  // so that the indexes can be added before librdf prepares any statement
      librdf_storage* created = librdf_new_storage(world, "sqlite", name.c_str(), "new='yes',contexts='yes'");
      librdf_model* opened = created ? librdf_new_model(world, created, nullptr) : nullptr;
      if (opened) librdf_free_model(opened);
      if (created) librdf_free_storage(created);
      if (!opened) {
        return RedlandError(StatusCode::kIoError,
                            "cannot create Redland 'sqlite' storage at " + name + " (is librdf-storage-sqlite installed?)");
      }
    }
    // Without the writer (a read-only file, tables of another librdf version) the store still
    // answers queries, and writes go through librdf, slowly.
    // A store busy in another process is an error, not a reason to fall back to the slow path.
    auto busy = [](const Status& st) {
      return st.message().find("locked") != std::string::npos || st.message().find("busy") != std::string::npos;
    };
    Result<bool> redland_schema = store_internal::PrepareRedlandSqlite(name);
    if (!redland_schema.ok() && busy(redland_schema.status())) return redland_schema.status();
    if (redland_schema.ok() && *redland_schema) {
      Result<std::unique_ptr<SqliteWriter>> w = SqliteWriter::Open(name);
      if (w.ok()) writer = std::move(*w);
      else if (busy(w.status())) return w.status();
    }
    // synchronous='normal': durable at each commit, without sqlite's extra fsyncs of 'full'.
    options = "contexts='yes',synchronous='normal'";
  }
  librdf_storage* storage = librdf_new_storage(world, storage_name, name.c_str(), options.c_str());
  if (!storage) {
    return RedlandError(StatusCode::kIoError,
                        std::string("cannot open Redland '") + storage_name + "' storage at " + name +
                            " (is librdf-storage-sqlite installed?)");
  }
  librdf_model* model = librdf_new_model(world, storage, nullptr);
  if (!model) {
    librdf_free_storage(storage);
    return RedlandError(StatusCode::kIoError, "cannot open model on " + name);
  }
  return std::unique_ptr<Store>(new RedlandStore(path, storage, model, std::move(writer)));
}

}  // namespace presskg
