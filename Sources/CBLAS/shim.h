#ifndef DIGITALDIVIDE_CBLAS_SHIM_H
#define DIGITALDIVIDE_CBLAS_SHIM_H
// OpenBLAS's own cblas.h (through pkg-config `openblas`), which also declares
// openblas_get_config(), openblas_get_corename(), openblas_set_num_threads().
#include <cblas.h>
#endif
