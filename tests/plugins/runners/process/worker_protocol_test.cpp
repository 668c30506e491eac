// The protocol's numbers: what JSON cannot hold travels as text and comes back the same.
#include <worker_protocol.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

using namespace hpo::runners::protocol;

TEST_CASE("numbers survive the protocol, infinities and NaN included") {
    const double inf = std::numeric_limits<double>::infinity();
    const auto back = decode_numbers(encode_numbers({0.25, -3, inf, -inf, std::nan("")}));
    REQUIRE(back.size() == 5);
    CHECK(back[0] == 0.25);
    CHECK(back[1] == -3);
    CHECK(back[2] == inf);
    CHECK(back[3] == -inf);
    CHECK(std::isnan(back[4]));
    CHECK(encode_number(inf) == "inf");
    CHECK_THROWS_WITH_AS(decode_number("big"), doctest::Contains("\"big\" is not a number"), std::invalid_argument);
}
