// store/sqlite_writer.h — bulk writes into a Redland sqlite store, straight through sqlite.
//
// librdf's sqlite storage (1.0.17) builds and parses SQL text for every node lookup and every
// statement (5-7 statements per quad) and has no index on literals, blanks or contexts, so loading
// slowed down quadratically (~570 quads/s at 190k quads). This writer keeps Redland's schema and
// row conventions exactly (uris/blanks/literals/triples tables, NULL for absent parts) so librdf
// reads what it writes, but uses prepared statements, a term -> id cache and the extra indexes.
// It is only used when the database has exactly the schema librdf 1.0.17 creates (checked on
// open); otherwise the store writes through librdf.
#ifndef PRESSKG_STORE_SQLITE_WRITER_H
#define PRESSKG_STORE_SQLITE_WRITER_H

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include <redland.h>

#include "presskg/rdf.h"
#include "presskg/status.h"

namespace presskg::store_internal {

// Adds the indexes Redland's sqlite storage lacks (literal text, blank labels, triples by
// context). Call while no librdf storage has the file open: a schema change would invalidate the
// statements librdf prepares with the legacy sqlite3_prepare. Returns false (and does nothing)
// when the tables are not the ones librdf 1.0.17 creates.
Result<bool> PrepareRedlandSqlite(const std::string& file);

class SqliteWriter {
 public:
  // Opens its own connection to a database that PrepareRedlandSqlite accepted.
  static Result<std::unique_ptr<SqliteWriter>> Open(const std::string& file);
  ~SqliteWriter();

  // All writes happen inside one transaction started by the first of them (BEGIN IMMEDIATE, so the
  // term cache cannot go stale under another writer) and ended by Commit or Rollback.
  Status ClearGraph(const std::string& graph_iri);
  // Adds a quad to graph_iri ("" = no graph). check: skip it when already present (in that graph;
  // with no graph, in any graph — as librdf's contains_statement). *added tells whether it was new.
  Status AddQuad(const Quad& q, const std::string& graph_iri, bool check, bool* added);
  // ReplaceGraph's body: clears the graph and inserts the set of distinct quads.
  Status ReplaceGraph(const std::string& graph_iri, const Quads& quads, size_t* inserted);
  Status Commit();
  void Rollback();
  // One write call (a graph) inside the transaction: undone alone when it fails.
  Status Savepoint();
  Status Release();  // on failure the transaction is rolled back
  void RollbackToSavepoint();
  bool in_transaction() const { return in_transaction_; }

  // Adds every distinct triple of all graphs to `target` (the de-duplicated default graph that
  // queries run on). Reads the tables directly, building each node once, instead of librdf's
  // 8-way join per row. Caller holds RedlandLock() and has committed.
  Status CopyUnion(librdf_model* target);

 private:
  struct Ids {  // one triples row; 0 = NULL
    int64_t s_uri = 0, s_blank = 0, p = 0, o_uri = 0, o_blank = 0, o_lit = 0, ctx = 0;
  };
  explicit SqliteWriter(sqlite3* db) : db_(db) {}
  Status Begin();
  Status Prepare(const char* sql, sqlite3_stmt** st);
  Status SqlError(const std::string& what) const;
  Result<int64_t> UriId(const std::string& uri);
  Result<int64_t> BlankId(const std::string& label);
  Result<int64_t> LiteralId(const Term& t);
  Result<int64_t> NodeId(const std::string& key, sqlite3_stmt* find, sqlite3_stmt* insert,
                         std::unordered_map<std::string, int64_t>* cache, const std::string& text,
                         const std::string* lang, int64_t datatype);
  Status ResolveQuad(const Quad& q, int64_t ctx, Ids* ids);
  Result<bool> Contains(const Ids& ids, bool any_graph);
  Status Insert(const Ids& ids);

  sqlite3* db_;
  bool in_transaction_ = false;
  sqlite3_stmt *find_uri_ = nullptr, *add_uri_ = nullptr, *find_blank_ = nullptr, *add_blank_ = nullptr,
               *find_lit_ = nullptr, *add_lit_ = nullptr, *add_triple_ = nullptr, *has_triple_ = nullptr,
               *has_triple_any_ = nullptr, *clear_graph_ = nullptr;
  // Term -> row id. Rows of the node tables are never deleted (librdf does not either), so the
  // cache stays right across commits; a rollback drops it (its inserts are gone).
  std::unordered_map<std::string, int64_t> uris_, blanks_, literals_;
};

}  // namespace presskg::store_internal

#endif  // PRESSKG_STORE_SQLITE_WRITER_H
