package io.streamdesk.runtime.ops;

/**
 * Says whether one component can do its work. Called on every {@code /health} request, so it must
 * be cheap (read a state, do not call the network); a check that throws counts as DOWN.
 */
@FunctionalInterface
public interface HealthCheck {

  Health check();
}
