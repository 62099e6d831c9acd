// See include/divide_kernels.h. One source, three paths: the loops below are `static inline` bodies that each
// path's entry point (with its `target` attribute) inlines, so the compiler vectorises every path at its width.
// No compiler flag is needed (the package carries no unsafeFlags): the target attributes do it.
#include "divide_kernels.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// No fused multiply-add anywhere: every path must round the same operations (bit-identical results).
#pragma STDC FP_CONTRACT OFF
#if defined(__clang__)
#pragma clang fp contract(off)
#endif

#define INLINE static inline __attribute__((always_inline))

INLINE uint64_t as_u64(double x) { uint64_t u; memcpy(&u, &x, sizeof u); return u; }
INLINE double as_f64(uint64_t u) { double x; memcpy(&x, &u, sizeof x); return x; }

// MARK: - Logarithm (fdlibm e_log.c, Sun Microsystems 1993; the reduction as in musl's log.c)

// ln v for v positive, normal and finite (the core; `wide` is a compile-time constant: 1 in the AVX-512 path,
// which converts k with one instruction; the other paths build it in the mantissa of 2^52. Both give k exactly,
// so the paths agree bit for bit). v = 2^k·m with m in [√2/2, √2) by integer arithmetic on the bit pattern,
// f = m − 1, s = f/(2 + f), ln v = k·ln2_hi − ((½f² − (s·(½f² + R(s²)) + k·ln2_lo)) − f) with fdlibm's minimax R.
INLINE double log_normal(double v, double adjust, int wide) {
    const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
    const double lg1 = 6.666666666666735130e-01, lg2 = 3.999999999940941908e-01, lg3 = 2.857142874366239149e-01;
    const double lg4 = 2.222219843214978396e-01, lg5 = 1.818357216161805012e-01, lg6 = 1.531383769920937332e-01;
    const double lg7 = 1.479819860511658591e-01;
    uint64_t bits = as_u64(v);
    uint64_t t = bits - 0x3FE6A09E667F3BCDULL;
    double m = as_f64(bits - (t & 0xFFF0000000000000ULL));
    double k;
    if (wide) {
        k = (double)((int64_t)t >> 52) - adjust;
    } else {
        // (k + 2048) mod 4096 in the mantissa of 2^52: k without an integer conversion.
        uint64_t biased = ((t >> 52) + 2048) & 4095;
        k = as_f64(0x4330000000000000ULL | biased) - (4503599627370496.0 + 2048.0) - adjust;
    }
    double f = m - 1.0;
    double s = f / (2.0 + f);
    double z = s * s, w = z * z;
    double t1 = w * (lg2 + w * (lg4 + w * lg6));
    double t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)));
    double r = t2 + t1;
    double hfsq = 0.5 * f * f;
    return k * ln2_hi - ((hfsq - (s * (hfsq + r) + k * ln2_lo)) - f);
}

#define DD_TINY 2.2250738585072014e-308   // the least normal double
#define DD_HUGE 1.7976931348623157e308    // the greatest finite double

// ln x for every double, branch-free: subnormals scaled by 2^52 first, then the special values.
INLINE double log_body_w(double x, int wide) {
    int sub = x < DD_TINY;
    double xs = sub ? x * 4503599627370496.0 : x;  // 2^52
    double adjust = sub ? 52.0 : 0.0;
    int inside = xs >= DD_TINY && xs <= DD_HUGE;
    double y = log_normal(inside ? xs : 1.0, adjust, wide);
    y = x == __builtin_inf() ? x : y;
    y = x == 0.0 ? -__builtin_inf() : y;
    y = (x < 0.0 || x != x) ? __builtin_nan("") : y;
    return y;
}

INLINE double log_body(double x) { return log_body_w(x, 0); }

// MARK: - Exponential (fdlibm e_exp.c)

