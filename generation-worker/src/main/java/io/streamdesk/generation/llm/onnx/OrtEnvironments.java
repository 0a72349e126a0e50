package io.streamdesk.generation.llm.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Creates ONNX Runtime's process-wide environment on a thread with a large stack.
 *
 * <p>Measured with ONNX Runtime 1.29 on Linux: creating the environment uses native stack in
 * proportion to the length of the process's command line, and a JVM started with a long {@code -cp}
 * (about 4,000 characters or more, as the launcher's full classpath is) dies with SIGSEGV when the
 * first {@code OrtEnvironment.getEnvironment()} runs on a thread with the default 1 MiB stack.
 * Later calls, session creation and runs are not affected. A launcher that passes the classpath in
 * an {@code @argfile} or the CLASSPATH variable avoids the problem for every ONNX user in the JVM.
 */
final class OrtEnvironments {

  /** Enough for command lines of about 200,000 characters (Linux caps one argument at 128 KiB). */
  private static final long STACK_BYTES = 64L * 1024 * 1024;

  private OrtEnvironments() {}

  static OrtEnvironment get() {
    AtomicReference<Object> result = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result.set(OrtEnvironment.getEnvironment());
              } catch (RuntimeException | Error e) {
                result.set(e);
              }
            },
            "ort-environment",
            STACK_BYTES);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the ONNX Runtime environment", e);
    }
    if (result.get() instanceof OrtEnvironment env) {
      return env;
    }
    if (result.get() instanceof RuntimeException e) {
      throw e;
    }
    throw (Error) result.get();
  }
}
