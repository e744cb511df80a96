#include "store/sqlite_writer.h"

#include <algorithm>
#include <cstring>
#include <tuple>
#include <vector>

#include "store/redland.h"

namespace presskg::store_internal {
namespace {

// The tables exactly as librdf 1.0.17's sqlite storage creates them (sqlite_master keeps the text).
constexpr const char* kRedlandTables[][2] = {
    {"uris", "CREATE TABLE uris (id INTEGER PRIMARY KEY, uri TEXT)"},
    {"blanks", "CREATE TABLE blanks (id INTEGER PRIMARY KEY, blank TEXT)"},
    {"literals", "CREATE TABLE literals (id INTEGER PRIMARY KEY, text TEXT, language TEXT, datatype INTEGER)"},
    {"triples",
     "CREATE TABLE triples (subjectUri INTEGER, subjectBlank INTEGER, predicateUri INTEGER, objectUri INTEGER, "
     "objectBlank INTEGER, objectLiteral INTEGER, contextUri INTEGER)"},
};

// What librdf's lookups (WHERE uri = / text = / blank = / contextUri =) need and it never creates.
constexpr const char* kExtraIndexes =
    "CREATE INDEX IF NOT EXISTS presskg_literal_text ON literals (text);"
    "CREATE INDEX IF NOT EXISTS presskg_blank ON blanks (blank);"
    "CREATE INDEX IF NOT EXISTS presskg_context ON triples (contextUri);";

struct DbCloser { void operator()(sqlite3* db) const { sqlite3_close(db); } };
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

Result<DbPtr> OpenDb(const std::string& file) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  DbPtr db(raw);
  if (rc != SQLITE_OK) {
    return IoError("cannot open " + file + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  // Another connection (librdf's, or another process) may hold the lock for a moment.
  sqlite3_busy_timeout(db.get(), 10000);
  return db;
}

}  // namespace

Result<bool> PrepareRedlandSqlite(const std::string& file) {
  Result<DbPtr> db = OpenDb(file);
  if (!db.ok()) return db.status();
  for (const auto& table : kRedlandTables) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db->get(), "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1", -1, &st,
                           nullptr) != SQLITE_OK) {
      return IoError(std::string("cannot read the schema of ") + file + ": " + sqlite3_errmsg(db->get()));
    }
    sqlite3_bind_text(st, 1, table[0], -1, SQLITE_STATIC);
    bool same = false;
    if (sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char* sql = sqlite3_column_text(st, 0);
      same = sql && std::string(reinterpret_cast<const char*>(sql)) == table[1];
    }
    sqlite3_finalize(st);
    if (!same) return false;
  }
  char* err = nullptr;
  if (sqlite3_exec(db->get(), kExtraIndexes, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "unknown error";
    sqlite3_free(err);
    return IoError("cannot index " + file + ": " + m);
  }
  return true;
}

Result<std::unique_ptr<SqliteWriter>> SqliteWriter::Open(const std::string& file) {
  Result<DbPtr> db = OpenDb(file);
  if (!db.ok()) return db.status();
  // synchronous=NORMAL as librdf's default: with the rollback journal sqlite still syncs at each
  // commit, and commits come every 200k statements, so durability costs nothing measurable.
  // A bigger page cache keeps the indexes of a million-quad store in memory during a load.
  sqlite3_exec(db->get(), "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072;", nullptr, nullptr, nullptr);
  std::unique_ptr<SqliteWriter> w(new SqliteWriter(db->release()));
  struct {
    const char* sql;
    sqlite3_stmt** st;
  } const statements[] = {
      {"SELECT id FROM uris WHERE uri = ?1 LIMIT 1", &w->find_uri_},
      {"INSERT INTO uris (id, uri) VALUES (NULL, ?1)", &w->add_uri_},
      {"SELECT id FROM blanks WHERE blank = ?1 LIMIT 1", &w->find_blank_},
      {"INSERT INTO blanks (id, blank) VALUES (NULL, ?1)", &w->add_blank_},
      {"SELECT id FROM literals WHERE text = ?1 AND language IS ?2 AND datatype IS ?3 LIMIT 1", &w->find_lit_},
      {"INSERT INTO literals (id, text, language, datatype) VALUES (NULL, ?1, ?2, ?3)", &w->add_lit_},
      {"INSERT INTO triples (subjectUri, subjectBlank, predicateUri, objectUri, objectBlank, objectLiteral, "
       "contextUri) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
       &w->add_triple_},
      // "+contextUri": look up by subject (spindex), not by graph: a check must not scan a big graph.
      {"SELECT 1 FROM triples WHERE subjectUri IS ?1 AND subjectBlank IS ?2 AND predicateUri = ?3 AND objectUri IS ?4 "
       "AND objectBlank IS ?5 AND objectLiteral IS ?6 AND +contextUri IS ?7 LIMIT 1",
       &w->has_triple_},
      {"SELECT 1 FROM triples WHERE subjectUri IS ?1 AND subjectBlank IS ?2 AND predicateUri = ?3 AND objectUri IS ?4 "
       "AND objectBlank IS ?5 AND objectLiteral IS ?6 LIMIT 1",
       &w->has_triple_any_},
      {"DELETE FROM triples WHERE contextUri = ?1", &w->clear_graph_},
  };
  for (const auto& s : statements) {
    if (Status st = w->Prepare(s.sql, s.st); !st.ok()) return st;
  }
  return w;
}

