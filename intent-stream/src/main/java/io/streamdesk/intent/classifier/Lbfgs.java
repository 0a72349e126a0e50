package io.streamdesk.intent.classifier;

import java.util.Arrays;

/**
 * Limited-memory BFGS minimiser (Nocedal and Wright, Numerical Optimization, algorithm 7.4 and 7.5)
 * with a backtracking line search on the Armijo condition; curvature pairs that would break
 * positive definiteness are skipped, which keeps the search direction a descent direction.
 *
 * <p>Written for smooth, strongly convex objectives such as L2-regularised softmax regression,
 * where this simple line search converges reliably. Deterministic: the same start and function give
 * the same iterates.
 *
 * @param history curvature pairs kept (typically 5-20)
 * @param maxIterations upper bound on iterations
 * @param gradientTolerance stop when {@code ||g||_inf <= gradientTolerance * max(1, |f|)}
 * @param relativeFunctionTolerance stop when an iteration lowers f by less than this fraction
 */
public record Lbfgs(
    int history, int maxIterations, double gradientTolerance, double relativeFunctionTolerance) {

  private static final double ARMIJO = 1e-4;
  private static final int MAX_BACKTRACKS = 40;

  public Lbfgs {
    if (history < 1) {
      throw new IllegalArgumentException("history must be >= 1, was " + history);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, was " + maxIterations);
    }
    if (!(gradientTolerance >= 0) || !(relativeFunctionTolerance >= 0)) {
      throw new IllegalArgumentException("tolerances must be >= 0");
    }
  }

  /**
   * How a minimisation ended.
   *
   * @param x the last iterate
   * @param value f at {@code x}
   * @param iterations iterations run
   * @param converged whether a tolerance was met (else the iteration limit or a failed line search
   *     ended it)
   */
  public record Result(double[] x, double value, int iterations, boolean converged) {}

  /** Minimises {@code f} from {@code start} (not modified). */
  public Result minimize(DifferentiableFunction f, double[] start) {
    int n = start.length;
    double[] x = start.clone();
    double[] g = new double[n];
    double fx = f.evaluate(x, g);
    requireFinite(fx, 0);
    double[][] s = new double[history][];
    double[][] y = new double[history][];
    double[] rho = new double[history];
    int stored = 0;
    int newest = -1;
    double[] direction = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    double[] alpha = new double[history];

    for (int iter = 1; iter <= maxIterations; iter++) {
      if (normInf(g) <= gradientTolerance * Math.max(1, Math.abs(fx))) {
        return new Result(x, fx, iter - 1, true);
      }
      twoLoop(g, s, y, rho, stored, newest, alpha, direction);
      double slope = dot(g, direction);
      if (slope >= 0) {
        // Not a descent direction (numerical trouble): restart from steepest descent.
        for (int i = 0; i < n; i++) {
          direction[i] = -g[i];
        }
        slope = dot(g, direction);
        stored = 0;
      }
      double step = stored == 0 ? Math.min(1, 1 / Math.max(1e-12, norm2(g))) : 1;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int b = 0; b < MAX_BACKTRACKS; b++) {
        for (int i = 0; i < n; i++) {
          xNew[i] = x[i] + step * direction[i];
        }
        fNew = f.evaluate(xNew, gNew);
        if (Double.isFinite(fNew) && fNew <= fx + ARMIJO * step * slope) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        return new Result(x, fx, iter, false);
      }
      int slot = (newest + 1) % history;
      double[] sk = s[slot] == null ? new double[n] : s[slot];
      double[] yk = y[slot] == null ? new double[n] : y[slot];
      for (int i = 0; i < n; i++) {
        sk[i] = xNew[i] - x[i];
        yk[i] = gNew[i] - g[i];
      }
      double sy = dot(sk, yk);
      if (sy > 1e-10 * norm2(sk) * norm2(yk)) {
        s[slot] = sk;
        y[slot] = yk;
        rho[slot] = 1 / sy;
        newest = slot;
        stored = Math.min(stored + 1, history);
      }
      double decrease = fx - fNew;
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      if (decrease <= relativeFunctionTolerance * Math.max(1, Math.abs(fx))) {
        return new Result(x, fx, iter, true);
      }
    }
    return new Result(x, fx, maxIterations, false);
  }

  /** direction = -H g, H the L-BFGS inverse Hessian approximation. */
  private static void twoLoop(
      double[] g,
      double[][] s,
      double[][] y,
      double[] rho,
      int stored,
      int newest,
      double[] alpha,
      double[] direction) {
    int m = s.length;
    int n = g.length;
    for (int i = 0; i < n; i++) {
      direction[i] = -g[i];
    }
    for (int k = 0; k < stored; k++) {
      int j = Math.floorMod(newest - k, m);
      alpha[j] = rho[j] * dot(s[j], direction);
      axpy(-alpha[j], y[j], direction);
    }
    if (stored > 0) {
      double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
      for (int i = 0; i < n; i++) {
        direction[i] *= gamma;
      }
    }
    for (int k = stored - 1; k >= 0; k--) {
      int j = Math.floorMod(newest - k, m);
      double beta = rho[j] * dot(y[j], direction);
      axpy(alpha[j] - beta, s[j], direction);
    }
  }

  private static void requireFinite(double value, int iteration) {
    if (!Double.isFinite(value)) {
      throw new ArithmeticException("objective is not finite at iteration " + iteration);
    }
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double norm2(double[] v) {
    return Math.sqrt(dot(v, v));
  }

  private static double normInf(double[] v) {
    return Arrays.stream(v).map(Math::abs).max().orElse(0);
  }
}
