// store/redland.h — the one librdf_world of the process and Term <-> librdf_node conversion.
//
// librdf worlds are not thread-safe: every librdf/Rasqal call made by this module happens while
// holding RedlandLock(). Messages that librdf would print go into a buffer that the caller drains
// with TakeRedlandMessages() to build a Status (the library never prints).
#ifndef PRESSKG_STORE_REDLAND_H
#define PRESSKG_STORE_REDLAND_H

#include <redland.h>

#include <mutex>
#include <string>

#include "presskg/rdf.h"

namespace presskg::store_internal {

librdf_world* RedlandWorld();        // created on first use, lives until exit
std::unique_lock<std::recursive_mutex> RedlandLock();
std::string TakeRedlandMessages();   // errors logged since the last call ("" if none)

// New node (caller frees with librdf_free_node); nullptr for a kNone term.
librdf_node* ToNode(const Term& t);
Term FromNode(librdf_node* n);       // nullptr -> kNone

}  // namespace presskg::store_internal

#endif  // PRESSKG_STORE_REDLAND_H
