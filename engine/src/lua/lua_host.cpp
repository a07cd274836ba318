// Calls a pack's rule functions. Each call runs under pcall with a message
// handler adding the Lua lines that led to an error, with a fresh
// instruction budget; a failure is returned as text (the assessment adds the
// rule's name and place, the indicator and the area) and never as a rating.
#include "lua/lua_host.hpp"

#include "lua/dsl_helpers.hpp"

#include "core/shown_text.hpp"

#include "lua/dsl_values.hpp"
#include "lua/lua_util.hpp"
#include "lua/pack_draft.hpp"
#include "lua/rule_views.hpp"
#include "lua/suggest.hpp"

#include <fmt/format.h>

namespace assay::lua {
namespace {

// Set-up in protected mode: the DSL's globals and the `a`/`c` views.
int add_dsl(lua_State* L) {
    Sandbox::of(L).push_env();  // env
    add_dsl_values(L);
    add_dsl_helpers(L);
    add_dsl_declarations(L);
    lua_pop(L, 1);  //
    register_views(L);
    return 0;
}

// Characters of a rule's reason kept for the reports.
constexpr size_t kReasonLength = 300;

// Budget or time-limit failures after which a rule function is not called again in this run.
constexpr int kGiveUpAfter = 10;

std::vector<std::string> labels_of(const Scale& s) {
    std::vector<std::string> labels;
    for (const ScaleLevel& l : s.levels) labels.push_back(l.label);
    return labels;
}

std::string expected_levels(const Scale* scale) {
    if (!scale) return "a level";
    return fmt::format("a level of scale '{}' ({})", scale->name, quoted_list(labels_of(*scale)));
}

// Clears a view when a call ends, however it ends.
struct ViewReset {
    lua_State* L;
    bool counts;
    ~ViewReset() {
        counts ? push_counts_view(L, nullptr) : push_assessment_view(L, nullptr);  // view
        lua_pop(L, 1);
    }
};

}  // namespace

LuaHost::LuaHost(const SandboxLimits& limits) : sandbox_(limits) {
    sandbox_.protect(add_dsl, nullptr);
}

ScriptResult LuaHost::read_result(const Scale* scale, Returned* kept) {
    lua_State* L = sandbox_.state();  // r1 r2
    ScriptResult r;
    if (lua_type(L, -2) == LUA_TSTRING) {
        const std::string_view label = view_of(L, -2);
        std::optional<int> level = scale ? scale->find(label) : std::nullopt;
        if (level && kept) *kept = Returned{true, true, std::string(label)};
        if (level)
            r.level = *level;
        else
            r.error = fmt::format("returned '{}', which is not {}{}", shown_text(label), expected_levels(scale),
                                  scale ? suggest_name(label, labels_of(*scale)) : "");
    } else if (const Unrated* u = to<Unrated>(L, -2)) {
        r.reason = shown_text(u->reason, kReasonLength);
        if (kept) *kept = Returned{true, false, r.reason};
    } else if (lua_isnil(L, -2) && lua_type(L, -1) == LUA_TSTRING) {
        r.reason = shown_text(view_of(L, -1), kReasonLength);  // rule text goes into every report format
        if (kept) *kept = Returned{true, false, r.reason};
    } else if (lua_isnil(L, -2) && !lua_isnil(L, -1)) {
        r.error = fmt::format(
            "returned nil and {} as the reason: the reason for no rating must be text, as in "
            "return nil, \"no data\"",
            describe_value(L, -1));
    } else if (lua_isnil(L, -2)) {
        r.error = fmt::format("returned nothing: return {}, or nil, \"reason\" for no rating", expected_levels(scale));
    } else {
        r.error = fmt::format("returned {}, not {}", describe_value(L, -2), expected_levels(scale));
    }
    lua_pop(L, 2);  //
    return r;
}

void LuaHost::seal(const Pack& pack) {
    std::vector<int> refs;
    auto add = [&](int ref, const std::string& name, const SourceLoc& where) {
        if (ref < 0) return;
        refs.push_back(ref);
        names_[ref] = fmt::format("rule '{}' ({}:{})", name, where.file, where.line);
    };
    for (const Group& g : pack.groups) {
        if (g.rating.kind == RatingRule::Kind::script) add(g.rating.script, g.rating.name, g.rating.where);
        if (g.rollup.kind == RollupRule::Kind::script) add(g.rollup.script, g.id + ".rollup", g.rollup.where);
    }
    for (const Theme& t : pack.themes)
        if (t.rollup.kind == RollupRule::Kind::script) add(t.rollup.script, t.id + ".rollup", t.rollup.where);
    sandbox_.freeze_env();
    guard_.seal(sandbox_, refs);
    begin_assessment();
}

void LuaHost::begin_assessment() {
    std::lock_guard<std::mutex> lock(mutex_);
    exhausted_.clear();
    replays_.clear();
    scales_of_ = nullptr;
    replay_nodes_ = 0;
    const SandboxLimits& limits = sandbox_.limits();
    sandbox_.begin_run("one assessment", limits.run_instructions, limits.run_seconds);
}

RunStatus LuaHost::call(int fn, int nargs) {
    int& exhausted = exhausted_[fn];
    if (exhausted >= kGiveUpAfter || sandbox_.run_exhausted()) {
        lua_pop(sandbox_.state(), nargs + 1);  //
        if (sandbox_.run_exhausted()) return RunStatus{RunStatus::Failure::budget, sandbox_.run_exhausted_message()};
        return RunStatus{RunStatus::Failure::budget,
                         fmt::format("not run: the rule ran out of its instruction budget or time limit {} times "
                                     "already in this assessment (see the first failures)",
                                     exhausted)};
    }
    auto name = names_.find(fn);
    sandbox_.set_task(name != names_.end() ? std::string_view(name->second) : std::string_view("a rule function"));
    RunStatus status = sandbox_.call(nargs, 2);  // r1 r2, or nothing
    if (status.failure == RunStatus::Failure::budget || status.failure == RunStatus::Failure::time) ++exhausted;
    std::string kept = guard_.check(sandbox_);
    if (!kept.empty()) {
        if (status.ok()) lua_pop(sandbox_.state(), 2);  //
        if (status.ok() || status.failure == RunStatus::Failure::error)
            status = RunStatus{RunStatus::Failure::error, kept};
    }
    return status;
}

ScriptResult LuaHost::rate(int fn, const Pack& pack, const Dataset& data, const Outcome& o, bool want_reads) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (o.group >= pack.groups.size() || o.series >= data.series.size())
        return ScriptResult{-1, "the outcome does not belong to this pack and dataset", {}, {}};
    const Scale* scale = group_scale(pack, o.group);
    std::vector<std::string> reads;
    bool other_series = false;
    RateView view{&pack, &data, &o, want_reads ? &reads : nullptr, &other_series};
    // Replayed when an earlier call read the same of `a` (not when explain wants the reads listed).
    Replay* replay = nullptr;
    if (!want_reads) {
        replay = &replays_[fn];
        if (replay->off) replay = nullptr;
    }
    if (replay) {
        ScriptResult r;
        if (replayed(fn, *replay, view, scale, r)) return r;
    }
    lua_State* L = sandbox_.state();
    if (lua_rawgeti(L, LUA_REGISTRYINDEX, fn) != LUA_TFUNCTION) {  // fn
        lua_pop(L, 1);
        return ScriptResult{-1, fmt::format("no rule function with reference {}", fn), {}, {}};
    }
    ViewTrace trace;
    if (replay) view.trace = &trace;
    ViewReset reset{L, false};
    push_assessment_view(L, &view);  // fn a
    RunStatus status = call(fn, 1);  // r1 r2
    if (!status.ok()) return ScriptResult{-1, status.message, {}, std::move(reads)};
    Returned returned;
    ScriptResult r = read_result(scale, replay && trace.replayable ? &returned : nullptr);
    if (returned.kept && r.ok()) remember(*replay, trace, std::move(returned), sandbox_.last_call_instructions());
    r.reads = std::move(reads);
    r.other_series = other_series;
    return r;
}

