// Party names that are one party only once the state's long form is read away (party_forms.cc).
#pragma once

#include <string>
#include <string_view>

#include "presskg/fact.h"

namespace presskg::facts {

// When `b` restates party `a` in a form that neither contains nor is contained in a's names (the
// headline's 印尼电池公司, the body's 印度尼西亚电池公司（IBC）), b's names become aliases of a: the
// one fact that is kept then carries both forms. Parties known as different entities (two
// gazetteer keys) and countries are left alone.
void AddRestatedNames(const EntityRef& b, EntityRef* a);

}  // namespace presskg::facts
