// The pipe protocol between a runner and its trial worker (hpo-trial-worker): the process
// runner's, and the gpu runner's with isolate "process".
//
// One trial per worker. The runner starts the worker with two pipes: the worker reads the
// runner's lines on descriptor 3 and writes its own on descriptor 4. Each line is one JSON
// object. Numbers that JSON cannot hold travel as the strings "inf", "-inf" and "nan".
//
// 1. The runner's first line says what to run:
//      {"objective": {"name": "mlp", "options": {...}}, "seed": 42, "number": 7,
//       "devices": [0, 1], "n_values": 1, "memory_limit": 268435456 | null,
//       "cgroup": "/sys/fs/cgroup/.../hpo-41-trial-7" | null}
//    devices are numbered as the worker sees them: CUDA_VISIBLE_DEVICES, set by the runner,
//    renumbers the trial's devices from 0. With a cgroup, the worker joins it before it
//    loads the objective, and the cgroup enforces memory_limit; without, RLIMIT_AS does.
// 2. The worker's objective calls the trial API; each call is a request line, answered by
//    one line {"status": 0, ...} (or {"status": <negative hpo_status>, "message": "..."}):
//      {"call": "suggest", "name": "lr", "distribution": "{...}" | null} -> {"value": x}
//      {"call": "param_json", "name": "lr"}                              -> {"json": "0.01"}
//      {"call": "params_json"}                                           -> {"json": "{...}"}
//      {"call": "report", "step": 3, "value": 0.41}                      -> {"prune": true}
//      {"call": "set_user_attr", "key": "k", "value": "<JSON text>"}     -> {}
//      {"call": "set_constraints", "values": [0.5]}                      -> {}
// 3. The worker's last line, unanswered, is the outcome, and it exits 0:
//      {"call": "finish", "status": 0 | 1 (HPO_PRUNED) | <error>, "values": [...],
//       "message": "why it failed"}
// A worker that exits without a finish line (a crash, an exit, a kill) fails its trial with
// what waitpid says of it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace hpo::runners::protocol {

constexpr int runner_to_worker_fd = 3;
constexpr int worker_to_runner_fd = 4;

// A double as the protocol writes it, and back.
nlohmann::json encode_number(double value);
double decode_number(const nlohmann::json &value);
nlohmann::json encode_numbers(const std::vector<double> &values);
std::vector<double> decode_numbers(const nlohmann::json &values);

// Writes one line, whole; std::runtime_error when the other end is gone.
void write_line(int fd, const nlohmann::json &message);

}  // namespace hpo::runners::protocol
