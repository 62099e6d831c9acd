/// |a − b| ≤ tol·max(1, |b|).
func isNear(_ a: Double, _ b: Double, _ tol: Double = 1e-12) -> Bool {
    abs(a - b) <= tol * max(1, abs(b))
}

/// |a − b| ≤ tol·max(1, |b|) for an optional `a`; false when `a` is nil.
func isNear(_ a: Double?, _ b: Double, _ tol: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return isNear(a, b, tol)
}
