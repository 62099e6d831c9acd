// Vectorised transcendental kernels of DigitalDivide (natural logarithm, exponential, and the division-and-combine
// loops of the quasi-arithmetic means around them), compiled three times (AVX-512, AVX2 + FMA, baseline x86-64)
// and chosen at run time for the CPU (`__builtin_cpu_supports`). Only the LinearAlgebra module uses this target.
//
// Every path evaluates the same IEEE-754 operations in the same order per element (floating-point contraction is
// off, so no path fuses a multiply and an add), so every path gives bit-identical results, and the scalar
// `dd_log`/`dd_exp` give the same bits as the array kernels. Error: under 1 ulp (fdlibm's algorithms).
#ifndef DIVIDE_KERNELS_H
#define DIVIDE_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Kernel paths, in increasing order of vector width.
enum {
    DD_PATH_BASELINE = 0,  // x86-64 baseline (SSE2), or any other architecture (portable C)
    DD_PATH_AVX2 = 1,      // AVX2 + FMA (FMA is never used for contraction: the results stay identical)
    DD_PATH_AVX512 = 2     // AVX-512 F + DQ
};

/// The widest path this CPU supports.
int dd_kernel_best_path(void);
/// The path the kernels take now: the best path, unless `DIVIDE_KERNEL_PATH` (baseline, avx2, avx512; read once,
/// for tests) or `dd_kernel_set_path` chose a narrower one.
int dd_kernel_path(void);
/// Sets the path (clamped to what the CPU supports); returns the path now taken. For tests.
int dd_kernel_set_path(int path);
/// Whether the path was forced (by the environment variable or `dd_kernel_set_path`).
int dd_kernel_path_forced(void);

/// `ln x` for every double (−∞ at ±0, NaN below 0 and at NaN, +∞ at +∞); < 1 ulp.
double dd_log(double x);
/// `eˣ` for every double (0 below −745.13, +∞ above 709.78, subnormal results rounded once); < 1 ulp.
double dd_exp(double x);

/// `out[i] = ln(x[i] + shift)`.
void dd_log_shifted(const double *x, double shift, double *out, long n);
/// `out[i] = exp(x[i]) − shift`.
void dd_exp_shifted(const double *x, double shift, double *out, long n);

/// The end of a quasi-arithmetic mean from its sums: `out[i] = g⁻¹(num[i] / den[i])` where `scored[i] != 0` and
/// `den[i] > 0`, else NaN; `g⁻¹(y) = y` (`logarithmic == 0`) or `eʸ − shift`.
void dd_mean_finish(const double *num, const double *den, const double *scored, long n, int logarithmic,
                    double shift, double *out);

/// A quasi-arithmetic mean over `k` columns of `n` values (NaN = missing), per row `i`, in column order:
/// `num = Σ w[c]·g(x[c][i])`, `den = Σ w[c]`, `count` = present values, over the present values inside the domain
/// (`g(x) = x`, or `ln(x + shift)` with the domain `x + shift > 0`); then `out[i] = g⁻¹(num / den)` where
/// `count ≥ needed` and `den > 0`, else NaN, and `share[i] = count / k` (0 when k = 0) when `share` is not NULL.
/// Returns the number of present values outside the domain (0 for the arithmetic mean): the caller then reports
/// the first one (the row's output is unspecified).
long dd_mean_combine(const double *const *columns, const double *weights, long k, long n, int logarithmic,
                     double shift, double needed, double *out, double *share);

/// The denominators of a node of indicators from its missing cells, for a block of `b` replications:
/// `den[u + ldd·j] = Σ_c w[j + b·c] − Σ_{c : unit u misses child c} w[j + b·c]`, the weight sum in child order, then
/// the missing children's weights subtracted in child order (`units[starts[c]..<starts[c+1]]` are the units missing
/// child c, ascending). `cursor` is scratch for `k` positions.
void dd_missing_denominators(const double *weights, long b, long k, const int32_t *units, const long *starts,
                             long n, long *cursor, double *den, long ldd);

#ifdef __cplusplus
}
#endif
#endif