SqliteWriter::~SqliteWriter() {
  if (in_transaction_) Rollback();
  for (sqlite3_stmt* st : {find_uri_, add_uri_, find_blank_, add_blank_, find_lit_, add_lit_, add_triple_,
                           has_triple_, has_triple_any_, clear_graph_}) {
    sqlite3_finalize(st);
  }
  sqlite3_close(db_);
}

Status SqliteWriter::Prepare(const char* sql, sqlite3_stmt** st) {
  if (sqlite3_prepare_v2(db_, sql, -1, st, nullptr) != SQLITE_OK) return SqlError("cannot prepare statement");
  return Status::OK();
}

Status SqliteWriter::SqlError(const std::string& what) const {
  return Status(StatusCode::kIoError, what + ": " + sqlite3_errmsg(db_));
}

Status SqliteWriter::Begin() {
  if (in_transaction_ && sqlite3_get_autocommit(db_)) {
    // sqlite ended the transaction itself (an I/O or memory error): its rows are gone.
    in_transaction_ = false;
    uris_.clear();
    blanks_.clear();
    literals_.clear();
  }
  if (in_transaction_) return Status::OK();
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return SqlError("cannot start a transaction");
  }
  in_transaction_ = true;
  return Status::OK();
}

Status SqliteWriter::Commit() {
  if (!in_transaction_) return Status::OK();
  // A reader holding the file makes COMMIT busy while the transaction stays open: wait for it
  // (each try waits up to the 10 s busy timeout) instead of throwing the batch away.
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 6; ++attempt) {
    rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
  }
  if (rc == SQLITE_OK) {
    in_transaction_ = false;
    return Status::OK();
  }
  Status s = SqlError("cannot commit; the graphs written since the last commit were not saved");
  Rollback();
  return s;
}

