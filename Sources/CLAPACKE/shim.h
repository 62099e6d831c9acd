#ifndef DIGITALDIVIDE_CLAPACKE_SHIM_H
#define DIGITALDIVIDE_CLAPACKE_SHIM_H
// Only real routines are used; complex types are kept as plain structs so Swift can import them.
#define HAVE_LAPACK_CONFIG_H
#define LAPACK_COMPLEX_STRUCTURE
#include <lapacke.h>
#endif