// e^x for every double, branch-free: k = round(x/ln2), r = x − k·ln2 (hi and lo parts),
// e^r = 1 − ((lo − r·c/(2 − c)) − hi) with c = r − r²·P(r²), then 2^k applied as 2^k1·2^k2 (k1 = round(k/2)), so
// results near overflow and in the subnormal range are scaled without an overflow and rounded once.
INLINE double exp_body(double x) {
    const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
    const double inv_ln2 = 1.44269504088896338700e+00;
    const double p1 = 1.66666666666666019037e-01, p2 = -2.77777777770155933842e-03;
    const double p3 = 6.61375632143793436117e-05, p4 = -1.65339022054652515390e-06;
    const double p5 = 4.13813679705723846039e-08;
    const double shifter = 6755399441055744.0;  // 1.5·2^52
    const double overflow = 7.09782712893383973096e+02, underflow = -7.45133219101941108420e+02;
    double xc = x > 709.8 ? 709.8 : x;
    xc = xc < -746.0 ? -746.0 : xc;
    xc = xc != xc ? 0.0 : xc;
    double kd = xc * inv_ln2 + shifter;
    kd = kd - shifter;                      // round(x/ln2), ties to even, |k| ≤ 1077
    double hi = xc - kd * ln2_hi;           // exact: ln2_hi has 32 trailing zero bits
    double lo = kd * ln2_lo;
    double r = hi - lo;
    double t = r * r;
    double c = r - t * (p1 + t * (p2 + t * (p3 + t * (p4 + t * p5))));
    double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
    double k1 = (kd * 0.5 + shifter) - shifter;
    double k2 = kd - k1;                    // both in [−539, 513]
    uint64_t e1 = as_u64(k1 + (shifter + 1023.0)) - as_u64(shifter);
    uint64_t e2 = as_u64(k2 + (shifter + 1023.0)) - as_u64(shifter);
    y = (y * as_f64(e1 << 52)) * as_f64(e2 << 52);
    y = x > overflow ? __builtin_inf() : y;
    y = x < underflow ? 0.0 : y;
    y = x != x ? x : y;
    return y;
}

// MARK: - Loops (bodies inlined into each path)

INLINE void log_shifted_body(const double *restrict x, double shift, double *restrict out, long n, int wide) {
    for (long i = 0; i < n; i++) out[i] = log_body_w(x[i] + shift, wide);
}

INLINE void exp_shifted_body(const double *restrict x, double shift, double *restrict out, long n) {
    for (long i = 0; i < n; i++) out[i] = exp_body(x[i]) - shift;
}

INLINE void finish_body(const double *restrict num, const double *restrict den, const double *restrict scored,
                        long n, int logarithmic, double shift, double *restrict out) {
    if (logarithmic) {
        for (long i = 0; i < n; i++) {
            double d = den[i], y = exp_body(num[i] / d) - shift;
            out[i] = (scored[i] != 0.0 && d > 0.0) ? y : __builtin_nan("");
        }
    } else {
        for (long i = 0; i < n; i++) {
            double d = den[i], y = num[i] / d;
            out[i] = (scored[i] != 0.0 && d > 0.0) ? y : __builtin_nan("");
        }
    }
}

#define DD_CHUNK 256

// One child's column into a mean's sums: w·ln(x + shift), w and the count where present and inside the domain;
// `full` (a compile-time constant) takes the logarithm with its subnormal and infinite cases, else the core alone.
INLINE void log_accumulate(const double *restrict x, long m, double shift, double w, double *restrict num,
                           double *restrict den, double *restrict count, long *outside, int full, int wide) {
    long out = 0;
    for (long i = 0; i < m; i++) {
        double v = x[i], y = v + shift;
        int present = v == v, in = y > 0.0;
        double g = full ? log_body_w(in ? y : 1.0, wide) : log_normal(in ? y : 1.0, 0.0, wide);
        num[i] += in ? w * g : 0.0;
        den[i] += in ? w : 0.0;
        count[i] += present ? 1.0 : 0.0;
        out += present & !in;
    }
    *outside += out;
}

INLINE long combine_body(const double *const *columns, const double *weights, long k, long n, int logarithmic,
                         double shift, double needed, double *restrict out, double *restrict share, int wide) {
    double num[DD_CHUNK], den[DD_CHUNK], count[DD_CHUNK];
    long outside = 0;
    const double children = (double)k;
    for (long start = 0; start < n; start += DD_CHUNK) {
        long m = n - start < DD_CHUNK ? n - start : DD_CHUNK;
        for (long i = 0; i < m; i++) { num[i] = 0.0; den[i] = 0.0; count[i] = 0.0; }
        for (long c = 0; c < k; c++) {
            const double *restrict x = columns[c] + start;
            const double w = weights[c];
            if (logarithmic) {
                // The values inside the domain are almost always normal and finite: then the core alone (no
                // special-value selects); a block with a subnormal or infinite x + shift takes the full form.
                long unusual = 0;
                for (long i = 0; i < m; i++) {
                    double y = x[i] + shift;
                    unusual += (y > 0.0) & ((y < DD_TINY) | (y > DD_HUGE));
                }
                if (unusual == 0) log_accumulate(x, m, shift, w, num, den, count, &outside, 0, wide);
                else log_accumulate(x, m, shift, w, num, den, count, &outside, 1, wide);
            } else {
                for (long i = 0; i < m; i++) {
                    double v = x[i];
                    int present = v == v;
                    num[i] += present ? w * v : 0.0;
                    den[i] += present ? w : 0.0;
                    count[i] += present ? 1.0 : 0.0;
                }
            }
        }
        double *restrict o = out + start;
        if (logarithmic) {
            for (long i = 0; i < m; i++) {
                double d = den[i], y = exp_body(num[i] / d) - shift;
                o[i] = (count[i] >= needed && d > 0.0) ? y : __builtin_nan("");
            }
        } else {
            for (long i = 0; i < m; i++) {
                double d = den[i], y = num[i] / d;
                o[i] = (count[i] >= needed && d > 0.0) ? y : __builtin_nan("");
            }
        }
        if (share) {
            double *restrict s = share + start;
            for (long i = 0; i < m; i++) s[i] = k == 0 ? 0.0 : count[i] / children;
        }
    }
    return outside;
}

