// The interner (dataset/interner.hpp) against a plain map: ids in order of
// first appearance, found again by find(), the guesses of the name that
// followed, and names taken back by drop_last_added() (the open-addressed
// table moves back the ids their place pushed along) — over many names, so
// that the table grows and its probes wrap around.
#include "dataset/interner.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>
#include <vector>

using assay::dataset::Interner;

TEST_CASE("the interner numbers names as a map would, through drops and growth", "[dataset][interner]") {
    std::mt19937 rng(7);
    for (int round = 0; round < 20; ++round) {
        Interner in;
        std::map<std::string, uint32_t> ids;
        std::vector<std::string> names;  // by id
        const int pool = 1 + round * 40;
        for (int step = 0; step < 4000; ++step) {
            std::string name = "area " + std::to_string(rng() % static_cast<unsigned>(pool));
            if (rng() % 3 == 0) name += std::string(rng() % 20, 'x');  // some longer than eight bytes
            bool added = false;
            uint32_t id = in.intern(name, added);
            auto it = ids.find(name);
            if (it == ids.end()) {
                REQUIRE(added);
                REQUIRE(id == names.size());
                ids.emplace(name, id);
                names.push_back(name);
                if (rng() % 4 == 0) {  // a bad name, taken back
                    in.drop_last_added();
                    ids.erase(name);
                    names.pop_back();
                }
            } else {
                REQUIRE_FALSE(added);
                REQUIRE(id == it->second);
            }
            REQUIRE(in.size() == names.size());
        }
        for (const auto& [name, id] : ids) {
            REQUIRE(in.find(name) == id);
            REQUIRE(in.name(id) == name);
        }
        CHECK(in.find("never seen") == Interner::none);
        std::vector<std::string> taken = in.take();
        CHECK(taken == names);
        CHECK(in.size() == 0);
        CHECK(in.find(names.empty() ? "x" : names.front()) == Interner::none);
    }
}