Status SqliteWriter::Savepoint() {
  if (Status s = Begin(); !s.ok()) return s;
  if (sqlite3_exec(db_, "SAVEPOINT presskg_write", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return SqlError("cannot start a savepoint");
  }
  return Status::OK();
}

Status SqliteWriter::Release() {
  if (sqlite3_exec(db_, "RELEASE presskg_write", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status s = SqlError("cannot release a savepoint");
    Rollback();
    return s;
  }
  return Status::OK();
}

void SqliteWriter::RollbackToSavepoint() {
  sqlite3_exec(db_, "ROLLBACK TO presskg_write; RELEASE presskg_write", nullptr, nullptr, nullptr);
  uris_.clear();  // rows added since the savepoint are gone
  blanks_.clear();
  literals_.clear();
  // After SQLITE_FULL, IOERR or NOMEM sqlite may have rolled the whole transaction back by itself:
  // follow it, so the next write begins a fresh IMMEDIATE transaction.
  if (sqlite3_get_autocommit(db_)) in_transaction_ = false;
}

void SqliteWriter::Rollback() {
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  in_transaction_ = false;
  uris_.clear();
  blanks_.clear();
  literals_.clear();
}

// Looks a node row up (cache, then the indexed table) and inserts it when missing.
Result<int64_t> SqliteWriter::NodeId(const std::string& key, sqlite3_stmt* find, sqlite3_stmt* insert,
                                     std::unordered_map<std::string, int64_t>* cache, const std::string& text,
                                     const std::string* lang, int64_t datatype) {
  if (auto it = cache->find(key); it != cache->end()) return it->second;
  auto bind = [&](sqlite3_stmt* st) {
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
    if (find == find_lit_) {
      if (lang) sqlite3_bind_text(st, 2, lang->data(), static_cast<int>(lang->size()), SQLITE_STATIC);
      else sqlite3_bind_null(st, 2);
      if (datatype) sqlite3_bind_int64(st, 3, datatype);
      else sqlite3_bind_null(st, 3);
    }
  };
  bind(find);
  int rc = sqlite3_step(find);
  int64_t id = 0;
  if (rc == SQLITE_ROW) {
    id = sqlite3_column_int64(find, 0);
  } else if (rc != SQLITE_DONE) {
    return SqlError("cannot look up a node");
  }
  sqlite3_reset(find);
  if (id == 0) {
    bind(insert);
    if (sqlite3_step(insert) != SQLITE_DONE) return SqlError("cannot add a node");
    sqlite3_reset(insert);
    id = sqlite3_last_insert_rowid(db_);
  }
  // Bounded: a huge load re-reads ids from the (indexed) tables rather than growing without end.
  if (cache->size() >= 2000000) cache->clear();
  cache->emplace(key, id);
  return id;
}

Result<int64_t> SqliteWriter::UriId(const std::string& uri) {
  return NodeId(uri, find_uri_, add_uri_, &uris_, uri, nullptr, 0);
}

Result<int64_t> SqliteWriter::BlankId(const std::string& label) {
  return NodeId(label, find_blank_, add_blank_, &blanks_, label, nullptr, 0);
}

Result<int64_t> SqliteWriter::LiteralId(const Term& t) {  // caller holds RedlandLock()
  std::string key = t.value;
  key += '\0';
  key += t.lang;
  key += '\0';
  key += t.datatype;
  if (auto it = literals_.find(key); it != literals_.end()) return it->second;
  // Store what librdf makes of the term (it drops xsd:string, lower-cases language tags), as its
  // lookups of query constants go through the same conversion.
  std::unique_ptr<librdf_node, void (*)(librdf_node*)> node(ToNode(t), librdf_free_node);
  if (!node) return Status(StatusCode::kInternal, "cannot convert a literal");
  size_t len = 0;
  const unsigned char* v = librdf_node_get_literal_value_as_counted_string(node.get(), &len);
  const std::string value(reinterpret_cast<const char*>(v), len);
  const char* lang_c = librdf_node_get_literal_value_language(node.get());
  const std::string lang = lang_c ? lang_c : "";
  int64_t dt = 0;
  if (librdf_uri* dt_uri = librdf_node_get_literal_value_datatype_uri(node.get())) {
    Result<int64_t> d = UriId(reinterpret_cast<const char*>(librdf_uri_as_string(dt_uri)));
    if (!d.ok()) return d.status();
    dt = *d;
  }
  return NodeId(key, find_lit_, add_lit_, &literals_, value, lang_c ? &lang : nullptr, dt);
}

Status SqliteWriter::ResolveQuad(const Quad& q, int64_t ctx, Ids* ids) {
  *ids = Ids{};
  ids->ctx = ctx;
  auto fail = [](const Result<int64_t>& r) { return r.ok() ? Status::OK() : r.status(); };
  switch (q.subject.kind) {
    case Term::Kind::kIri: {
      Result<int64_t> r = UriId(q.subject.value);
      if (!r.ok()) return fail(r);
      ids->s_uri = *r;
      break;
    }
    case Term::Kind::kBlank: {
      Result<int64_t> r = BlankId(q.subject.value);
      if (!r.ok()) return fail(r);
      ids->s_blank = *r;
      break;
    }
    default:
      return InvalidArgument("a subject must be an IRI or a blank node");
  }
  if (q.predicate.kind != Term::Kind::kIri) return InvalidArgument("a predicate must be an IRI");
  Result<int64_t> p = UriId(q.predicate.value);
  if (!p.ok()) return p.status();
  ids->p = *p;
  Result<int64_t> o = Status::OK();
  switch (q.object.kind) {
    case Term::Kind::kIri:
      o = UriId(q.object.value);
      if (o.ok()) ids->o_uri = *o;
      break;
    case Term::Kind::kBlank:
      o = BlankId(q.object.value);
      if (o.ok()) ids->o_blank = *o;
      break;
    case Term::Kind::kLiteral:
      o = LiteralId(q.object);
      if (o.ok()) ids->o_lit = *o;
      break;
    case Term::Kind::kNone:
      return InvalidArgument("incomplete quad (subject, predicate and object are required)");
  }
  return o.ok() ? Status::OK() : o.status();
}

namespace {
void BindIds(sqlite3_stmt* st, const int64_t* v, int n) {
  sqlite3_reset(st);
  for (int i = 0; i < n; ++i) {
    if (v[i]) sqlite3_bind_int64(st, i + 1, v[i]);
    else sqlite3_bind_null(st, i + 1);
  }
}
}  // namespace

Result<bool> SqliteWriter::Contains(const Ids& ids, bool any_graph) {
  const int64_t v[7] = {ids.s_uri, ids.s_blank, ids.p, ids.o_uri, ids.o_blank, ids.o_lit, ids.ctx};
  sqlite3_stmt* st = any_graph ? has_triple_any_ : has_triple_;
  BindIds(st, v, any_graph ? 6 : 7);
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return SqlError("cannot look up a statement");
  return rc == SQLITE_ROW;
}

Status SqliteWriter::Insert(const Ids& ids) {
  const int64_t v[7] = {ids.s_uri, ids.s_blank, ids.p, ids.o_uri, ids.o_blank, ids.o_lit, ids.ctx};
  BindIds(add_triple_, v, 7);
  int rc = sqlite3_step(add_triple_);
  sqlite3_reset(add_triple_);
  return rc == SQLITE_DONE ? Status::OK() : SqlError("cannot add a statement");
}

Status SqliteWriter::ClearGraph(const std::string& graph_iri) {
  if (Status s = Begin(); !s.ok()) return s;
  Result<int64_t> ctx = UriId(graph_iri);
  if (!ctx.ok()) return ctx.status();
  sqlite3_reset(clear_graph_);
  sqlite3_bind_int64(clear_graph_, 1, *ctx);
  int rc = sqlite3_step(clear_graph_);
  sqlite3_reset(clear_graph_);
  return rc == SQLITE_DONE ? Status::OK() : SqlError("cannot clear graph <" + graph_iri + ">");
}

Status SqliteWriter::AddQuad(const Quad& q, const std::string& graph_iri, bool check, bool* added) {
  *added = false;
  if (Status s = Begin(); !s.ok()) return s;
  int64_t ctx = 0;
  if (!graph_iri.empty()) {
    Result<int64_t> c = UriId(graph_iri);
    if (!c.ok()) return c.status();
    ctx = *c;
  }
  Ids ids;
  if (Status s = ResolveQuad(q, ctx, &ids); !s.ok()) return s;
  if (check) {
    Result<bool> present = Contains(ids, /*any_graph=*/ctx == 0);
    if (!present.ok()) return present.status();
    if (*present) return Status::OK();
  }
  if (Status s = Insert(ids); !s.ok()) return s;
  *added = true;
  return Status::OK();
}

Status SqliteWriter::ReplaceGraph(const std::string& graph_iri, const Quads& quads, size_t* inserted) {
  *inserted = 0;
  if (Status s = ClearGraph(graph_iri); !s.ok()) return s;
  Result<int64_t> ctx = UriId(graph_iri);
  if (!ctx.ok()) return ctx.status();
  // Set semantics on the stored rows: terms that differ only in ways librdf erases (xsd:string)
  // land on the same ids, so compare ids rather than terms.
  std::vector<Ids> rows(quads.size());
  for (size_t i = 0; i < quads.size(); ++i) {
    if (Status s = ResolveQuad(quads[i], *ctx, &rows[i]); !s.ok()) return s;
  }
  auto key = [](const Ids& r) { return std::tie(r.s_uri, r.s_blank, r.p, r.o_uri, r.o_blank, r.o_lit); };
  std::sort(rows.begin(), rows.end(), [&](const Ids& a, const Ids& b) { return key(a) < key(b); });
  rows.erase(std::unique(rows.begin(), rows.end(), [&](const Ids& a, const Ids& b) { return key(a) == key(b); }),
             rows.end());
  for (const Ids& r : rows) {
    if (Status s = Insert(r); !s.ok()) return s;
  }
  *inserted = rows.size();
  return Status::OK();
}

Status SqliteWriter::CopyUnion(librdf_model* target) {
  librdf_world* world = RedlandWorld();
  // Node tables -> nodes, indexed by row id (ids are small dense integers).
  std::vector<librdf_node*> uris, blanks, literals;
  auto free_all = [&] {
    for (auto* v : {&uris, &blanks, &literals})
      for (librdf_node* n : *v)
        if (n) librdf_free_node(n);
  };
  auto text = [](sqlite3_stmt* st, int col) { return reinterpret_cast<const char*>(sqlite3_column_text(st, col)); };
  auto u8 = [](const char* s) { return reinterpret_cast<const unsigned char*>(s); };
  struct Table {
    const char* sql;
    std::vector<librdf_node*>* nodes;
  } const tables[] = {
      {"SELECT id, uri FROM uris", &uris},
      {"SELECT id, blank FROM blanks", &blanks},
      {"SELECT l.id, l.text, l.language, u.uri FROM literals AS l LEFT JOIN uris AS u ON u.id = l.datatype",
       &literals},
  };
  for (const Table& t : tables) {
    sqlite3_stmt* st = nullptr;
    if (Status s = Prepare(t.sql, &st); !s.ok()) {
      free_all();
      return s;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const int64_t id = sqlite3_column_int64(st, 0);
      if (id <= 0 || id > (int64_t{1} << 31)) continue;  // not a rowid librdf would make
      const char* v = text(st, 1);
      if (!v) continue;
      librdf_node* n = nullptr;
      if (t.nodes == &uris) {
        n = librdf_new_node_from_uri_string(world, u8(v));
      } else if (t.nodes == &blanks) {
        n = librdf_new_node_from_blank_identifier(world, u8(v));
      } else {
        const char* dt = text(st, 3);
        librdf_uri* dt_uri = dt ? librdf_new_uri(world, u8(dt)) : nullptr;
        n = librdf_new_node_from_typed_counted_literal(world, u8(v), static_cast<size_t>(sqlite3_column_bytes(st, 1)),
                                                       text(st, 2), text(st, 2) ? std::strlen(text(st, 2)) : 0,
                                                       dt_uri);
        if (dt_uri) librdf_free_uri(dt_uri);
      }
      if (static_cast<size_t>(id) >= t.nodes->size()) t.nodes->resize(static_cast<size_t>(id) + 1, nullptr);
      (*t.nodes)[static_cast<size_t>(id)] = n;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
      free_all();
      return SqlError("cannot read the store");
    }
  }
  auto node = [](const std::vector<librdf_node*>& v, sqlite3_stmt* st, int col) -> librdf_node* {
    if (sqlite3_column_type(st, col) == SQLITE_NULL) return nullptr;
    const int64_t id = sqlite3_column_int64(st, col);
    return id > 0 && static_cast<size_t>(id) < v.size() ? v[static_cast<size_t>(id)] : nullptr;
  };
  sqlite3_stmt* st = nullptr;
  if (Status s = Prepare("SELECT DISTINCT subjectUri, subjectBlank, predicateUri, objectUri, objectBlank, objectLiteral "
                         "FROM triples",
                         &st);
      !s.ok()) {
    free_all();
    return s;
  }
  int rc;
  Status status = Status::OK();
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    librdf_node* s = node(uris, st, 0);
    if (!s) s = node(blanks, st, 1);
    librdf_node* p = node(uris, st, 2);
    librdf_node* o = node(uris, st, 3);
    if (!o) o = node(blanks, st, 4);
    if (!o) o = node(literals, st, 5);
    if (!s || !p || !o) continue;  // a dangling id: librdf could not read that row either
    // The statement takes the node copies (reference counts, no new strings).
    librdf_statement* triple = librdf_new_statement_from_nodes(world, librdf_new_node_from_node(s),
                                                               librdf_new_node_from_node(p), librdf_new_node_from_node(o));
    const int added = triple ? librdf_model_add_statement(target, triple) : 1;
    if (triple) librdf_free_statement(triple);
    if (added != 0) {
      status = Status(StatusCode::kInternal, "cannot build the union of the graphs");
      break;
    }
  }
  if (status.ok() && rc != SQLITE_DONE && rc != SQLITE_ROW) status = SqlError("cannot read the store");
  sqlite3_finalize(st);
  free_all();
  return status;
}

}  // namespace presskg::store_internal
