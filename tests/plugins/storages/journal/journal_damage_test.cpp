// A damaged journal costs only what the damaged record held: the records after it still
// count, trial numbers go on past the highest one seen, and the damage is reported with the
// file and the byte where it starts. A torn last line (a writer that died mid-append) is
// ignored by readers and cut off by the next writer, whose records start on a fresh line.
#include <file_storage.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <iterator>
#include <fstream>
#include <set>
#include <utility>
#include <vector>
#include <sstream>

using hpo::test::contains;
using hpo::test::FileStorage;
using hpo::test::json;
using hpo::test::numbers_of;
using hpo::test::read_file;
using hpo::test::ScratchDir;

namespace {

void write_file(const std::string &path, const std::string &text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

struct Line {
    size_t offset;
    size_t length; // without the newline
};

// Where the journal's line holding the operation that `matches` starts and how long it is.
template <class Matches>
Line find_line(const std::string &text, Matches &&matches) {
    for (size_t start = 0; start < text.size();) {
        const size_t end = text.find('\n', start);
        REQUIRE(end != std::string::npos);
        const json operation = json::parse(text.substr(start, end - start));
        if (matches(operation)) return {start, end - start};
        start = end + 1;
    }
    FAIL("no such line in the journal");
    return {};
}

Line create_line(const std::string &text, int64_t number) {
    return find_line(text, [&](const json &op) {
        return op["op"] == "create_trial" && op["trial"]["number"] == number;
    });
}

// Overwrites the middle of a line with bytes no JSON parser takes, as a bad disk block would;
// the line keeps its length and its newline.
void garble(std::string &text, const Line &line) {
    for (size_t at = line.offset + line.length / 4; at < line.offset + line.length * 3 / 4; ++at) text[at] = '\x7f';
}

bool warned_about(const FileStorage &storage, const std::string &path, size_t offset) {
    for (const std::string &warning : storage.warnings()) {
        if (contains(warning, path) && contains(warning, "byte " + std::to_string(offset))) return true;
    }
    return false;
}

// A study with five finished trials, numbered 0..4, each with a param, an attribute and a value.
struct FiveTrials {
    explicit FiveTrials(const std::string &path) {
        FileStorage storage("journal", path);
        study = storage.create_study("s");
        for (int n = 0; n < 5; ++n) {
            const int64_t id = storage.create_trial(study);
            ids.insert(id);
            storage.update_trial(study, id, {{"params", {{"x", n}}}});
            storage.update_trial(study, id, {{"user_attrs", {{"round", n}}}});
            storage.update_trial(study, id, {{"state", "COMPLETE"}, {"values", {n * 1.0}}});
        }
    }
    int64_t study = 0;
    std::set<int64_t> ids;
};

} // namespace

TEST_CASE("a damaged trial creation in a journal costs that trial alone") {
    for (const int64_t lost : {0, 2}) { // the first trial, whose loss once restarted the numbering, and one inside
        CAPTURE(lost);
        const ScratchDir dir;
        const std::string path = dir.file("damaged.log");
        const FiveTrials written(path);
        std::string text = read_file(path);
        const Line line = create_line(text, lost);
        garble(text, line);
        write_file(path, text);

        FileStorage storage("journal", path);
        const json trials = storage.all_trials(written.study);
        std::vector<int64_t> expected{0, 1, 2, 3, 4};
        expected.erase(expected.begin() + lost);
        CHECK(numbers_of(trials) == expected);
        for (const json &trial : trials) {
            CHECK(trial["state"] == "COMPLETE");
            CHECK(trial["params"]["x"] == trial["number"]);
        }
        CHECK(warned_about(storage, path, line.offset));
        // The lost trial's later records are skipped too, saying why.
        const int64_t lost_id = *std::next(written.ids.begin(), lost);
        bool explained = false;
        for (const std::string &warning : storage.warnings()) {
            explained |= contains(warning, "no trial with id " + std::to_string(lost_id) + " in study");
        }
        CHECK(explained);

        // Numbering goes on past the highest number seen, and no id is handed out twice.
        int64_t id = -1;
        int64_t number = -1;
        REQUIRE(storage.try_create_trial(written.study, {{"state", "RUNNING"}}, id, number) == HPO_OK);
        CHECK(number == 5);
        CHECK(written.ids.count(id) == 0);

        FileStorage reopened("journal", path);
        expected.push_back(5);
        CHECK(numbers_of(reopened.all_trials(written.study)) == expected);
    }
}

TEST_CASE("a damaged trial update in a journal costs that update alone") {
    const ScratchDir dir;
    const std::string path = dir.file("damaged.log");
    const FiveTrials written(path);
    std::string text = read_file(path);
    const Line line = find_line(text, [](const json &op) {
        return op["op"] == "update_trial" && op["patch"].contains("user_attrs") &&
               op["patch"]["user_attrs"]["round"] == 1;
    });
    garble(text, line);
    write_file(path, text);

    FileStorage storage("journal", path);
    const json trials = storage.all_trials(written.study);
    CHECK(numbers_of(trials) == std::vector<int64_t>{0, 1, 2, 3, 4});
    CHECK(trials[1]["user_attrs"] == json::object());
    CHECK(trials[1]["params"]["x"] == 1);
    CHECK(trials[1]["state"] == "COMPLETE");
    CHECK(trials[2]["user_attrs"]["round"] == 2);
    CHECK(warned_about(storage, path, line.offset));

    int64_t id = -1;
    int64_t number = -1;
    REQUIRE(storage.try_create_trial(written.study, {{"state", "RUNNING"}}, id, number) == HPO_OK);
    CHECK(number == 5);
}

TEST_CASE("a journal cut off mid-line reads up to its last whole line and goes on from there") {
    const ScratchDir dir;
    const std::string path = dir.file("cut.log");
    const FiveTrials written(path);
    const std::string text = read_file(path);
    const Line line = create_line(text, 4);
    // The crash came while trial 4's creation was half written: it never was.
    const std::string kept = text.substr(0, line.offset + line.length / 2);
    write_file(path, kept);

    FileStorage storage("journal", path);
    CHECK(numbers_of(storage.all_trials(written.study)) == std::vector<int64_t>{0, 1, 2, 3});
    CHECK(read_file(path) == kept); // a reader changes nothing

    int64_t id = -1;
    int64_t number = -1;
    REQUIRE(storage.try_create_trial(written.study, {{"state", "RUNNING"}}, id, number) == HPO_OK);
    CHECK(number == 4);
    CHECK(warned_about(storage, path, line.offset));

    // The half record is gone and every line is whole again.
    const std::string now = read_file(path);
    CHECK(now.compare(0, line.offset, text, 0, line.offset) == 0);
    std::istringstream lines(now);
    for (std::string each; std::getline(lines, each);) CHECK(json::accept(each));
    FileStorage reopened("journal", path);
    CHECK(numbers_of(reopened.all_trials(written.study)) == std::vector<int64_t>{0, 1, 2, 3, 4});
    CHECK(reopened.warnings().empty());
}

TEST_CASE("a journal record that would change a finished trial's state is skipped, the trial untouched") {
    const ScratchDir dir;
    const std::string path = dir.file("foreign.log");
    const FiveTrials written(path);
    const int64_t first = *written.ids.begin();
    const size_t offset = read_file(path).size();
    const json foreign = {{"op", "update_trial"}, {"study_id", written.study}, {"trial_id", first},
                          {"patch", {{"values", {99.0}}, {"user_attrs", {{"round", 99}}}, {"state", "FAIL"}}}};
    std::ofstream(path, std::ios::app) << foreign.dump() << "\n";

    FileStorage storage("journal", path);
    const json trial = storage.trial(written.study, first);
    CHECK(trial["state"] == "COMPLETE");
    CHECK(trial["values"] == json{0.0});
    CHECK(trial["user_attrs"]["round"] == 0);
    CHECK(warned_about(storage, path, offset));
}

TEST_CASE("a journal with a torn last record opens and keeps working") {
    const ScratchDir dir;
    const std::string path = dir.file("torn.log");
    int64_t study = 0;
    int64_t first = 0;
    {
        FileStorage storage("journal", path);
        study = storage.create_study("s");
        first = storage.create_trial(study);
        storage.update_trial(study, first, {{"state", "COMPLETE"}, {"values", {1.0}}});
    }
    const std::string intact = read_file(path);
    // A writer that died mid-record: the line has no end.
    std::ofstream(path, std::ios::app) << R"({"op": "update_trial", "study_id": 1, "trial_id": 1, "pat)";