namespace {
// Different values a read may give before replaying the function is given
// up (a function deciding on a.value or a.area would only grow the tree),
// nodes one function's tree and all of a host's trees may hold, and the
// longest text a tree keeps (a read or a result): the trees stay within a
// few megabytes whatever a pack does.
constexpr size_t kMostBranches = 16;
constexpr size_t kMostNodes = 4096;
constexpr size_t kMostNodesAll = 16384;
constexpr size_t kLongestText = 256;
}  // namespace

bool LuaHost::replayed(int fn, Replay& replay, const RateView& view, const Scale* scale, ScriptResult& r) {
    if (sandbox_.run_exhausted()) return false;
    if (auto ex = exhausted_.find(fn); ex != exhausted_.end() && ex->second >= kGiveUpAfter) return false;
    Replay::Node* n = &replay.root;
    ViewValue got;
    while (!n->leaf) {
        if (!n->has_read) return false;
        try {
            if (!read_view(view, n->read.what, n->read.arg, got)) return false;
        } catch (const std::exception&) {
            return false;  // the call itself says what is wrong
        }
        n = n->after(got);
        if (!n) return false;
    }
    if (n->result.label) {
        if (!scale) return false;    // no scale to rate on: the call says so
        if (n->level_on != scale) {  // the label's level on this scale, found once
            std::optional<int> level = scale->find(n->result.text);
            if (!level) return false;  // another group's scale: the call says so
            n->level_on = scale;
            n->level = *level;
        }
    }
    if (!sandbox_.charge_replayed(n->instructions)) return false;
    if (n->result.label)
        r.level = n->level;
    else
        r.reason = n->result.text;
    ++replayed_calls_;
    return true;
}

