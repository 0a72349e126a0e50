package io.streamdesk.intent.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LbfgsTest {

  @Test
  void shouldFindTheMinimumOfTheRosenbrockFunction() {
    // Given the classic badly conditioned valley, minimum at (1, 1)
    DifferentiableFunction rosenbrock =
        (x, g) -> {
          double a = 1 - x[0];
          double b = x[1] - x[0] * x[0];
          g[0] = -2 * a - 400 * x[0] * b;
          g[1] = 200 * b;
          return a * a + 100 * b * b;
        };

    // When minimised from the usual start
    Lbfgs.Result result =
        new Lbfgs(10, 1000, 1e-10, 0).minimize(rosenbrock, new double[] {-1.2, 1});

    // Then it converges to the minimum
    assertThat(result.converged()).isTrue();
    assertThat(result.x()[0]).isCloseTo(1, within(1e-4));
    assertThat(result.x()[1]).isCloseTo(1, within(1e-4));
  }

  @Test
  void shouldSolveAQuadraticInFewIterations() {
    // Given f(x) = sum_i (i + 1) (x_i - i)^2
    int n = 50;
    DifferentiableFunction quadratic =
        (x, g) -> {
          double f = 0;
          for (int i = 0; i < n; i++) {
            double r = x[i] - i;
            f += (i + 1) * r * r;
            g[i] = 2 * (i + 1) * r;
          }
          return f;
        };

    Lbfgs.Result result = new Lbfgs(10, 200, 1e-9, 0).minimize(quadratic, new double[n]);

    assertThat(result.converged()).isTrue();
    assertThat(result.iterations()).isLessThan(100);
    for (int i = 0; i < n; i++) {
      assertThat(result.x()[i]).isCloseTo(i, within(1e-6));
    }
  }
}
