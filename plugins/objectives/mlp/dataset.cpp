#include "dataset.hpp"

#include "embedded_table.hpp"

#include <hpo_kit/random_stream.hpp>

#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

namespace hpo::mlp {
namespace {

void shuffle(std::vector<Eigen::Index> &indices, plugin_kit::RandomStream &random) {
    for (size_t i = indices.size(); i > 1; --i) {
        std::swap(indices[i - 1], indices[random.below(i)]);
    }
}

Dataset rows_of(const Dataset &data, const std::vector<Eigen::Index> &rows) {
    Dataset out{Matrix(static_cast<Eigen::Index>(rows.size()), data.features.cols()),
                Vector(static_cast<Eigen::Index>(rows.size()))};
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto row = static_cast<Eigen::Index>(i);
        out.features.row(row) = data.features.row(rows[i]);
        out.labels(row) = data.labels(rows[i]);
    }
    return out;
}

void standardize(Split &split) {
    const RowVector mean = split.train.features.colwise().mean();
    RowVector deviation =
        ((split.train.features.rowwise() - mean).array().square().colwise().sum() /
         static_cast<Scalar>(split.train.size()))
            .sqrt()
            .matrix();
    // A constant feature carries nothing: centre it and leave its scale alone.
    deviation = (deviation.array() > 0).select(deviation, Scalar{1});
    for (Dataset *part : {&split.train, &split.validation}) {
        part->features =
            ((part->features.rowwise() - mean).array().rowwise() / deviation.array()).matrix();
    }
}

} // namespace

Dataset breast_cancer() {
    const EmbeddedTable table = breast_cancer_table();
    const Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>
        all(table.values, table.rows, table.columns);
    return {all.leftCols(table.columns - 1).cast<Scalar>(), all.rightCols(1).cast<Scalar>()};
}

Split stratified_split(const Dataset &data, double validation_fraction, uint64_t seed) {
    if (!(validation_fraction > 0 && validation_fraction < 1)) {
        throw std::invalid_argument("the validation fraction must lie in (0, 1)");
    }
    plugin_kit::RandomStream random(seed);
    std::vector<Eigen::Index> train_rows;
    std::vector<Eigen::Index> validation_rows;
    for (const Scalar label : {Scalar{0}, Scalar{1}}) {
        std::vector<Eigen::Index> rows;
        for (Eigen::Index i = 0; i < data.size(); ++i) {
            if (data.labels(i) == label) rows.push_back(i);
        }
        shuffle(rows, random);
        const auto n_validation = static_cast<size_t>(
            std::lround(validation_fraction * static_cast<double>(rows.size())));
        validation_rows.insert(validation_rows.end(), rows.begin(),
                               rows.begin() + static_cast<ptrdiff_t>(n_validation));
        train_rows.insert(train_rows.end(), rows.begin() + static_cast<ptrdiff_t>(n_validation),
                          rows.end());
    }
    Split split{rows_of(data, train_rows), rows_of(data, validation_rows)};
    standardize(split);
    return split;
}

} // namespace hpo::mlp