const Scale* LuaHost::group_scale(const Pack& pack, uint32_t g) {
    if (scales_of_ != &pack || g >= group_scale_.size()) {  // (a pack's groups are fixed during an assessment)
        scales_of_ = &pack;
        group_scale_.clear();
        for (const Group& group : pack.groups) group_scale_.push_back(pack.find_scale(group.scale));
    }
    return group_scale_[g];
}

void LuaHost::remember(Replay& replay, const ViewTrace& trace, Returned result, uint64_t instructions) {
    // A call that does not fit the tree (it never should), or would make it
    // too large, turns replay off for the function.
    auto give_up = [&] {
        replay.root = Replay::Node{};
        replay.off = true;
        replay_nodes_ -= replay.nodes;  // its tree no longer counts against the host's
        replay.nodes = 0;
    };
    if (result.text.size() > kLongestText) return give_up();
    Replay::Node* n = &replay.root;
    for (const ViewRead& read : trace.reads) {
        if (n->leaf || read.value.s.size() > kLongestText || read.arg.s.size() > kLongestText) return give_up();
        if (!n->has_read) {
            n->has_read = true;
            n->read.what = read.what;
            n->read.arg = read.arg;
        } else if (n->read.what != read.what || !(n->read.arg == read.arg)) {
            return give_up();
        }
        Replay::Node* child = n->after(read.value);
        if (!child) {
            if (n->next.size() >= kMostBranches || replay.nodes >= kMostNodes || replay_nodes_ >= kMostNodesAll)
                return give_up();
            n->next.emplace_back(read.value, std::make_unique<Replay::Node>());
            ++replay.nodes;
            ++replay_nodes_;
            child = n->next.back().second.get();
        }
        n = child;
    }
    if (n->has_read) return give_up();
    if (n->leaf) {
        if (n->result.label != result.label || n->result.text != result.text) return give_up();
        return;
    }
    n->leaf = true;
    n->result = std::move(result);
    n->instructions = instructions;
}

ScriptResult LuaHost::rollup(int fn, const Pack& pack, const Counts& counts) {
    std::lock_guard<std::mutex> lock(mutex_);
    const Scale* scale = nullptr;
    for (const Group& g : pack.groups)
        if (g.rollup.kind == RollupRule::Kind::script && g.rollup.script == fn)
            scale = pack.find_scale(g.scale_rollup.empty() ? g.scale : g.scale_rollup);
    for (const Theme& t : pack.themes)
        if (t.rollup.kind == RollupRule::Kind::script && t.rollup.script == fn) scale = pack.find_scale(t.scale);
    lua_State* L = sandbox_.state();
    if (lua_rawgeti(L, LUA_REGISTRYINDEX, fn) != LUA_TFUNCTION) {  // fn
        lua_pop(L, 1);
        return ScriptResult{-1, fmt::format("no roll-up function with reference {}", fn), {}, {}};
    }
    ViewReset reset{L, true};
    push_counts_view(L, &counts);    // fn c
    RunStatus status = call(fn, 1);  // r1 r2
    if (!status.ok()) return ScriptResult{-1, status.message, {}, {}};
    return read_result(scale);
}

}  // namespace assay::lua
