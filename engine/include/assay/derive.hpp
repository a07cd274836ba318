// Derived series: the gaps, rates, rolling sums and totals a pack declares
// with `derive "id" { ... }`, computed from a dataset before it is assessed.
// The result is a new Dataset holding the original indicators, areas,
// periods and observations (observation indices unchanged) plus one
// indicator per derivation, so rules assess derived series like any other.
#pragma once

#include <assay/dataset.hpp>
#include <assay/pack.hpp>

namespace assay {

/// `data` with every series `pack` derives appended, in the pack's declared
/// order (a derivation may use an earlier one): the dataset prepare() holds. Values that cannot be
/// computed are missing with the reason ("theft_of_vehicle: N/A in
/// 2006/07"). Throws InputError naming the derivation's file:line when it
/// names an unknown indicator or area or an id the dataset already has.
Dataset derive_series(const Pack& pack, const Dataset& data);

}  // namespace assay