    FileStorage storage("journal", path);
    const json trials = storage.all_trials(study);
    REQUIRE(trials.size() == 1);
    CHECK(trials[0]["state"] == "COMPLETE");

    const int64_t second = storage.create_trial(study);
    storage.update_trial(study, second, {{"state", "COMPLETE"}, {"values", {2.0}}});
    bool warned = false;
    for (const std::string &warning : storage.warnings()) warned |= contains(warning, "torn");
    CHECK(warned);

    const std::string now = read_file(path);
    CHECK(now.compare(0, intact.size(), intact) == 0); // the torn bytes are gone, not buried
    std::istringstream lines(now);
    for (std::string line; std::getline(lines, line);) CHECK(json::accept(line));

    FileStorage reopened("journal", path);
    const json after = reopened.all_trials(study);
    REQUIRE(after.size() == 2);
    CHECK(after[1]["number"] == 1);
    CHECK(after[1]["values"] == json{2.0});
}

TEST_CASE("an unreadable record in the middle of a journal is skipped with a warning") {
    const ScratchDir dir;
    const std::string path = dir.file("damaged.log");
    int64_t study = 0;
    {
        FileStorage storage("journal", path);
        study = storage.create_study("s");
    }
    std::ofstream(path, std::ios::app) << "\x01\x02 damaged block\n";
    {
        FileStorage storage("journal", path);
        storage.create_trial(study);
    }
    FileStorage storage("journal", path);
    CHECK(storage.all_trials(study).size() == 1);
    bool warned = false;
    for (const std::string &warning : storage.warnings()) warned |= contains(warning, "skipped a damaged record");
    CHECK(warned);
}

