// mentions/resolve.h — overlap resolution into a caller's vector, for the cascade's stages.
#ifndef PRESSKG_MENTIONS_RESOLVE_H
#define PRESSKG_MENTIONS_RESOLVE_H

#include <cstddef>
#include <vector>

#include "mentions/internal.h"

namespace presskg {
namespace mentions {

// ResolveOverlaps over the candidates a[0, na) followed by b[0, nb) (as if concatenated, without
// copying them together), appended to *out (which must not alias a or b). Same selection as
// ResolveOverlaps: longest first, then priority, then earlier, then source, then input order.
void ResolveOverlapsInto(const Candidate* a, std::size_t na, const Candidate* b, std::size_t nb,
                         std::vector<Candidate>* out);

}  // namespace mentions
}  // namespace presskg

#endif  // PRESSKG_MENTIONS_RESOLVE_H
