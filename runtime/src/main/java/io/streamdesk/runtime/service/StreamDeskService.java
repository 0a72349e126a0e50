package io.streamdesk.runtime.service;

import io.streamdesk.runtime.ops.HealthCheck;
import java.util.List;
import java.util.Map;

/**
 * One StreamDesk service (intent-stream, retrieval-stream, generation-worker, ...). The same
 * instance runs alone under {@code ./cs service NAME} (the compose deployment) or next to the
 * others in the one-JVM local stack; a {@link ServiceHost} owns its lifecycle either way.
 */
public interface StreamDeskService extends AutoCloseable {

  /** Service name, e.g. {@code intent-stream}; also the health-check and metrics tag. */
  String name();

  /** Starts the service and returns once it serves; throws with a clear message otherwise. */
  void start();

  /** Checks to register on the ops endpoint, by component name. Cheap: read a state only. */
  Map<String, HealthCheck> healthChecks();

  /** Topics (or endpoints) the service reads, for the ready line. */
  List<String> inputs();

  /** Topics (or endpoints) the service writes, for the ready line. */
  List<String> outputs();

  /** Stops the service, draining in-flight work; idempotent. */
  @Override
  void close();
}
