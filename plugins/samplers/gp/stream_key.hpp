// Keys of the gp sampler's random streams: the kit's, salted with the word gp's keys have
// always started from, so a seed still gives the proposals it gave (the tests pin some).
#pragma once

#include <hpo_kit/random_stream.hpp>

#include <cstdint>
#include <initializer_list>

namespace hpo::gp {

inline uint64_t stream_key(std::initializer_list<uint64_t> words) {
    return plugin_kit::stream_key(words, 0x6a09e667f3bcc909ull);
}

}  // namespace hpo::gp
