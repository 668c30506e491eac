// A numeric table compiled into the plugin (see CMakeLists.txt): row-major values, the last
// column being the label.
#pragma once

namespace hpo::mlp {

struct EmbeddedTable {
    const double *values;
    int rows;
    int columns;
    const char *const *column_names;
};

// The Wisconsin Diagnostic Breast Cancer data (data/README.md): 569 rows, 30 features and
// the label `benign` (1 benign, 0 malignant).
EmbeddedTable breast_cancer_table();

} // namespace hpo::mlp