TEST_CASE("a journal record whose ids are floats is skipped as damaged, not converted") {
    // The fuzz smoke's find: "study_id" became 6.66667e+95, and converting that to an integer
    // is undefined behaviour. Each id and number an operation names must be an integer.
    const ScratchDir dir;
    const std::string path = dir.file("floats.log");
    const FiveTrials written(path);
    std::string text = read_file(path);
    for (const auto &[field, matches] : std::vector<std::pair<std::string, std::function<bool(const json &)>>>{
             {"study_id", [](const json &op) { return op["op"] == "create_trial" && op["trial"]["number"] == 1; }},
             {"trial_id", [](const json &op) { return op["op"] == "update_trial" && op["patch"].contains("user_attrs") &&
                                                      op["patch"]["user_attrs"]["round"] == 3; }}}) {
        const Line line = find_line(text, matches);
        json operation = json::parse(text.substr(line.offset, line.length));
        operation[field] = 6.66667e+95;
        text.replace(line.offset, line.length, operation.dump());
    }
    write_file(path, text);

    FileStorage storage("journal", path);
    const json trials = storage.all_trials(written.study);
    CHECK(numbers_of(trials) == std::vector<int64_t>{0, 2, 3, 4});  // trial 1's creation is lost
    CHECK(trials[2]["user_attrs"] == json::object());                 // trial 3's update is
    CHECK(trials[1]["user_attrs"]["round"] == 2);
    bool explained = false;
    for (const std::string &warning : storage.warnings()) explained |= contains(warning, "\"study_id\" is not an integer");
    CHECK(explained);
}