// Denominators from missing cells, a block of b replications at once, in tiles of 64 units × 32 replications that
// stay in L1: the tile's rows (unit-major, u·bb + j) start at the weight sums and lose, child by child, the weight of
// each missing cell (a vector over the replications), then are transposed into den's columns. The same subtractions
// in the same order as one replication at a time (child order per unit).
#define DD_TILE_UNITS 64
#define DD_TILE_REPS 32
// One tile; `bb` is a compile-time constant where the caller passes one (16: the workload's blocks), so the
// replication loops become straight vector code.
INLINE void denominators_tile(const double *restrict w, long b, long k, const int32_t *restrict units,
                              const long *restrict starts, long u0, long nu, long j0, long bb,
                              const double *restrict total, long *restrict cursor, double *restrict work,
                              double *restrict den, long ldd) {
    for (long u = 0; u < nu; u++)
        for (long j = 0; j < bb; j++) work[u * bb + j] = total[j];
    for (long c = 0; c < k; c++) {
        const double *restrict wc = w + j0 + b * c;
        long m = cursor[c], end = starts[c + 1];
        for (; m < end && units[m] < u0 + nu; m++) {
            double *restrict row = work + (units[m] - u0) * bb;
            for (long j = 0; j < bb; j++) row[j] -= wc[j];
        }
        cursor[c] = m;
    }
    for (long j = 0; j < bb; j++) {
        double *restrict column = den + u0 + ldd * (j0 + j);
        // Strided reads: gathers would be slower than scalar copies (Zen 4), so no vectorising here.
#pragma clang loop vectorize(disable)
        for (long u = 0; u < nu; u++) column[u] = work[u * bb + j];
    }
}

INLINE void denominators_body(const double *restrict w, long b, long k, const int32_t *restrict units,
                              const long *restrict starts, long n, long *restrict cursor, double *restrict den,
                              long ldd) {
    double total[DD_TILE_REPS], work[DD_TILE_UNITS * DD_TILE_REPS];
    for (long j0 = 0; j0 < b; j0 += DD_TILE_REPS) {
        long bb = b - j0 < DD_TILE_REPS ? b - j0 : DD_TILE_REPS;
        for (long j = 0; j < bb; j++) total[j] = 0.0;
        for (long c = 0; c < k; c++)
            for (long j = 0; j < bb; j++) total[j] += w[j0 + j + b * c];
        for (long c = 0; c < k; c++) cursor[c] = starts[c];
        for (long u0 = 0; u0 < n; u0 += DD_TILE_UNITS) {
            long nu = n - u0 < DD_TILE_UNITS ? n - u0 : DD_TILE_UNITS;
            if (bb == 16)
                denominators_tile(w, b, k, units, starts, u0, nu, j0, 16, total, cursor, work, den, ldd);
            else
                denominators_tile(w, b, k, units, starts, u0, nu, j0, bb, total, cursor, work, den, ldd);
        }
    }
}

// MARK: - The three paths

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define DD_X86 1
#define AVX512 __attribute__((target("avx512f,avx512dq"), min_vector_width(512)))
#define AVX2 __attribute__((target("avx2,fma")))
#else
#define DD_X86 0
#endif

