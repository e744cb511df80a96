#include "store/redland.h"

#include <sqlite3.h>

#include <cstring>

namespace presskg::store_internal {
namespace {

std::recursive_mutex& Mutex() {
  static std::recursive_mutex mu;
  return mu;
}

std::string& Messages() {
  static std::string messages;
  return messages;
}

int LogHandler(void* /*user_data*/, librdf_log_message* message) {
  // Warnings (e.g. Rasqal's "variable bound but unused") are noise for callers: keep errors only.
  if (librdf_log_message_level(message) < LIBRDF_LOG_ERROR) return 1;
  std::string& m = Messages();
  if (!m.empty()) m += "; ";
  const char* text = librdf_log_message_message(message);
  m += text ? text : "(unknown librdf error)";
  if (raptor_locator* loc = librdf_log_message_locator(message)) {
    if (loc->line > 0) m += " (line " + std::to_string(loc->line) + ")";
  }
  return 1;  // handled: librdf must not print
}

// librdf's sqlite storage opens its own connection without a busy handler and retries a busy
// sqlite3_step in a loop: a query that met another process's write lock spun at 100 % CPU until
// the lock went away. sqlite runs auto extensions on every connection the process opens, librdf's
// included (its storage module links the same libsqlite3), so each gets the timeout that our own
// writer uses, and a busy step sleeps in sqlite instead.
int SetBusyTimeout(sqlite3* db, char** /*error*/, const sqlite3_api_routines* /*api*/) {
  sqlite3_busy_timeout(db, 10000);
  return SQLITE_OK;
}

}  // namespace

librdf_world* RedlandWorld() {
  static librdf_world* world = [] {
    sqlite3_auto_extension(reinterpret_cast<void (*)()>(SetBusyTimeout));
    librdf_world* w = librdf_new_world();
    librdf_world_set_logger(w, nullptr, LogHandler);
    librdf_world_open(w);
    return w;
  }();
  return world;
}

std::unique_lock<std::recursive_mutex> RedlandLock() { return std::unique_lock<std::recursive_mutex>(Mutex()); }

std::string TakeRedlandMessages() {
  std::string m;
  m.swap(Messages());
  return m;
}

librdf_node* ToNode(const Term& t) {
  librdf_world* w = RedlandWorld();
  auto u8 = [](const std::string& s) { return reinterpret_cast<const unsigned char*>(s.c_str()); };
  switch (t.kind) {
    case Term::Kind::kIri:
      return librdf_new_node_from_uri_string(w, u8(t.value));
    case Term::Kind::kBlank:
      return librdf_new_node_from_blank_identifier(w, u8(t.value));
    case Term::Kind::kLiteral: {
      // xsd:string and rdf:langString are implicit in RDF 1.1; Redland wants plain literals for them.
      const bool plain = t.datatype.empty() || !t.lang.empty() ||
                         t.datatype == std::string(ns::kXsd) + "string";
      librdf_uri* dt = plain ? nullptr : librdf_new_uri(w, u8(t.datatype));
      librdf_node* n = librdf_new_node_from_typed_counted_literal(
          w, u8(t.value), t.value.size(), t.lang.empty() ? nullptr : t.lang.c_str(), t.lang.size(), dt);
      if (dt) librdf_free_uri(dt);
      return n;
    }
    case Term::Kind::kNone:
      break;
  }
  return nullptr;
}

Term FromNode(librdf_node* n) {
  if (!n) return {};
  if (librdf_node_is_resource(n)) {
    return Term::Iri(reinterpret_cast<const char*>(librdf_uri_as_string(librdf_node_get_uri(n))));
  }
  if (librdf_node_is_blank(n)) {
    return Term::Blank(reinterpret_cast<const char*>(librdf_node_get_blank_identifier(n)));
  }
  if (librdf_node_is_literal(n)) {
    size_t len = 0;
    const unsigned char* v = librdf_node_get_literal_value_as_counted_string(n, &len);
    Term t = Term::Literal(std::string(reinterpret_cast<const char*>(v), len));
    if (const char* lang = librdf_node_get_literal_value_language(n)) t.lang = lang;
    if (librdf_uri* dt = librdf_node_get_literal_value_datatype_uri(n)) {
      t.datatype = reinterpret_cast<const char*>(librdf_uri_as_string(dt));
      if (t.datatype == std::string(ns::kXsd) + "string") t.datatype.clear();
    }
    return t;
  }
  return {};
}

}  // namespace presskg::store_internal
