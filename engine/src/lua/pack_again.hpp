// Rules for worker threads: a copy of a loaded pack whose Lua rules run in a
// state of their own, so that parts of a run are rated on several threads
// at once rather than one at a time in the pack's one state (run/stream.cpp).
// No Lua types here.
#pragma once

#include <assay/pack.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace assay::lua {

/// `pack` loaded again from its folder, with the same sandbox limits, in a
/// Lua state of its own: when its files are byte for byte the ones loaded
/// and its rule functions are numbered alike; none otherwise (or when the
/// pack has no Lua rules), and the caller keeps to the pack's own state.
std::optional<Pack> pack_again(const Pack& pack);

/// Whether rules run on the states of `packs` used together no more than
/// `pack`'s run budget (instructions and time) allows one state: each state
/// has the whole budget, so one that ran alone would not have stopped, but
/// together they may have used more than the one state could.
bool within_run_budget(const Pack& pack, const std::vector<Pack>& packs);

}  // namespace assay::lua