#define DD_VARIANTS(suffix, attr)                                                                              \
    attr static void log_shifted_##suffix(const double *x, double shift, double *out, long n) {                \
        log_shifted_body(x, shift, out, n, WIDE);                                                               \
    }                                                                                                          \
    attr static void exp_shifted_##suffix(const double *x, double shift, double *out, long n) {                \
        exp_shifted_body(x, shift, out, n);                                                                     \
    }                                                                                                          \
    attr static void finish_##suffix(const double *num, const double *den, const double *scored, long n,      \
                                     int logarithmic, double shift, double *out) {                             \
        finish_body(num, den, scored, n, logarithmic, shift, out);                                             \
    }                                                                                                          \
    attr static void denominators_##suffix(const double *w, long b, long k, const int32_t *units,             \
                                           const long *starts, long n, long *cursor, double *den, long ldd) {  \
        denominators_body(w, b, k, units, starts, n, cursor, den, ldd);                                        \
    }                                                                                                          \
    attr static long combine_##suffix(const double *const *columns, const double *weights, long k, long n,    \
                                      int logarithmic, double shift, double needed, double *out,              \
                                      double *share) {                                                         \
        return combine_body(columns, weights, k, n, logarithmic, shift, needed, out, share, WIDE);             \
    }

#define WIDE 0
DD_VARIANTS(baseline, )
#if DD_X86
DD_VARIANTS(avx2, AVX2)
#undef WIDE
#define WIDE 1
DD_VARIANTS(avx512, AVX512)
#endif

// MARK: - Dispatch

static int dd_path = -1;     // -1: not chosen yet
static int dd_forced = 0;

int dd_kernel_best_path(void) {
#if DD_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) return DD_PATH_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return DD_PATH_AVX2;
#endif
    return DD_PATH_BASELINE;
}

static int choose(void) {
    int best = dd_kernel_best_path(), path = best, forced = 0;
    const char *name = getenv("DIVIDE_KERNEL_PATH");
    if (name && *name) {
        int wanted = !strcmp(name, "baseline") ? DD_PATH_BASELINE
                   : !strcmp(name, "avx2") ? DD_PATH_AVX2
                   : !strcmp(name, "avx512") ? DD_PATH_AVX512 : best;
        path = wanted < best ? wanted : best;
        forced = path != best;
    }
    __atomic_store_n(&dd_forced, forced, __ATOMIC_RELAXED);
    __atomic_store_n(&dd_path, path, __ATOMIC_RELEASE);
    return path;
}

int dd_kernel_path(void) {
    int path = __atomic_load_n(&dd_path, __ATOMIC_ACQUIRE);
    return path >= 0 ? path : choose();
}

int dd_kernel_set_path(int path) {
    int best = dd_kernel_best_path();
    int p = path < DD_PATH_BASELINE ? DD_PATH_BASELINE : (path > best ? best : path);
    __atomic_store_n(&dd_forced, p != best, __ATOMIC_RELAXED);
    __atomic_store_n(&dd_path, p, __ATOMIC_RELEASE);
    return p;
}

int dd_kernel_path_forced(void) {
    (void)dd_kernel_path();
    return __atomic_load_n(&dd_forced, __ATOMIC_RELAXED);
}

double dd_log(double x) { return log_body(x); }
double dd_exp(double x) { return exp_body(x); }

#if DD_X86
#define DISPATCH(name, ...)                                                                                   \
    switch (dd_kernel_path()) {                                                                               \
    case DD_PATH_AVX512: return name##_avx512(__VA_ARGS__);                                                  \
    case DD_PATH_AVX2: return name##_avx2(__VA_ARGS__);                                                      \
    default: return name##_baseline(__VA_ARGS__);                                                            \
    }
#else
#define DISPATCH(name, ...) return name##_baseline(__VA_ARGS__);
#endif

void dd_log_shifted(const double *x, double shift, double *out, long n) { DISPATCH(log_shifted, x, shift, out, n) }
void dd_exp_shifted(const double *x, double shift, double *out, long n) { DISPATCH(exp_shifted, x, shift, out, n) }
void dd_mean_finish(const double *num, const double *den, const double *scored, long n, int logarithmic,
                    double shift, double *out) {
    DISPATCH(finish, num, den, scored, n, logarithmic, shift, out)
}
long dd_mean_combine(const double *const *columns, const double *weights, long k, long n, int logarithmic,
                     double shift, double needed, double *out, double *share) {
    DISPATCH(combine, columns, weights, k, n, logarithmic, shift, needed, out, share)
}
void dd_missing_denominators(const double *weights, long b, long k, const int32_t *units, const long *starts,
                             long n, long *cursor, double *den, long ldd) {
    DISPATCH(denominators, weights, b, k, units, starts, n, cursor, den, ldd)
}
