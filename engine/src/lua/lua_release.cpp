// lua_release(): the Lua release the engine was built against, for run
// records. Kept here because only engine/src/lua may include Lua headers.
#include <assay/pack.hpp>

#include <lua.hpp>

namespace assay {

std::string_view lua_release() {
    return LUA_RELEASE;
}

}  // namespace assay
