// The assay command: everything lives in the assay_cli library.
#include <app.hpp>

int main(int argc, char** argv) {
    return assay::cli::main(argc, argv);
}
