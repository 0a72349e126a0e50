package io.streamdesk.intent.classifier;

/** A smooth objective for {@link Lbfgs}: its value at a point, and its gradient there. */
@FunctionalInterface
public interface DifferentiableFunction {

  /**
   * Evaluates the function at {@code x} and writes the gradient into {@code gradient} (same length,
   * overwritten).
   *
   * @return the value at {@code x}
   */
  double evaluate(double[] x, double[] gradient);
}
